import { type CompiledQuery, type DatabaseConnection, type QueryResult, SelectQueryNode } from 'kysely'
import { StorageError } from '../../errors.js'
import type { DecodingSqliteDatabase } from './sqlite-database.js'
import { checkChunkSize } from '../stream-chunk-size.js'
import { type ArrayRowsResult, wantsArrayRows } from '../array-rows.js'

/**
 * The one connection of a better-sqlite3 database, as Kysely's driver sees it.
 * It knows whether Kysely has a transaction open on it (told by
 * `BetterSqliteDriver`'s hooks). A storage failure inside that transaction (a
 * full disk, an I/O error, a corrupt page) dooms it, as any error does on
 * PostgreSQL: SQLite may have rolled the whole transaction back on its own, or
 * only the failed statement, and either way no later statement of it, nor the
 * commit, may run (outside a transaction, each would be committed on its own):
 * they fail with the error that doomed it, until the transaction is rolled back
 * (or, if SQLite kept it open, rolled back to a savepoint).
 */
export class BetterSqliteConnection implements DatabaseConnection {
  readonly #db: DecodingSqliteDatabase
  #inTransaction = false
  /** The open transaction began as the writer (BEGIN IMMEDIATE). */
  #writer = false
  /** The error that doomed the open transaction. */
  #doomedBy: unknown = undefined

  constructor(db: DecodingSqliteDatabase) {
    this.#db = db
  }

  /** Kysely's transaction begins (its BEGIN succeeded); `writer`: it began with the write lock (BEGIN IMMEDIATE). */
  transactionBegan(writer: boolean): void {
    this.#inTransaction = true
    this.#writer = writer
    this.#doomedBy = undefined
  }

  /** Kysely's transaction ended (committed or rolled back). */
  transactionEnded(): void {
    this.#inTransaction = false
    this.#writer = false
    this.#doomedBy = undefined
  }

  /** Kysely rolled back to a savepoint: if SQLite kept the transaction open, it may go on. */
  rolledBackToSavepoint(): void {
    if (this.#db.inTransaction) this.#doomedBy = undefined
  }

  /** True while SQLite still has the transaction Kysely began open (false once it rolled it back itself). */
  get transactionOpen(): boolean {
    return this.#db.inTransaction
  }

  /**
   * True while Kysely's transaction holds the database's write lock since its
   * BEGIN IMMEDIATE (SQLite keeps it to the end, through rollbacks to a
   * savepoint). False for a deferred (read only) transaction, even one that
   * has written since: a caller that needs the lock then takes it itself.
   */
  get holdsWriteLock(): boolean {
    return this.#inTransaction && this.#writer && this.#db.inTransaction
  }

  /** Throws the error that doomed Kysely's transaction, if one did (or SQLite ended it). */
  assertTransactionUsable(): void {
    if (!this.#inTransaction) return
    if (this.#doomedBy !== undefined) throw this.#doomedBy
    if (!this.#db.inTransaction) throw new Error('SQLite ended the transaction on its own; roll it back and run it again')
  }

  async executeQuery<R>(compiledQuery: CompiledQuery): Promise<QueryResult<R>> {
    return this.#guard(() => {
      const { sql, parameters } = compiledQuery
      const stmt = this.#db.prepare(sql)
      if (stmt.reader) {
        if (!wantsArrayRows(compiledQuery)) return { rows: stmt.all(parameters) as R[] }
        const { rows, decoders } = stmt.allArrays(parameters)
        const result: ArrayRowsResult = { rows, cellDecoders: decoders }
        return result as QueryResult<R>
      }
      const { changes, lastInsertRowid } = stmt.run(parameters)
      return {
        insertId: lastInsertRowid != null ? BigInt(lastInsertRowid) : undefined,
        numAffectedRows: changes != null ? BigInt(changes) : undefined,
        rows: [],
      }
    })
  }

  /** `.stream(chunkSize)`: the statement's iterator, `chunkSize` rows at a time, ended when the consumer stops early. */
  async *streamQuery<R>(compiledQuery: CompiledQuery, chunkSize = 100): AsyncIterableIterator<QueryResult<R>> {
    checkChunkSize(chunkSize)
    const { sql, parameters, query } = compiledQuery
    if (!SelectQueryNode.is(query)) throw new Error('SQLite streams only select queries')
    const rows = this.#guard(() => this.#db.prepare(sql).iterate(parameters))
    try {
      for (;;) {
        const chunk = this.#guard(() => {
          const out: R[] = []
          while (out.length < chunkSize) {
            const next = rows.next()
            if (next.done) break
            out.push(next.value as R)
          }
          return out
        })
        if (chunk.length === 0) return
        yield { rows: chunk }
        if (chunk.length < chunkSize) return
      }
    } finally {
      // frees the statement (better-sqlite3 keeps the connection busy while it iterates)
      rows.return?.()
    }
  }

  #guard<T>(run: () => T): T {
    this.assertTransactionUsable()
    try {
      return run()
    } catch (error) {
      if (this.#inTransaction && (error instanceof StorageError || !this.#db.inTransaction)) this.#doomedBy ??= error
      throw error
    }
  }
}
