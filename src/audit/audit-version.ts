import type { SelectQueryBuilder } from 'kysely'
import type { Executor } from '../repositories/row-types.js'
import { type AuditedRow, type AuditedTable, type AuditedTableInfo, untyped } from './audited-tables.js'

/** A `transaction` row: one database transaction that changed audited rows. */
export interface AuditTransaction {
  id: number
  /** When its first recorded change was made (UTC, millisecond precision). */
  issuedAt: Date | null
  /** Who made it (`withAuditContext`), or null. */
  userId: string | null
  /** From where (`withAuditContext`), or null. */
  remoteAddr: string | null
}

export type AuditOperation = 'insert' | 'update' | 'delete'

const OPERATIONS: readonly AuditOperation[] = ['insert', 'update', 'delete']

/** One column a version changed. */
export interface ColumnChange {
  /** camelCase, as on `db`. */
  column: string
  /** Its value before the transaction; null when the row did not exist then. */
  oldValue: unknown
  newValue: unknown
}

/** One version of an audited row: what one transaction did to it. */
export interface AuditVersion<T extends AuditedTable = AuditedTable> {
  table: T
  id: string
  transaction: AuditTransaction
  /** The transaction that made the next version, or null while this one is current. */
  endTransactionId: number | null
  /**
   * Over the whole transaction: `insert` when the row did not exist before it,
   * `delete` when it does not exist after it, else `update`.
   */
  operation: AuditOperation
  /** The row after the transaction; for a delete, the row as it was. */
  row: AuditedRow<T>
  /**
   * The columns whose value differs from before the transaction (the version's
   * `<column>_mod` flags): for an insert every non-null column, for a delete
   * none, in column order.
   */
  changes: ColumnChange[]
}

/** A version table's row, with its transaction's columns (`selectVersions`). */
export type VersionRow = Record<string, unknown> & {
  transactionId: number
  endTransactionId: number | null
  operationType: number
}

/**
 * Every column of `<table>_version as v` and its transaction's (`txIssuedAt`,
 * `txUserId`, `txRemoteAddr`).
 */
export function selectVersions(db: Executor, info: AuditedTableInfo): SelectQueryBuilder<any, any, VersionRow> {
  return untyped(db)
    .selectFrom(`${info.version} as v`)
    .innerJoin('transaction as t', 't.id', 'v.transactionId')
    .selectAll('v')
    .select(['t.issuedAt as txIssuedAt', 't.userId as txUserId', 't.remoteAddr as txRemoteAddr'])
    .$castTo<VersionRow>()
}

/** The audited row a version holds (the version's own bookkeeping left out). */
export function versionedRow<T extends AuditedTable>(info: AuditedTableInfo, version: Record<string, unknown>): AuditedRow<T> {
  const row: Record<string, unknown> = {}
  for (const column of info.columns) row[column] = version[column]
  return row as AuditedRow<T>
}

/**
 * A version as the history reads it. `previous` is the version it superseded
 * (the one whose `endTransactionId` is this one's transaction), if any.
 */
export function auditVersion<T extends AuditedTable>(
  info: AuditedTableInfo,
  version: VersionRow,
  previous: VersionRow | undefined,
): AuditVersion<T> {
  const before = previous !== undefined && previous.operationType !== 2 ? previous : undefined
  return {
    table: info.table as T,
    id: version.id as string,
    transaction: {
      id: version.transactionId,
      issuedAt: version.txIssuedAt as Date | null,
      userId: version.txUserId as string | null,
      remoteAddr: version.txRemoteAddr as string | null,
    },
    endTransactionId: version.endTransactionId,
    operation: OPERATIONS[version.operationType]!,
    row: versionedRow<T>(info, version),
    changes: info.tracked
      .filter((column) => version[`${column}Mod`] === true)
      .map((column) => ({ column, oldValue: before?.[column] ?? null, newValue: version[column] })),
  }
}
