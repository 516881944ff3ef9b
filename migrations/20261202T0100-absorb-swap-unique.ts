import type { Kysely } from 'kysely'
import { sql } from 'kysely'
import type { MigrationDialect } from './migration-dialect.js'

// uq_swap_record_pair includes target_week, which is NULL for absorb swaps, and
// NULLs never equal each other in a UNIQUE constraint: two identical absorb
// requests were both accepted. This partial unique index refuses the second
// (same dialect-neutral DDL on PostgreSQL and SQLite). A database that already
// holds such duplicates must resolve them first: the migration then fails and
// changes nothing.
export async function up(db: Kysely<any>, _dialect: MigrationDialect): Promise<void> {
  await db.schema
    .createIndex('uq_swap_record_absorb')
    .unique()
    .on('swap_records')
    .columns(['source_faculty_id', 'source_week', 'target_faculty_id', 'swap_type'])
    .where(sql.ref('target_week'), 'is', null)
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('uq_swap_record_absorb').execute()
}
