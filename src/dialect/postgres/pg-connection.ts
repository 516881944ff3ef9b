import type pg from 'pg'
import { AbortedTransactionError, type CompiledQuery, type DatabaseConnection, type QueryResult } from 'kysely'
import { wantsArrayRows } from '../array-rows.js'
import { bindablePostgres } from './postgres-codecs.js'
import { streamWithCursor } from './pg-cursor-stream.js'
import { commitOutcomeUnknownError, connectionLostError, isConnectionLoss } from './postgres-errors.js'
import type { PostgresResultCache } from './postgres-result.js'

const AFFECTING = new Set(['INSERT', 'UPDATE', 'DELETE', 'MERGE'])

/** "cached plan must not change result type": the table changed since the statement was prepared. */
function isStalePlan(error: unknown): boolean {
  return (error as { code?: string }).code === '0A000' && /cached plan/.test((error as Error).message)
}

export interface PgConnectionOptions {
  /** Named prepared statements (false behind a transaction-mode pooler: unnamed ones). */
  namedStatements: boolean
  /** Type parsers given with each query, for a pool the library did not make (its own pool has them as its `types`). */
  types?: pg.CustomTypesConfig
  /** The dialect object's error translation (a server error becomes the library's typed error). */
  translateError: (error: unknown) => unknown
}

/**
 * One pooled pg client as Kysely sees it. Queries run as named prepared
 * statements in array row mode and are built into camelCase objects by the
 * result cache (or returned as the arrays, for a query the caller asked so:
 * `askArrayRows`). It knows whether a transaction is open (PgDriver's begin,
 * commit and rollback say so) and whether the server or the network ended the
 * session: it listens for the client's 'error' event for its whole life, so a
 * connection lost while checked out (say a transaction idle between two
 * statements) is remembered here instead of crashing the process, and the
 * next statement fails with a retryable ConnectionError.
 */
export class PgConnection implements DatabaseConnection {
  readonly #client: pg.PoolClient
  readonly #cache: PostgresResultCache
  readonly #named: boolean
  readonly #types: pg.CustomTypesConfig | undefined
  readonly #translate: (error: unknown) => unknown
  #inTransaction = false
  /** Why the session ended, once it has. */
  #lost: Error | undefined

  constructor(client: pg.PoolClient, cache: PostgresResultCache, options: PgConnectionOptions) {
    this.#client = client
    this.#cache = cache
    this.#named = options.namedStatements
    this.#types = options.types
    this.#translate = options.translateError
    client.on('error', (error: Error) => {
      this.#lost ??= error
    })
  }

  /** True once the session is gone: the pool must drop this client. */
  get lost(): boolean {
    return this.#lost !== undefined
  }

  async executeQuery<R>(compiled: CompiledQuery): Promise<QueryResult<R>> {
    const result = await this.#run(compiled.sql, compiled.parameters)
    return {
      numAffectedRows: AFFECTING.has(result.command) ? BigInt(result.rowCount ?? 0) : undefined,
      rows: (wantsArrayRows(compiled) ? result.rows : this.#cache.mapRows(compiled.sql, result.fields, result.rows as unknown[][])) as R[],
    }
  }

  /** `.stream(chunkSize)`: a pg-cursor read `chunkSize` rows at a time, always closed (see pg-cursor-stream.ts). */
  async *streamQuery<R>(compiled: CompiledQuery, chunkSize: number): AsyncIterableIterator<QueryResult<R>> {
    if (this.#lost) throw connectionLostError(this.#lost)
    yield* streamWithCursor<R>(compiled, chunkSize, {
      client: this.#client,
      cache: this.#cache,
      lost: () => this.lost,
      fail: (error) => {
        if (isConnectionLoss(error)) this.#lost ??= error as Error
        return this.#translate(error)
      },
    })
  }

  async begin(sql: string): Promise<void> {
    await this.#run(sql, [])
    this.#inTransaction = true
  }

  /** COMMIT; a connection lost meanwhile leaves the outcome unknown, and says so. */
  async commit(): Promise<void> {
    // lost before COMMIT was sent: the server rolled back, nothing is unknown
    if (this.#lost) {
      this.#inTransaction = false
      throw connectionLostError(this.#lost)
    }
    try {
      const { command } = await this.#run('commit', [])
      // PostgreSQL completes COMMIT with a ROLLBACK tag when an earlier error aborted the transaction
      if (command === 'ROLLBACK') throw new AbortedTransactionError()
    } catch (error) {
      if (this.lost) throw commitOutcomeUnknownError((error as Error).cause ?? error)
      throw error
    } finally {
      this.#inTransaction = false
    }
  }

  /** ROLLBACK; on a lost session there is nothing to do: the server rolled back when the session ended. */
  async rollback(): Promise<void> {
    try {
      if (!this.lost) await this.#run('rollback', [])
    } catch (error) {
      if (!this.lost) throw error
    } finally {
      this.#inTransaction = false
    }
  }

  async #run(sql: string, parameters: ReadonlyArray<unknown>): Promise<pg.QueryArrayResult> {
    if (this.#lost) throw connectionLostError(this.#lost)
    const values = bindablePostgres(parameters)
    try {
      let result: pg.QueryArrayResult
      try {
        result = await this.#execute(sql, values)
      } catch (error) {
        // another program changed a table under a prepared statement: plan it
        // again under a new name; outside a transaction the retry is safe
        if (!isStalePlan(error)) throw error
        this.#cache.forget(sql)
        if (this.#inTransaction) throw error
        result = await this.#execute(sql, values)
      }
      this.#cache.afterRun(sql)
      return result
    } catch (error) {
      if (isConnectionLoss(error)) this.#lost ??= error as Error
      throw this.#translate(error)
    }
  }

  #execute(sql: string, values: unknown[]): Promise<pg.QueryArrayResult> {
    return this.#client.query({ text: sql, values, name: this.#named ? this.#cache.statementName(sql) : undefined, rowMode: 'array', types: this.#types })
  }
}
