import type { Kysely, Selectable } from 'kysely'
import { camelName } from '../codec/names.js'
import type { Executor } from '../repositories/row-types.js'
import { columnTypes } from '../schema/generated/column-types.js'
import type { Database } from '../schema/generated/database.js'
import { libraryTableName } from '../schema/library-tables.js'

/** The tables whose every change is recorded, camelCase as on `db`. */
export const AUDITED_TABLES = ['absences', 'assignments', 'scheduleRuns', 'swapRecords'] as const
export type AuditedTable = (typeof AUDITED_TABLES)[number]

/** A row of an audited table, as `db` returns it. */
export type AuditedRow<T extends AuditedTable = AuditedTable> = Selectable<Database[T]>

/** What the audit queries need to know about one audited table. */
export interface AuditedTableInfo {
  readonly table: AuditedTable
  /** `<table>Version`, as on `db`. */
  readonly version: string
  /** Every column of the table (camelCase), the key `id` first. */
  readonly columns: readonly string[]
  /** The columns with a `<column>Mod` flag: all but the key. */
  readonly tracked: readonly string[]
}

function info(table: AuditedTable): AuditedTableInfo {
  const snake = libraryTableName(table)
  const columns = Object.keys(columnTypes[snake]!).map(camelName)
  if (columns[0] !== 'id') throw new Error(`audited table ${table} must have the key id first`)
  return { table, version: `${table}Version`, columns, tracked: columns.slice(1) }
}

export const auditedTables: Readonly<Record<AuditedTable, AuditedTableInfo>> = Object.fromEntries(
  AUDITED_TABLES.map((t) => [t, info(t)]),
) as Record<AuditedTable, AuditedTableInfo>

/** The untyped view of `db` that table-generic audit queries are written against. */
export function untyped(db: Executor): Kysely<any> {
  return db as unknown as Kysely<any>
}
