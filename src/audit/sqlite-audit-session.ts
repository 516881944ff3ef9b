import type BetterSqlite3 from 'better-sqlite3'

/**
 * Names of the SQL functions the SQLite audit triggers and `withAuditContext`
 * call. SQLite has no transaction id and no session variables, so the library
 * registers these on every connection it opens; another program that writes an
 * audited table must register them too (its writes fail with "no such
 * function" otherwise, rather than go unrecorded).
 */
export const SQLITE_AUDIT_FUNCTIONS = {
  /** 1 when this database transaction has no transaction row yet: the trigger then inserts one. */
  needsTransaction: 'residency_audit_needs_transaction',
  /** The transaction row id; adopts its argument (`last_insert_rowid()`) right after that insert. */
  transaction: 'residency_audit_transaction',
  /** The transaction row id of this database transaction, or NULL (same name on PostgreSQL). */
  currentTransaction: 'residency_audit_current_transaction',
  userId: 'residency_audit_user_id',
  remoteAddr: 'residency_audit_remote_addr',
  /** `(user_id, remote_addr)`: the context stamped on this transaction's row (same name on PostgreSQL). */
  setContext: 'residency_audit_set_context',
} as const

/**
 * The audit state of one connection: the transaction row of the database
 * transaction in progress and the context to stamp on it. Like PostgreSQL's
 * transaction-local settings it lives until the transaction ends: the driver
 * wrapper calls `afterStatement` after every statement, which forgets it once
 * no transaction is open (after commit, rollback, or an autocommit statement),
 * and the driver's savepoint hook calls `afterRollbackToSavepoint`. (A
 * `rollback to` sent as raw SQL is not seen: use Kysely's savepoint methods.)
 */
export class SqliteAuditSession {
  readonly #db: BetterSqlite3.Database
  #transactionId: number | null = null
  #pending = false
  #userId: string | null = null
  #remoteAddr: string | null = null
  #active = false
  #exists: BetterSqlite3.Statement | undefined

  constructor(db: BetterSqlite3.Database) {
    this.#db = db
    const f = SQLITE_AUDIT_FUNCTIONS
    db.function(f.needsTransaction, () => {
      if (this.#transactionId !== null) return 0
      this.#pending = true
      this.#active = true
      return 1
    })
    db.function(f.transaction, (inserted: unknown) => {
      if (this.#transactionId === null && this.#pending) {
        this.#transactionId = Number(inserted)
        this.#pending = false
      }
      return this.#transactionId
    })
    db.function(f.currentTransaction, () => this.#transactionId)
    db.function(f.userId, () => this.#userId)
    db.function(f.remoteAddr, () => this.#remoteAddr)
    db.function(f.setContext, (userId: unknown, remoteAddr: unknown) => {
      this.#userId = typeof userId === 'string' ? userId : null
      this.#remoteAddr = typeof remoteAddr === 'string' ? remoteAddr : null
      this.#active = true
      return null
    })
  }

  /** Called by the driver wrapper after each statement, also a failed one. */
  afterStatement(failed: boolean): void {
    if (!this.#active) return
    this.#pending = false
    if (!this.#db.inTransaction) {
      this.#transactionId = null
      this.#userId = null
      this.#remoteAddr = null
      this.#active = false
      return
    }
    // a failed statement may have undone the transaction row
    if (failed) this.#forgetUndoneTransactionRow()
  }

  /** Called by the driver after a rollback to a savepoint, which may have undone the transaction row. */
  afterRollbackToSavepoint(): void {
    if (this.#active && this.#db.inTransaction) this.#forgetUndoneTransactionRow()
  }

  #forgetUndoneTransactionRow(): void {
    if (this.#transactionId === null) return
    this.#exists ??= this.#db.prepare('select 1 from "transaction" where id = ?').pluck()
    if (this.#exists.get(this.#transactionId) === undefined) this.#transactionId = null
  }
}
