import type { CompiledQuery, DatabaseConnection, Driver, Kysely, QueryResult, TransactionSettings } from 'kysely'

/** Node socket errors and SQLSTATEs that mean the server is gone or not accepting connections. */
const SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EHOSTUNREACH', 'EAI_AGAIN'])
const SERVER_GONE = /^(08|57P0[123])/
const LOST = /connection terminated|connection error|not queryable|Connection ended/i

/** Whether a replica failed as a server (down, restarting, unreachable), not as a query. */
export function isReplicaDown(error: unknown): boolean {
  let e = error as { code?: string; message?: string; cause?: unknown; name?: string } | undefined
  for (let depth = 0; e && depth < 3; depth++, e = e.cause as typeof e) {
    if (e.name === 'ConnectionError') return true
    if (e.code && (SOCKET_CODES.has(e.code) || SERVER_GONE.test(e.code))) return true
    if (e.message && LOST.test(e.message)) return true
  }
  return false
}

/** A standby cancelled the read because WAL replay needed the rows it was reading: the primary answers. */
const isRecoveryConflict = (error: unknown) =>
  (error as { code?: string }).code === '40001' && /conflict with recovery/.test((error as Error).message ?? '')

/** One replica's health, shared by its driver and the router. */
export class ReplicaHealth {
  #downUntil = 0
  /** How many reads this replica handed to the primary (down or in recovery conflict). */
  failovers = 0

  constructor(
    readonly name: string,
    private readonly retryAfterMs: number,
  ) {}

  get up(): boolean {
    return Date.now() >= this.#downUntil
  }

  markDown(): void {
    this.#downUntil = Date.now() + this.retryAfterMs
  }
}

/** Runs a compiled query on the primary, through its own driver and connection pool. */
export type PrimaryRunner = (query: CompiledQuery) => Promise<QueryResult<unknown>>

/** Runs `query` on the primary's pool (without its plugins: the replica's Kysely applies those). */
export const primaryRunner =
  (primary: Kysely<any>): PrimaryRunner =>
  (query) =>
    primary.getExecutor().provideConnection((connection) => connection.executeQuery(query))

/**
 * A replica's driver that fails over to the primary: when the replica cannot
 * be reached (a connection refused or lost), it is marked down for a while and
 * the query runs on the primary; so does a read the standby cancelled in a
 * recovery conflict. Reads only: the router never gives this driver a
 * transaction (it refuses one).
 */
export class FailoverDriver implements Driver {
  constructor(
    private readonly replica: Driver,
    private readonly health: ReplicaHealth,
    private readonly onPrimary: PrimaryRunner,
  ) {}

  init(): Promise<void> {
    return this.replica.init()
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    if (!this.health.up) return this.#failoverConnection(undefined)
    try {
      return this.#failoverConnection(await this.replica.acquireConnection())
    } catch (error) {
      if (!isReplicaDown(error)) throw error
      this.health.markDown()
      return this.#failoverConnection(undefined)
    }
  }

  /** A connection that runs on the replica's `connection` and falls back to the primary. */
  #failoverConnection(connection: DatabaseConnection | undefined): DatabaseConnection & { replica?: DatabaseConnection } {
    const { health, onPrimary } = this
    const primary = (query: CompiledQuery) => {
      health.failovers++
      return onPrimary(query)
    }
    return {
      replica: connection,
      async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
        if (connection === undefined || !health.up) return (await primary(query)) as QueryResult<R>
        try {
          return await connection.executeQuery<R>(query)
        } catch (error) {
          if (isReplicaDown(error)) health.markDown()
          else if (!isRecoveryConflict(error)) throw error
          return (await primary(query)) as QueryResult<R>
        }
      },
      streamQuery: () => {
        throw new Error('streaming reads from a replica is not supported: stream from the primary')
      },
    }
  }

  async beginTransaction(_connection: DatabaseConnection, _settings: TransactionSettings): Promise<void> {
    throw new Error('transactions run on the primary: use rdb.db.transaction(), not a replica handle')
  }

  commitTransaction(): Promise<void> {
    return Promise.resolve()
  }

  rollbackTransaction(): Promise<void> {
    return Promise.resolve()
  }

  async releaseConnection(connection: DatabaseConnection): Promise<void> {
    const replica = (connection as { replica?: DatabaseConnection }).replica
    if (replica !== undefined) await this.replica.releaseConnection(replica)
  }

  destroy(): Promise<void> {
    return this.replica.destroy()
  }
}

/** The replicas in turn, skipping those marked down; the primary when none is up. */
export class ReplicaRouter<DB> {
  #next = 0

  constructor(
    private readonly primary: Kysely<DB>,
    readonly replicas: ReadonlyArray<{ health: ReplicaHealth; db: Kysely<DB> }>,
  ) {}

  reader(): Kysely<DB> {
    const n = this.replicas.length
    for (let i = 0; i < n; i++) {
      const replica = this.replicas[(this.#next + i) % n]!
      if (replica.health.up) {
        this.#next = (this.#next + i + 1) % n
        return replica.db
      }
    }
    return this.primary
  }
}
