import type { Kysely } from 'kysely'
import { sql } from 'kysely'
import type { MigrationDialect } from './migration-dialect.js'
import { ddlTypes } from './support/v1/ddl-types.js'
import { addColumns } from './support/v1/add-columns.js'
import { swapRecordsColumns } from './support/v1/versioned-columns.js'

export async function up(db: Kysely<any>, dialect: MigrationDialect): Promise<void> {
  const d = ddlTypes(dialect)

  await addColumns(db.schema.createTable('swap_records'), d, swapRecordsColumns)
    .addPrimaryKeyConstraint('swap_records_pkey', ['id'])
    .addForeignKeyConstraint('fk_swap_records_source_faculty_id', ['source_faculty_id'], 'people', ['id'])
    .addForeignKeyConstraint('fk_swap_records_approved_by_id', ['approved_by_id'], 'users', ['id'])
    .addForeignKeyConstraint('fk_swap_records_target_faculty_id', ['target_faculty_id'], 'people', ['id'])
    .addForeignKeyConstraint('fk_swap_records_executed_by_id', ['executed_by_id'], 'users', ['id'])
    .addForeignKeyConstraint('fk_swap_records_rolled_back_by_id', ['rolled_back_by_id'], 'users', ['id'])
    .addForeignKeyConstraint('fk_swap_records_requested_by_id', ['requested_by_id'], 'users', ['id'])
    .addUniqueConstraint(
      'uq_swap_record_pair',
      ['source_faculty_id', 'source_week', 'target_faculty_id', 'target_week', 'swap_type'],
    )
    .addCheckConstraint('check_swap_records_swap_type', sql.raw("swap_type IN ('one_to_one', 'absorb')"))
    .addCheckConstraint(
      'check_swap_records_status',
      sql.raw("status IN ('pending', 'approved', 'executed', 'rejected', 'cancelled', 'rolled_back')"),
    )
    .execute()
  await db.schema.createIndex('idx_swap_requested_by').on('swap_records').columns(['requested_by_id']).execute()
  await db.schema.createIndex('idx_swap_source_faculty').on('swap_records').columns(['source_faculty_id']).execute()
  await db.schema.createIndex('idx_swap_target_faculty').on('swap_records').columns(['target_faculty_id']).execute()
  await db.schema.createIndex('ix_swap_records_approved_by_id').on('swap_records').columns(['approved_by_id']).execute()
  await db.schema.createIndex('ix_swap_records_executed_by_id').on('swap_records').columns(['executed_by_id']).execute()
  await db.schema
    .createIndex('ix_swap_records_rolled_back_by_id')
    .on('swap_records')
    .columns(['rolled_back_by_id'])
    .execute()
  await db.schema.createIndex('ix_swap_records_source_week').on('swap_records').columns(['source_week']).execute()
  await db.schema.createIndex('ix_swap_records_status').on('swap_records').columns(['status']).execute()

  await db.schema
    .createTable('swap_approvals')
    .addColumn('id', d.type({ type: 'uuid' }), (c) => c.notNull())
    .addColumn('swap_id', d.type({ type: 'uuid' }), (c) => c.notNull())
    .addColumn('faculty_id', d.type({ type: 'uuid' }), (c) => c.notNull())
    .addColumn('role', d.type({ type: 'varchar', length: 20 }), (c) => c.notNull())
    .addColumn('approved', d.type({ type: 'boolean' }))
    .addColumn('responded_at', d.type({ type: 'timestamp' }))
    .addColumn('response_notes', d.type({ type: 'text' }))
    .addPrimaryKeyConstraint('swap_approvals_pkey', ['id'])
    .addForeignKeyConstraint('fk_swap_approvals_faculty_id', ['faculty_id'], 'people', ['id'])
    .addForeignKeyConstraint('fk_swap_approvals_swap_id', ['swap_id'], 'swap_records', ['id'])
    .execute()
  await db.schema.createIndex('ix_swap_approvals_faculty_id').on('swap_approvals').columns(['faculty_id']).execute()
  await db.schema.createIndex('ix_swap_approvals_swap_id').on('swap_approvals').columns(['swap_id']).execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  // reverse creation order: no table is dropped while a later one still references it
  for (const table of ['swap_approvals', 'swap_records']) {
    await db.schema.dropTable(table).execute()
  }
}
