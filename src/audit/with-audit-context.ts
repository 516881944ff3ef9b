import { sql, type Transaction } from 'kysely'
import { z } from 'zod'
import { isStorableText } from '../codec/values.js'
import { parseParams } from '../repositories/parse-params.js'
import type { Executor } from '../repositories/row-types.js'
import type { Database } from '../schema/generated/database.js'

/** Who makes a change and from where, as the audit's `transaction` row records it. */
export interface AuditContext {
  /** The user (any id or name, up to 255 characters); default null. */
  userId?: string | null
  /** The client's address (up to 50 characters, enough for IPv6); default null. */
  remoteAddr?: string | null
}

// stored in text columns: no NUL, no lone surrogate (it would come back as U+FFFD)
const contextText = (max: number) => z.string().min(1).max(max).refine(isStorableText, 'must not contain a NUL character or a lone surrogate')

const auditContextParams = z.strictObject({
  userId: contextText(255).nullish(),
  remoteAddr: contextText(50).nullish(),
})

/**
 * Runs `fn` in a database transaction whose changes to audited tables are
 * recorded with `context`: its `transaction` row carries `userId` and
 * `remoteAddr`. Changes made without a context are recorded too, with a null
 * user.
 *
 * The context belongs to the database transaction (a transaction-local setting
 * on PostgreSQL, the connection's audit state on SQLite), so concurrent
 * transactions never see each other's. Given an open transaction, `fn` runs in
 * it and the context applies to the whole of it: a database transaction has one
 * `transaction` row, stamped even when it already recorded changes.
 *
 * @example
 * await withAuditContext(db, { userId: 'coordinator@example.org', remoteAddr: '10.1.2.3' }, (trx) =>
 *   trx.updateTable('assignments').set({ notes: 'covering clinic' }).where('id', '=', id).execute(),
 * )
 */
export async function withAuditContext<T>(
  db: Executor,
  context: AuditContext,
  fn: (trx: Transaction<Database>) => Promise<T>,
): Promise<T> {
  const { userId = null, remoteAddr = null } = parseParams('withAuditContext', auditContextParams, context)
  // both dialects provide these functions: the migration creates them on
  // PostgreSQL, each connection registers them on SQLite
  const run = async (trx: Transaction<Database>, stamp: boolean) => {
    await sql`select residency_audit_set_context(${userId}, ${remoteAddr})`.execute(trx)
    if (stamp) {
      await trx
        .updateTable('transaction')
        .set({ userId, remoteAddr })
        .where('id', '=', sql<number>`residency_audit_current_transaction()`)
        .execute()
    }
    return fn(trx)
  }
  if (db.isTransaction) return run(db as Transaction<Database>, true)
  return db.transaction().execute((trx) => run(trx, false))
}
