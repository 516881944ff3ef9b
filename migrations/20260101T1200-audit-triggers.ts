import type { Kysely } from 'kysely'
import { type AuditedTable, installAuditTriggers, removeAuditTriggers } from './support/audit-triggers.js'
import { absencesColumns, assignmentsColumns, scheduleRunsColumns, swapRecordsColumns } from './support/versioned-columns.js'

// Every change to the four audited tables, by anyone, is recorded in their
// `<table>_version` tables (see src/dialect/audit-version-sql.ts).
const AUDITED: readonly AuditedTable[] = [
  { table: 'absences', columns: absencesColumns, key: ['id'] },
  { table: 'assignments', columns: assignmentsColumns, key: ['id'] },
  { table: 'schedule_runs', columns: scheduleRunsColumns, key: ['id'] },
  { table: 'swap_records', columns: swapRecordsColumns, key: ['id'] },
]

export async function up(db: Kysely<any>): Promise<void> {
  await installAuditTriggers(db, AUDITED)
}

export async function down(db: Kysely<any>): Promise<void> {
  await removeAuditTriggers(db, AUDITED)
}
