import type { Kysely } from 'kysely'
import { sql } from 'kysely'
import type { MigrationDialect } from './migration-dialect.js'
import { ddlTypes } from './support/v1/ddl-types.js'

export async function up(db: Kysely<any>, dialect: MigrationDialect): Promise<void> {
  const d = ddlTypes(dialect)

  await db.schema
    .createTable('certification_types')
    .addColumn('id', d.type({ type: 'uuid' }), (c) => c.notNull())
    .addColumn('name', d.type({ type: 'varchar', length: 100 }), (c) => c.notNull())
    .addColumn('full_name', d.type({ type: 'varchar', length: 255 }))
    .addColumn('description', d.type({ type: 'text' }))
    .addColumn('renewal_period_months', d.type({ type: 'integer' }), (c) => c.defaultTo(d.literal('integer', 24)))
    .addColumn('required_for_residents', d.type({ type: 'boolean' }), (c) => c.defaultTo(d.literal('boolean', true)))
    .addColumn('required_for_faculty', d.type({ type: 'boolean' }), (c) => c.defaultTo(d.literal('boolean', true)))
    .addColumn('required_for_specialties', d.type({ type: 'varchar', length: 500 }))
    .addColumn('reminder_days_180', d.type({ type: 'boolean' }), (c) => c.defaultTo(d.literal('boolean', true)))
    .addColumn('reminder_days_90', d.type({ type: 'boolean' }), (c) => c.defaultTo(d.literal('boolean', true)))
    .addColumn('reminder_days_30', d.type({ type: 'boolean' }), (c) => c.defaultTo(d.literal('boolean', true)))
    .addColumn('reminder_days_14', d.type({ type: 'boolean' }), (c) => c.defaultTo(d.literal('boolean', true)))
    .addColumn('reminder_days_7', d.type({ type: 'boolean' }), (c) => c.defaultTo(d.literal('boolean', true)))
    .addColumn('is_active', d.type({ type: 'boolean' }), (c) => c.defaultTo(d.literal('boolean', true)))
    .addColumn('created_at', d.type({ type: 'timestamp' }), (c) => c.defaultTo(d.now('timestamp')))
    .addColumn('updated_at', d.type({ type: 'timestamp' }), (c) => c.defaultTo(d.now('timestamp')))
    .addPrimaryKeyConstraint('certification_types_pkey', ['id'])
    .addUniqueConstraint('uq_certification_types_name', ['name'])
    .execute()
  await db.schema.createIndex('idx_cert_types_active').on('certification_types').columns(['is_active']).execute()

  await db.schema
    .createTable('person_certifications')
    .addColumn('id', d.type({ type: 'uuid' }), (c) => c.notNull())
    .addColumn('person_id', d.type({ type: 'uuid' }), (c) => c.notNull())
    .addColumn('certification_type_id', d.type({ type: 'uuid' }), (c) => c.notNull())
    .addColumn('certification_number', d.type({ type: 'varchar', length: 100 }))
    .addColumn('issued_date', d.type({ type: 'date' }), (c) => c.notNull())
    .addColumn('expiration_date', d.type({ type: 'date' }), (c) => c.notNull())
    .addColumn('status', d.type({ type: 'varchar', length: 50 }), (c) => c.defaultTo(d.literal('varchar', 'current')))
    .addColumn('verified_by', d.type({ type: 'varchar', length: 255 }))
    .addColumn('verified_date', d.type({ type: 'date' }))
    .addColumn('document_url', d.type({ type: 'varchar', length: 500 }))
    .addColumn('reminder_180_sent', d.type({ type: 'timestamp' }))
    .addColumn('reminder_90_sent', d.type({ type: 'timestamp' }))
    .addColumn('reminder_30_sent', d.type({ type: 'timestamp' }))
    .addColumn('reminder_14_sent', d.type({ type: 'timestamp' }))
    .addColumn('reminder_7_sent', d.type({ type: 'timestamp' }))
    .addColumn('notes', d.type({ type: 'text' }))
    .addColumn('created_at', d.type({ type: 'timestamp' }), (c) => c.defaultTo(d.now('timestamp')))
    .addColumn('updated_at', d.type({ type: 'timestamp' }), (c) => c.defaultTo(d.now('timestamp')))
    .addPrimaryKeyConstraint('person_certifications_pkey', ['id'])
    .addForeignKeyConstraint(
      'fk_person_certifications_certification_type_id',
      ['certification_type_id'],
      'certification_types',
      ['id'],
      (fk) => fk.onDelete('cascade'),
    )
    .addForeignKeyConstraint(
      'fk_person_certifications_person_id',
      ['person_id'],
      'people',
      ['id'],
      (fk) => fk.onDelete('cascade'),
    )
    .addUniqueConstraint('uq_person_certification_type', ['person_id', 'certification_type_id'])
    .addCheckConstraint('check_cert_status', sql.raw("status IN ('current', 'expiring_soon', 'expired', 'pending')"))
    .execute()
  await db.schema
    .createIndex('idx_person_certs_expiration')
    .on('person_certifications')
    .columns(['expiration_date'])
    .execute()
  await db.schema.createIndex('idx_person_certs_person').on('person_certifications').columns(['person_id']).execute()
  await db.schema.createIndex('idx_person_certs_status').on('person_certifications').columns(['status']).execute()
  await db.schema
    .createIndex('idx_person_certs_type')
    .on('person_certifications')
    .columns(['certification_type_id'])
    .execute()

  await db.schema
    .createTable('procedures')
    .addColumn('id', d.type({ type: 'uuid' }), (c) => c.notNull())
    .addColumn('name', d.type({ type: 'varchar', length: 255 }), (c) => c.notNull())
    .addColumn('description', d.type({ type: 'text' }))
    .addColumn('category', d.type({ type: 'varchar', length: 100 }))
    .addColumn('specialty', d.type({ type: 'varchar', length: 100 }))
    .addColumn('supervision_ratio', d.type({ type: 'integer' }), (c) => c.defaultTo(d.literal('integer', 1)))
    .addColumn('requires_certification', d.type({ type: 'boolean' }), (c) => c.defaultTo(d.literal('boolean', true)))
    .addColumn(
      'complexity_level',
      d.type({ type: 'varchar', length: 50 }),
      (c) => c.defaultTo(d.literal('varchar', 'standard')),
    )
    .addColumn('min_pgy_level', d.type({ type: 'integer' }), (c) => c.defaultTo(d.literal('integer', 1)))
    .addColumn('is_active', d.type({ type: 'boolean' }), (c) => c.defaultTo(d.literal('boolean', true)))
    .addColumn('created_at', d.type({ type: 'timestamp' }), (c) => c.defaultTo(d.now('timestamp')))
    .addColumn('updated_at', d.type({ type: 'timestamp' }), (c) => c.defaultTo(d.now('timestamp')))
    .addPrimaryKeyConstraint('procedures_pkey', ['id'])
    .addUniqueConstraint('uq_procedures_name', ['name'])
    .addCheckConstraint(
      'check_complexity_level',
      sql.raw("complexity_level IN ('basic', 'standard', 'advanced', 'complex')"),
    )
    .addCheckConstraint('check_procedure_pgy_level', sql.raw("min_pgy_level BETWEEN 1 AND 3"))
    .addCheckConstraint('check_supervision_ratio', sql.raw("supervision_ratio >= 1"))
    .execute()
  await db.schema.createIndex('idx_procedures_active').on('procedures').columns(['is_active']).execute()
  await db.schema.createIndex('idx_procedures_category').on('procedures').columns(['category']).execute()
  await db.schema.createIndex('idx_procedures_specialty').on('procedures').columns(['specialty']).execute()

  await db.schema
    .createTable('procedure_credentials')
    .addColumn('id', d.type({ type: 'uuid' }), (c) => c.notNull())
    .addColumn('person_id', d.type({ type: 'uuid' }), (c) => c.notNull())
    .addColumn('procedure_id', d.type({ type: 'uuid' }), (c) => c.notNull())
    .addColumn(
      'status',
      d.type({ type: 'varchar', length: 50 }),
      (c) => c.notNull().defaultTo(d.literal('varchar', 'active')),
    )
    .addColumn(
      'competency_level',
      d.type({ type: 'varchar', length: 50 }),
      (c) => c.defaultTo(d.literal('varchar', 'qualified')),
    )
    .addColumn('issued_date', d.type({ type: 'date' }))
    .addColumn('expiration_date', d.type({ type: 'date' }))
    .addColumn('last_verified_date', d.type({ type: 'date' }))
    .addColumn('max_concurrent_residents', d.type({ type: 'integer' }))
    .addColumn('max_per_week', d.type({ type: 'integer' }))
    .addColumn('max_per_academic_year', d.type({ type: 'integer' }))
    .addColumn('notes', d.type({ type: 'text' }))
    .addColumn('created_at', d.type({ type: 'timestamp' }), (c) => c.defaultTo(d.now('timestamp')))
    .addColumn('updated_at', d.type({ type: 'timestamp' }), (c) => c.defaultTo(d.now('timestamp')))
    .addPrimaryKeyConstraint('procedure_credentials_pkey', ['id'])
    .addForeignKeyConstraint(
      'fk_procedure_credentials_procedure_id',
      ['procedure_id'],
      'procedures',
      ['id'],
      (fk) => fk.onDelete('cascade'),
    )
    .addForeignKeyConstraint(
      'fk_procedure_credentials_person_id',
      ['person_id'],
      'people',
      ['id'],
      (fk) => fk.onDelete('cascade'),
    )
    .addUniqueConstraint('uq_person_procedure_credential', ['person_id', 'procedure_id'])
    .addCheckConstraint('check_credential_status', sql.raw("status IN ('active', 'expired', 'suspended', 'pending')"))
    .addCheckConstraint(
      'check_competency_level',
      sql.raw("competency_level IN ('trainee', 'qualified', 'expert', 'master')"),
    )
    .execute()
  await db.schema
    .createIndex('idx_credentials_expiration')
    .on('procedure_credentials')
    .columns(['expiration_date'])
    .execute()
  await db.schema.createIndex('idx_credentials_person').on('procedure_credentials').columns(['person_id']).execute()
  await db.schema
    .createIndex('idx_credentials_procedure')
    .on('procedure_credentials')
    .columns(['procedure_id'])
    .execute()
  await db.schema.createIndex('idx_credentials_status').on('procedure_credentials').columns(['status']).execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  // reverse creation order: no table is dropped while a later one still references it
  for (const table of ['procedure_credentials', 'procedures', 'person_certifications', 'certification_types']) {
    await db.schema.dropTable(table).execute()
  }
}
