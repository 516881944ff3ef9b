import { type CompiledQuery, type DatabaseConnection, type QueryResult, SelectQueryNode } from 'kysely'
import type { DecodingSqliteDatabase } from './sqlite-database.js'

/**
 * The one connection of a better-sqlite3 database, as Kysely's driver sees it.
 * It knows whether Kysely has a transaction open on it (told by
 * `BetterSqliteDriver`'s hooks), so that when SQLite itself ends that
 * transaction after an error (a full disk, an I/O error: SQLite rolls back on
 * its own), no later statement of it runs outside a transaction, committed
 * piecemeal: each one, and the commit, fails with the error that ended it.
 */
export class BetterSqliteConnection implements DatabaseConnection {
  readonly #db: DecodingSqliteDatabase
  #inTransaction = false
  /** The error after which SQLite ended the open transaction on its own. */
  #endedBy: unknown = undefined

  constructor(db: DecodingSqliteDatabase) {
    this.#db = db
  }

  /** Kysely's transaction begins (its BEGIN succeeded). */
  transactionBegan(): void {
    this.#inTransaction = true
    this.#endedBy = undefined
  }

  /** Kysely's transaction ended (committed or rolled back). */
  transactionEnded(): void {
    this.#inTransaction = false
    this.#endedBy = undefined
  }

  /** True while SQLite still has the transaction Kysely began open (false once it rolled it back itself). */
  get transactionOpen(): boolean {
    return this.#db.inTransaction
  }

  /** Throws the error that ended Kysely's transaction, if SQLite ended it. */
  assertTransactionOpen(): void {
    if (this.#inTransaction && !this.#db.inTransaction) throw this.#endedBy ?? new Error('SQLite ended the transaction')
  }

  async executeQuery<R>(compiledQuery: CompiledQuery): Promise<QueryResult<R>> {
    return this.#guard(() => {
      const { sql, parameters } = compiledQuery
      const stmt = this.#db.prepare(sql)
      if (stmt.reader) return { rows: stmt.all(parameters) as R[] }
      const { changes, lastInsertRowid } = stmt.run(parameters)
      return {
        insertId: lastInsertRowid != null ? BigInt(lastInsertRowid) : undefined,
        numAffectedRows: changes != null ? BigInt(changes) : undefined,
        rows: [],
      }
    })
  }

  async *streamQuery<R>(compiledQuery: CompiledQuery): AsyncIterableIterator<QueryResult<R>> {
    const { sql, parameters, query } = compiledQuery
    if (!SelectQueryNode.is(query)) throw new Error('SQLite streams only select queries')
    const rows = this.#guard(() => this.#db.prepare(sql).iterate(parameters))
    for (;;) {
      const next = this.#guard(() => rows.next())
      if (next.done) return
      yield { rows: [next.value as R] }
    }
  }

  #guard<T>(run: () => T): T {
    this.assertTransactionOpen()
    try {
      return run()
    } catch (error) {
      if (this.#inTransaction && !this.#db.inTransaction) this.#endedBy ??= error
      throw error
    }
  }
}
