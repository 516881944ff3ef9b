import {
  CompiledQuery,
  type DatabaseConnection,
  type Driver,
  IdentifierNode,
  type QueryCompiler,
  RawNode,
  type TransactionSettings,
  createQueryId,
} from 'kysely'
import type { BetterSqliteConnection } from './better-sqlite-connection.js'
import type { DialectRuntime } from '../dialect.js'
import type { DecodingSqliteDatabase } from './sqlite-database.js'

/**
 * Kysely's driver for one better-sqlite3 database. Its transaction hooks carry
 * what SQLite needs beyond plain BEGIN/COMMIT:
 * - a transaction begins as a writer (`BEGIN IMMEDIATE`), unless it is declared
 *   read only (`db.transaction().setAccessMode('read only')`): a deferred one
 *   that reads and then writes cannot wait for another process's write lock
 *   (SQLite fails it at once with SQLITE_BUSY), an immediate one waits for it up
 *   to the busy timeout, so that concurrent writers are serialised;
 * - a transaction a storage failure doomed commits nothing (see
 *   `BetterSqliteConnection`), and its rollback is skipped when SQLite has
 *   already rolled back on its own (after SQLITE_FULL, an I/O error), so the
 *   error users see is the one that ended the transaction, not "cannot
 *   rollback - no transaction is active";
 * - a rollback to a savepoint tells the audit session, whose transaction row it
 *   may have undone.
 */
export class BetterSqliteDriver implements Driver {
  readonly #db: DecodingSqliteDatabase
  readonly #audit: DialectRuntime['auditSession']
  readonly #connection: BetterSqliteConnection

  /**
   * `dialect`: the dialect object, whose audit session hears of rollbacks to a
   * savepoint; `connection`: the database's one connection (the dialect object
   * asks it about the open transaction).
   */
  constructor(db: DecodingSqliteDatabase, dialect: Pick<DialectRuntime, 'auditSession'>, connection: BetterSqliteConnection) {
    this.#db = db
    this.#audit = dialect.auditSession
    this.#connection = connection
  }

  async init(): Promise<void> {}

  async acquireConnection(): Promise<DatabaseConnection> {
    return this.#connection
  }

  async releaseConnection(): Promise<void> {}

  async beginTransaction(connection: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    const writer = settings.accessMode !== 'read only'
    await connection.executeQuery(CompiledQuery.raw(writer ? 'begin immediate' : 'begin deferred'))
    this.#own(connection).transactionBegan(writer)
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    const own = this.#own(connection)
    // the error that doomed the transaction, if one did: then nothing is committed
    own.assertTransactionUsable()
    await connection.executeQuery(CompiledQuery.raw('commit'))
    own.transactionEnded()
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    const own = this.#own(connection)
    // ended first: the rollback must run also in a doomed transaction
    own.transactionEnded()
    if (own.transactionOpen) await connection.executeQuery(CompiledQuery.raw('rollback'))
  }

  async savepoint(connection: DatabaseConnection, name: string, compileQuery: QueryCompiler['compileQuery']): Promise<void> {
    await connection.executeQuery(compileQuery(savepointCommand('savepoint', name), createQueryId()))
  }

  async rollbackToSavepoint(connection: DatabaseConnection, name: string, compileQuery: QueryCompiler['compileQuery']): Promise<void> {
    const own = this.#own(connection)
    // a doomed transaction refuses statements: this one goes to SQLite directly
    own.rolledBackToSavepoint()
    await connection.executeQuery(compileQuery(savepointCommand('rollback to', name), createQueryId()))
    this.#audit?.afterRollbackToSavepoint()
  }

  async releaseSavepoint(connection: DatabaseConnection, name: string, compileQuery: QueryCompiler['compileQuery']): Promise<void> {
    await connection.executeQuery(compileQuery(savepointCommand('release', name), createQueryId()))
  }

  async destroy(): Promise<void> {
    this.#db.close()
  }

  #own(connection: DatabaseConnection): BetterSqliteConnection {
    if (connection !== this.#connection) throw new Error('a connection of another driver was passed to the SQLite driver')
    return this.#connection
  }
}

/** `savepoint "name"` and the like, the name quoted by the compiler (as Kysely's own drivers do). */
function savepointCommand(command: string, name: string): RawNode {
  return RawNode.createWithChildren([RawNode.createWithSql(`${command} `), IdentifierNode.create(name)])
}
