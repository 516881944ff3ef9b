import { z } from 'zod'
import { parseParams } from '../repositories/parse-params.js'
import { idParam } from '../repositories/param-schemas.js'
import type { Executor } from '../repositories/row-types.js'
import { auditedTableParam } from './audited-table-param.js'
import { type AuditedTable, auditedTables } from './audited-tables.js'
import { type AuditVersion, auditVersion, selectVersions, type VersionRow } from './audit-version.js'
import { readerFor } from '../read-routing.js'

const historyParams = z.strictObject({ table: auditedTableParam, id: idParam })

export interface HistoryParams<T extends AuditedTable = AuditedTable> {
  table: T
  id: string
}

/**
 * Every version of a row, oldest first: what each transaction that changed it
 * did (operation, changed columns with old and new values, the row after it),
 * and who made it when and from where. Empty for a row with no history.
 *
 * @example
 * const history = await getHistory(db, { table: 'assignments', id })
 * history.at(-1) // { operation: 'update', transaction: { userId: 'coordinator@…', issuedAt, … },
 *                //   changes: [{ column: 'notes', oldValue: null, newValue: 'covering clinic' }], row: { … } }
 */
export async function getHistory<T extends AuditedTable>(db: Executor, params: HistoryParams<T>): Promise<AuditVersion<T>[]> {
  const { table, id } = parseParams('getHistory', historyParams, params)
  db = readerFor(db)
  const info = auditedTables[table]
  const rows = await selectVersions(db, info).where('v.id', '=', id).orderBy('v.transactionId').execute()
  const superseded = new Map(rows.filter((r) => r.endTransactionId !== null).map((r) => [r.endTransactionId!, r]))
  return chainOrder(rows).map((row) => auditVersion<T>(info, row, superseded.get(row.transactionId)))
}

/**
 * A row's versions in the order they superseded each other. That is their
 * transaction order, except when concurrent PostgreSQL transactions changed
 * the row in the other order than they got their ids (a transaction's id is
 * taken at its first recorded change): the `endTransactionId` links decide.
 */
function chainOrder(rows: VersionRow[]): VersionRow[] {
  const byTransaction = new Map(rows.map((r) => [r.transactionId, r]))
  const ends = new Set(rows.map((r) => r.endTransactionId))
  const heads = rows.filter((r) => !ends.has(r.transactionId))
  if (heads.length !== 1) return rows
  const chain: VersionRow[] = []
  for (let r: VersionRow | undefined = heads[0]; r !== undefined && chain.length < rows.length; ) {
    chain.push(r)
    r = r.endTransactionId === null ? undefined : byTransaction.get(r.endTransactionId)
  }
  return chain.length === rows.length ? chain : rows
}
