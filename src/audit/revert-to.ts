import { sql, type Transaction } from 'kysely'
import { z } from 'zod'
import { NotFoundError } from '../errors.js'
import { parseParams } from '../repositories/parse-params.js'
import { idParam } from '../repositories/param-schemas.js'
import type { Executor } from '../repositories/row-types.js'
import type { Database } from '../schema/generated/database.js'
import { auditedTableParam } from './audited-table-param.js'
import { type AuditedRow, type AuditedTable, auditedTables, untyped } from './audited-tables.js'
import { versionAt } from './get-as-of.js'

const revertParams = z.strictObject({ table: auditedTableParam, id: idParam, transactionId: z.int().positive() })

export interface RevertParams<T extends AuditedTable = AuditedTable> {
  table: T
  id: string
  /** The transaction right after which the row is to be restored as it was. */
  transactionId: number
}

/**
 * Restores a row to what it was right after transaction `transactionId`:
 * updates it (or inserts it again, when it has been deleted since) with that
 * version's values, or deletes it when it did not exist then. The restore is an
 * ordinary change, so it is recorded as a new version; run it in
 * `withAuditContext` to record who restored it. Runs in one transaction (the
 * caller's, when given one). Returns the row as restored, or null when the
 * restore deleted it. Restoring the values a row already has records an update
 * that changes no column.
 *
 * A NotFoundError when the row has no history or the transaction does not
 * exist; a restore that its foreign keys refuse (the person was deleted since)
 * is a ForeignKeyViolationError and changes nothing.
 *
 * @example
 * await withAuditContext(db, { userId: 'coordinator@example.org' }, (trx) =>
 *   revertTo(trx, { table: 'assignments', id, transactionId: history[2].transaction.id }),
 * )
 */
export async function revertTo<T extends AuditedTable>(db: Executor, params: RevertParams<T>): Promise<AuditedRow<T> | null> {
  const { table, id, transactionId } = parseParams('revertTo', revertParams, params)
  const info = auditedTables[table]
  const restore = async (trx: Executor): Promise<AuditedRow<T> | null> => {
    const u = untyped(trx)
    const known = await u.selectFrom('transaction').select('id').where('id', '=', transactionId).executeTakeFirst()
    if (known === undefined) throw new NotFoundError(`revertTo: transaction ${transactionId} does not exist`, 'transaction', String(transactionId))
    const target = await versionAt(trx, info, id, transactionId)
    if (target === undefined || target.operationType === 2) {
      const recorded = target ?? (await u.selectFrom(`${info.version} as v`).select('v.id').where('v.id', '=', id).limit(1).executeTakeFirst())
      if (recorded === undefined) throw new NotFoundError(`revertTo: ${table} ${id} has no history`, table, id)
      await u.deleteFrom(table).where('id', '=', id).execute()
      return null
    }
    // copied in SQL, so that every value comes back exactly as it was stored
    const version = u.selectFrom(`${info.version} as v`).where('v.id', '=', id).where('v.transactionId', '=', target.transactionId)
    const columns = (names: readonly string[]) => version.select(names.map((c) => `v.${c}`))
    const updated = await sql`update ${sql.table(table)} set (${sql.join(info.tracked.map((c) => sql.ref(c)))}) = (${columns(info.tracked)}) where ${sql.ref('id')} = ${id}`.execute(trx)
    if (Number(updated.numAffectedRows ?? 0) === 0) {
      await u.insertInto(table).columns([...info.columns]).expression(columns(info.columns)).execute()
    }
    return (await u.selectFrom(table).selectAll().where('id', '=', id).executeTakeFirstOrThrow()) as AuditedRow<T>
  }
  return db.isTransaction ? restore(db) : db.transaction().execute((trx: Transaction<Database>) => restore(trx))
}
