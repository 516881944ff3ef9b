import type pg from 'pg'
import { CompiledQuery, type DatabaseConnection, type Driver, type TransactionSettings } from 'kysely'
import { PgConnection, type PgConnectionOptions } from './pg-connection.js'
import { connectionLostError, isConnectionLoss } from './postgres-errors.js'
import type { PostgresResultCache } from './postgres-result.js'

/** `savepoint "name"`, `rollback to "name"`, `release "name"`. */
const savepointQuery = (command: string, name: string) => CompiledQuery.raw(`${command} "${name.replaceAll('"', '""')}"`)

/**
 * Kysely's driver for a pg pool: one PgConnection per pooled client, made when
 * the client connects and kept with it, so its 'error' listener lives as long as the
 * client. Transactions go through begin/commit/rollback here, never by reading
 * SQL text. A client whose session was lost is dropped from the pool when it
 * is released, so the next call gets a fresh connection.
 *
 * A released client is first kept by the driver until the event loop's next
 * turn (setImmediate): a call that follows in the same turn (the next
 * statement of a sequential program, awaited one after the other) takes it
 * back without the pool's checkout and release (a nextTick, an idle timer set
 * and cleared, listeners moved, events emitted: about as much as compiling
 * the query). Then it goes back to the pool, whose idle timeout runs from
 * there. Only one client is kept, only when nobody waits for the pool, only
 * of the library's own pool without `maxUses` or `maxLifetimeSeconds` (which
 * count checkouts and age clients: a service's pool may set them too), and a
 * lost one never: it is destroyed at once, as before.
 */
export class PgDriver implements Driver {
  readonly #pool: pg.Pool
  readonly #cache: PostgresResultCache
  readonly #options: PgConnectionOptions
  readonly #connections = new WeakMap<pg.PoolClient, PgConnection>()
  readonly #clients = new WeakMap<PgConnection, pg.PoolClient>()
  readonly #ownsPool: boolean
  readonly #onConnect = (client: pg.PoolClient) => void this.#connectionOf(client)
  #ended: Promise<void> | undefined
  /** A released client kept until the next turn of the event loop. */
  #kept: PgConnection | undefined
  #returnScheduled = false
  /** Whether released clients may be kept: not when the pool counts checkouts or ages its clients, nor for a service's pool. */
  readonly #keeps: boolean
  readonly #returnKept = (): void => {
    this.#returnScheduled = false
    const kept = this.#kept
    this.#kept = undefined
    if (kept !== undefined) this.#release(kept)
  }

  /** `ownsPool` false: a pool the service made and gave; destroy() leaves it open. */
  constructor(pool: pg.Pool, cache: PostgresResultCache, options: PgConnectionOptions, ownsPool = true) {
    this.#pool = pool
    this.#cache = cache
    this.#options = options
    this.#ownsPool = ownsPool
    const { maxUses, maxLifetimeSeconds } = (pool as unknown as { options: { maxUses?: number; maxLifetimeSeconds?: number } }).options
    this.#keeps = ownsPool && !(Number(maxUses) < Infinity) && !maxLifetimeSeconds
    // every new client gets its connection (and so its 'error' listener) the
    // moment it connects: a session ended right after the handshake would
    // otherwise emit 'error' before the caller of connect() is resumed
    pool.on('connect', this.#onConnect)
  }

  async init(): Promise<void> {}

  async acquireConnection(): Promise<DatabaseConnection> {
    const kept = this.#kept
    if (kept !== undefined) {
      this.#kept = undefined
      // lost while kept: dropped, and a fresh client comes from the pool
      if (!kept.lost) return kept
      this.#release(kept)
    }
    let client: pg.PoolClient
    try {
      client = await this.#pool.connect()
    } catch (error) {
      throw isConnectionLoss(error) ? connectionLostError(error) : error
    }
    return this.#connectionOf(client)
  }

  #connectionOf(client: pg.PoolClient): PgConnection {
    let connection = this.#connections.get(client)
    if (!connection) {
      connection = new PgConnection(client, this.#cache, this.#options)
      this.#connections.set(client, connection)
      this.#clients.set(connection, client)
    }
    return connection
  }

  async beginTransaction(connection: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    let sql = 'begin'
    if (settings.isolationLevel || settings.accessMode) {
      sql = 'start transaction'
      if (settings.isolationLevel) sql += ` isolation level ${settings.isolationLevel}`
      if (settings.accessMode) sql += ` ${settings.accessMode}`
    }
    await (connection as PgConnection).begin(sql)
  }

  commitTransaction(connection: DatabaseConnection): Promise<void> {
    return (connection as PgConnection).commit()
  }

  rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    return (connection as PgConnection).rollback()
  }

  async savepoint(connection: DatabaseConnection, name: string): Promise<void> {
    await connection.executeQuery(savepointQuery('savepoint', name))
  }

  async rollbackToSavepoint(connection: DatabaseConnection, name: string): Promise<void> {
    await connection.executeQuery(savepointQuery('rollback to', name))
  }

  async releaseSavepoint(connection: DatabaseConnection, name: string): Promise<void> {
    await connection.executeQuery(savepointQuery('release', name))
  }

  async releaseConnection(connection: DatabaseConnection): Promise<void> {
    const pgConnection = connection as PgConnection
    if (!this.#keeps || pgConnection.lost || this.#kept !== undefined || this.#ended !== undefined || this.#pool.waitingCount > 0) {
      this.#release(pgConnection)
      return
    }
    this.#kept = pgConnection
    if (!this.#returnScheduled) {
      this.#returnScheduled = true
      setImmediate(this.#returnKept)
    }
  }

  #release(connection: PgConnection): void {
    // true destroys the client instead of returning it to the pool
    this.#clients.get(connection)?.release(connection.lost || undefined)
  }

  destroy(): Promise<void> {
    this.#returnKept()
    if (this.#ownsPool) return (this.#ended ??= this.#pool.end())
    this.#pool.off('connect', this.#onConnect)
    return Promise.resolve()
  }
}
