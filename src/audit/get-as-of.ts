import { z } from 'zod'
import { parseParams } from '../repositories/parse-params.js'
import { idParam } from '../repositories/param-schemas.js'
import type { Executor } from '../repositories/row-types.js'
import { auditedTableParam } from './audited-table-param.js'
import { type AuditedRow, type AuditedTable, type AuditedTableInfo, auditedTables, untyped } from './audited-tables.js'
import { type VersionRow, versionedRow } from './audit-version.js'
import { type AuditMoment, auditMomentParam, transactionAt, validAt } from './transaction-at.js'
import { readerFor } from '../read-routing.js'

const asOfParams = z.strictObject({ table: auditedTableParam, id: idParam, at: auditMomentParam })

export interface AsOfParams<T extends AuditedTable = AuditedTable> {
  table: T
  id: string
  /** A transaction id (the state right after it) or a time (see `AuditMoment`). */
  at: AuditMoment
}

/**
 * A row as it was at a moment of its history: null when it did not exist yet,
 * or had been deleted, or the moment is before the first transaction.
 *
 * @example
 * const before = await getAsOf(db, { table: 'assignments', id, at: new Date('2025-09-01T08:00:00Z') })
 */
export async function getAsOf<T extends AuditedTable>(db: Executor, params: AsOfParams<T>): Promise<AuditedRow<T> | null> {
  const { table, id, at } = parseParams('getAsOf', asOfParams, params)
  db = readerFor(db)
  const info = auditedTables[table]
  const tx = await transactionAt(db, at)
  const version = tx === null ? undefined : await versionAt(db, info, id, tx)
  return version === undefined || version.operationType === 2 ? null : versionedRow<T>(info, version)
}

/** The version of a row valid right after transaction `tx` (its delete if it was deleted), if any. */
export async function versionAt(db: Executor, info: AuditedTableInfo, id: string, tx: number): Promise<VersionRow | undefined> {
  return untyped(db)
    .selectFrom(`${info.version} as v`)
    .selectAll('v')
    .where('v.id', '=', id)
    .where(validAt(tx))
    .orderBy('v.transactionId', 'desc')
    .$castTo<VersionRow>()
    .executeTakeFirst()
}
