import type { Kysely } from 'kysely'
import type { MigrationDialect } from './migration-dialect.js'
import { type AuditedTable, installAuditTriggers, removeAuditTriggers } from './support/v1/audit-triggers.js'
import { absencesColumns, assignmentsColumns, scheduleRunsColumns, swapRecordsColumns } from './support/v1/versioned-columns.js'

// Every change to the four audited tables, by anyone, is recorded in their
// `<table>_version` tables (see support/v1/audit-version-sql.ts).
const AUDITED: readonly AuditedTable[] = [
  { table: 'absences', columns: absencesColumns, key: ['id'] },
  { table: 'assignments', columns: assignmentsColumns, key: ['id'] },
  { table: 'schedule_runs', columns: scheduleRunsColumns, key: ['id'] },
  { table: 'swap_records', columns: swapRecordsColumns, key: ['id'] },
]

export async function up(db: Kysely<any>, dialect: MigrationDialect): Promise<void> {
  await installAuditTriggers(db, dialect, AUDITED)
}

export async function down(db: Kysely<any>, dialect: MigrationDialect): Promise<void> {
  await removeAuditTriggers(db, dialect, AUDITED)
}
