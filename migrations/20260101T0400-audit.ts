import type { Kysely } from 'kysely'
import type { MigrationDialect } from './migration-dialect.js'
import { ddlTypes } from './support/v1/ddl-types.js'
import { createVersionTable } from './support/v1/version-table.js'
import { absencesColumns, assignmentsColumns, scheduleRunsColumns, swapRecordsColumns } from './support/v1/versioned-columns.js'

export async function up(db: Kysely<any>, dialect: MigrationDialect): Promise<void> {
  const d = ddlTypes(dialect)

  await db.schema
    .createTable('transaction')
    .addColumn('id', d.identityType(), (c) => d.identity(c))
    .addColumn('issued_at', d.type({ type: 'timestamp' }), (c) => c.defaultTo(d.now('timestamp')))
    .addColumn('user_id', d.type({ type: 'varchar', length: 255 }))
    .addColumn('remote_addr', d.type({ type: 'varchar', length: 50 }))
    .execute()
  await db.schema.createIndex('idx_transaction_issued_at').on('transaction').columns(['issued_at']).execute()
  await db.schema.createIndex('idx_transaction_user_id').on('transaction').columns(['user_id']).execute()

  // derived from the same frozen column lists the parent tables were created from
  await createVersionTable(db, dialect, 'absences', absencesColumns, ['id'])
  await createVersionTable(db, dialect, 'assignments', assignmentsColumns, ['id'])
  await createVersionTable(db, dialect, 'schedule_runs', scheduleRunsColumns, ['id'])
  await createVersionTable(db, dialect, 'swap_records', swapRecordsColumns, ['id'])
}

export async function down(db: Kysely<any>): Promise<void> {
  // reverse creation order: no table is dropped while a later one still references it
  for (const table of [
    'swap_records_version', 'schedule_runs_version', 'assignments_version', 'absences_version',
    'transaction',
  ]) {
    await db.schema.dropTable(table).execute()
  }
}
