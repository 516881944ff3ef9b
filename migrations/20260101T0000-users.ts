import type { Kysely } from 'kysely'
import { sql } from 'kysely'
import type { MigrationDialect } from './migration-dialect.js'
import { ddlTypes } from './support/v1/ddl-types.js'

export async function up(db: Kysely<any>, dialect: MigrationDialect): Promise<void> {
  const d = ddlTypes(dialect)

  await db.schema
    .createTable('users')
    .addColumn('id', d.type({ type: 'uuid' }), (c) => c.notNull())
    .addColumn('username', d.type({ type: 'varchar', length: 100 }), (c) => c.notNull())
    .addColumn('email', d.type({ type: 'varchar', length: 255 }), (c) => c.notNull())
    .addColumn('hashed_password', d.type({ type: 'varchar', length: 255 }), (c) => c.notNull())
    .addColumn(
      'role',
      d.type({ type: 'varchar', length: 50 }),
      (c) => c.notNull().defaultTo(d.literal('varchar', 'coordinator')),
    )
    .addColumn('is_active', d.type({ type: 'boolean' }), (c) => c.defaultTo(d.literal('boolean', true)))
    .addColumn('created_at', d.type({ type: 'timestamp' }), (c) => c.defaultTo(d.now('timestamp')))
    .addColumn('updated_at', d.type({ type: 'timestamp' }), (c) => c.defaultTo(d.now('timestamp')))
    .addColumn('last_login', d.type({ type: 'timestamp' }))
    .addPrimaryKeyConstraint('users_pkey', ['id'])
    .addUniqueConstraint('uq_users_email', ['email'])
    .addUniqueConstraint('uq_users_username', ['username'])
    .addCheckConstraint(
      'check_user_role',
      sql.raw("role IN ('admin', 'coordinator', 'faculty', 'clinical_staff', 'rn', 'lpn', 'msa', 'resident')"),
    )
    .execute()
  await db.schema.createIndex('ix_users_username').unique().on('users').columns(['username']).execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  // reverse creation order: no table is dropped while a later one still references it
  for (const table of ['users']) {
    await db.schema.dropTable(table).execute()
  }
}
