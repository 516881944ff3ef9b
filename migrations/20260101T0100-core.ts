import type { Kysely } from 'kysely'
import { sql } from 'kysely'
import type { MigrationDialect } from './migration-dialect.js'
import { ddlTypes } from './support/v1/ddl-types.js'
import { addColumns } from './support/v1/add-columns.js'
import { absencesColumns, assignmentsColumns, scheduleRunsColumns } from './support/v1/versioned-columns.js'

export async function up(db: Kysely<any>, dialect: MigrationDialect): Promise<void> {
  const d = ddlTypes(dialect)

  await db.schema
    .createTable('people')
    .addColumn('id', d.type({ type: 'uuid' }), (c) => c.notNull())
    .addColumn('name', d.type({ type: 'varchar', length: 255 }), (c) => c.notNull())
    .addColumn('type', d.type({ type: 'varchar', length: 50 }), (c) => c.notNull())
    .addColumn('email', d.type({ type: 'varchar', length: 255 }))
    .addColumn('pgy_level', d.type({ type: 'integer' }))
    .addColumn('target_clinical_blocks', d.type({ type: 'integer' }))
    .addColumn('performs_procedures', d.type({ type: 'boolean' }), (c) => c.defaultTo(d.literal('boolean', false)))
    .addColumn('specialties', d.type({ type: 'string_array' }))
    .addColumn('primary_duty', d.type({ type: 'varchar', length: 255 }))
    .addColumn('faculty_role', d.type({ type: 'varchar', length: 50 }))
    .addColumn('screener_role', d.type({ type: 'varchar', length: 50 }))
    .addColumn('can_screen', d.type({ type: 'boolean' }), (c) => c.defaultTo(d.literal('boolean', false)))
    .addColumn('screening_efficiency', d.type({ type: 'integer' }), (c) => c.defaultTo(d.literal('integer', 100)))
    .addColumn('sunday_call_count', d.type({ type: 'integer' }), (c) => c.defaultTo(d.literal('integer', 0)))
    .addColumn('weekday_call_count', d.type({ type: 'integer' }), (c) => c.defaultTo(d.literal('integer', 0)))
    .addColumn('fmit_weeks_count', d.type({ type: 'integer' }), (c) => c.defaultTo(d.literal('integer', 0)))
    .addColumn('created_at', d.type({ type: 'timestamp' }), (c) => c.defaultTo(d.now('timestamp')))
    .addColumn('updated_at', d.type({ type: 'timestamp' }), (c) => c.defaultTo(d.now('timestamp')))
    .addPrimaryKeyConstraint('people_pkey', ['id'])
    .addUniqueConstraint('uq_people_email', ['email'])
    .addCheckConstraint(
      'check_faculty_role',
      sql.raw("faculty_role IS NULL OR faculty_role IN ('pd', 'apd', 'oic', 'dept_chief', 'sports_med', 'core', 'adjunct')"),
    )
    .addCheckConstraint('check_pgy_level', sql.raw("pgy_level IS NULL OR pgy_level BETWEEN 1 AND 3"))
    .addCheckConstraint(
      'check_screener_role',
      sql.raw("screener_role IS NULL OR screener_role IN ('dedicated', 'rn', 'emt', 'resident')"),
    )
    .addCheckConstraint(
      'check_screening_efficiency',
      sql.raw("screening_efficiency IS NULL OR screening_efficiency BETWEEN 0 AND 100"),
    )
    .addCheckConstraint('check_person_type', sql.raw("type IN ('resident', 'faculty')"))
    .execute()
  await db.schema.createIndex('idx_people_type').on('people').columns(['type']).execute()

  await addColumns(db.schema.createTable('absences'), d, absencesColumns)
    .addPrimaryKeyConstraint('absences_pkey', ['id'])
    .addForeignKeyConstraint(
      'fk_absences_created_by_id',
      ['created_by_id'],
      'people',
      ['id'],
      (fk) => fk.onDelete('set null'),
    )
    .addForeignKeyConstraint('fk_absences_person_id', ['person_id'], 'people', ['id'], (fk) => fk.onDelete('cascade'))
    .addCheckConstraint(
      'check_absence_type',
      sql.raw("absence_type IN ('vacation', 'deployment', 'tdy', 'medical', 'family_emergency', 'conference', 'bereavement', 'emergency_leave', 'sick', 'convalescent', 'maternity_paternity')"),
    )
    .addCheckConstraint('check_absence_dates', sql.raw("end_date >= start_date"))
    .execute()
  await db.schema.createIndex('idx_absence_person_id').on('absences').columns(['person_id']).execute()
  await db.schema.createIndex('idx_absences_dates').on('absences').columns(['start_date', 'end_date']).execute()
  await db.schema.createIndex('ix_absences_created_by_id').on('absences').columns(['created_by_id']).execute()

  await addColumns(db.schema.createTable('schedule_runs'), d, scheduleRunsColumns)
    .addPrimaryKeyConstraint('schedule_runs_pkey', ['id'])
    .execute()
  await db.schema.createIndex('idx_schedule_runs_date').on('schedule_runs').columns(['created_at']).execute()

  await db.schema
    .createTable('blocks')
    .addColumn('id', d.type({ type: 'uuid' }), (c) => c.notNull())
    .addColumn('date', d.type({ type: 'date' }), (c) => c.notNull())
    .addColumn('time_of_day', d.type({ type: 'varchar', length: 2 }), (c) => c.notNull())
    .addColumn('block_number', d.type({ type: 'integer' }), (c) => c.notNull())
    .addColumn('is_weekend', d.type({ type: 'boolean' }), (c) => c.defaultTo(d.literal('boolean', false)))
    .addColumn('is_holiday', d.type({ type: 'boolean' }), (c) => c.defaultTo(d.literal('boolean', false)))
    .addColumn('holiday_name', d.type({ type: 'varchar', length: 255 }))
    .addPrimaryKeyConstraint('blocks_pkey', ['id'])
    .addUniqueConstraint('unique_block_per_half_day', ['date', 'time_of_day'])
    .addCheckConstraint('check_time_of_day', sql.raw("time_of_day IN ('AM', 'PM')"))
    .execute()
  await db.schema.createIndex('idx_block_date').on('blocks').columns(['date']).execute()
  await db.schema.createIndex('idx_block_date_time_of_day').on('blocks').columns(['date', 'time_of_day']).execute()
  await db.schema.createIndex('idx_blocks_block_number').on('blocks').columns(['block_number']).execute()

  await db.schema
    .createTable('rotation_templates')
    .addColumn('id', d.type({ type: 'uuid' }), (c) => c.notNull())
    .addColumn('name', d.type({ type: 'varchar', length: 255 }), (c) => c.notNull())
    .addColumn('activity_type', d.type({ type: 'varchar', length: 255 }), (c) => c.notNull())
    .addColumn('abbreviation', d.type({ type: 'varchar', length: 10 }))
    .addColumn('font_color', d.type({ type: 'varchar', length: 50 }))
    .addColumn('background_color', d.type({ type: 'varchar', length: 50 }))
    .addColumn('leave_eligible', d.type({ type: 'boolean' }), (c) => c.notNull().defaultTo(d.literal('boolean', true)))
    .addColumn('clinic_location', d.type({ type: 'varchar', length: 255 }))
    .addColumn('max_residents', d.type({ type: 'integer' }))
    .addColumn('requires_specialty', d.type({ type: 'varchar', length: 255 }))
    .addColumn(
      'requires_procedure_credential',
      d.type({ type: 'boolean' }),
      (c) => c.defaultTo(d.literal('boolean', false)),
    )
    .addColumn('supervision_required', d.type({ type: 'boolean' }), (c) => c.defaultTo(d.literal('boolean', true)))
    .addColumn('max_supervision_ratio', d.type({ type: 'integer' }), (c) => c.defaultTo(d.literal('integer', 4)))
    .addColumn('created_at', d.type({ type: 'timestamp' }), (c) => c.defaultTo(d.now('timestamp')))
    .addPrimaryKeyConstraint('rotation_templates_pkey', ['id'])
    .execute()

  await addColumns(db.schema.createTable('assignments'), d, assignmentsColumns)
    .addPrimaryKeyConstraint('assignments_pkey', ['id'])
    .addForeignKeyConstraint(
      'fk_assignments_person_id',
      ['person_id'],
      'people',
      ['id'],
      (fk) => fk.onDelete('cascade'),
    )
    .addForeignKeyConstraint(
      'fk_assignments_schedule_run_id',
      ['schedule_run_id'],
      'schedule_runs',
      ['id'],
      (fk) => fk.onDelete('set null'),
    )
    .addForeignKeyConstraint('fk_assignments_block_id', ['block_id'], 'blocks', ['id'], (fk) => fk.onDelete('cascade'))
    .addForeignKeyConstraint(
      'fk_assignments_rotation_template_id',
      ['rotation_template_id'],
      'rotation_templates',
      ['id'],
    )
    .addUniqueConstraint('unique_person_per_block', ['block_id', 'person_id'])
    .addCheckConstraint('check_role', sql.raw("role IN ('primary', 'supervising', 'backup')"))
    .execute()
  await db.schema.createIndex('idx_assignment_block_id').on('assignments').columns(['block_id']).execute()
  await db.schema
    .createIndex('idx_assignment_person_block')
    .on('assignments')
    .columns(['person_id', 'block_id'])
    .execute()
  await db.schema.createIndex('idx_assignment_person_id').on('assignments').columns(['person_id']).execute()
  await db.schema
    .createIndex('idx_assignment_rotation_template_id')
    .on('assignments')
    .columns(['rotation_template_id'])
    .execute()
  await db.schema.createIndex('ix_assignments_schedule_run_id').on('assignments').columns(['schedule_run_id']).execute()

  await db.schema
    .createTable('block_assignments')
    .addColumn('id', d.type({ type: 'uuid' }), (c) => c.notNull())
    .addColumn('block_number', d.type({ type: 'integer' }), (c) => c.notNull())
    .addColumn('academic_year', d.type({ type: 'integer' }), (c) => c.notNull())
    .addColumn('resident_id', d.type({ type: 'uuid' }), (c) => c.notNull())
    .addColumn('rotation_template_id', d.type({ type: 'uuid' }))
    .addColumn('has_leave', d.type({ type: 'boolean' }), (c) => c.notNull().defaultTo(d.literal('boolean', false)))
    .addColumn('leave_days', d.type({ type: 'integer' }), (c) => c.notNull().defaultTo(d.literal('integer', 0)))
    .addColumn(
      'assignment_reason',
      d.type({ type: 'varchar', length: 50 }),
      (c) => c.notNull().defaultTo(d.literal('varchar', 'balanced')),
    )
    .addColumn('notes', d.type({ type: 'text' }))
    .addColumn('created_by', d.type({ type: 'varchar', length: 255 }))
    .addColumn('created_at', d.type({ type: 'timestamp' }), (c) => c.defaultTo(d.now('timestamp')))
    .addColumn('updated_at', d.type({ type: 'timestamp' }), (c) => c.defaultTo(d.now('timestamp')))
    .addPrimaryKeyConstraint('block_assignments_pkey', ['id'])
    .addForeignKeyConstraint(
      'fk_block_assignments_rotation_template_id',
      ['rotation_template_id'],
      'rotation_templates',
      ['id'],
      (fk) => fk.onDelete('set null'),
    )
    .addForeignKeyConstraint(
      'fk_block_assignments_resident_id',
      ['resident_id'],
      'people',
      ['id'],
      (fk) => fk.onDelete('cascade'),
    )
    .addUniqueConstraint('unique_resident_per_block', ['block_number', 'academic_year', 'resident_id'])
    .addCheckConstraint('check_leave_days_positive', sql.raw("leave_days >= 0"))
    .addCheckConstraint(
      'check_assignment_reason',
      sql.raw("assignment_reason IN ('leave_eligible_match', 'coverage_priority', 'balanced', 'manual', 'specialty_match')"),
    )
    .addCheckConstraint('check_block_number_range', sql.raw("block_number >= 0 AND block_number <= 13"))
    .execute()
  await db.schema
    .createIndex('ix_block_assignments_block_year')
    .on('block_assignments')
    .columns(['block_number', 'academic_year'])
    .execute()
  await db.schema.createIndex('ix_block_assignments_has_leave').on('block_assignments').columns(['has_leave']).execute()
  await db.schema
    .createIndex('ix_block_assignments_resident_id')
    .on('block_assignments')
    .columns(['resident_id'])
    .execute()
  await db.schema
    .createIndex('ix_block_assignments_rotation_template_id')
    .on('block_assignments')
    .columns(['rotation_template_id'])
    .execute()

  await db.schema
    .createTable('call_assignments')
    .addColumn('id', d.type({ type: 'uuid' }), (c) => c.notNull())
    .addColumn('date', d.type({ type: 'date' }), (c) => c.notNull())
    .addColumn('person_id', d.type({ type: 'uuid' }), (c) => c.notNull())
    .addColumn('call_type', d.type({ type: 'varchar', length: 50 }), (c) => c.notNull())
    .addColumn('is_weekend', d.type({ type: 'boolean' }), (c) => c.defaultTo(d.literal('boolean', false)))
    .addColumn('is_holiday', d.type({ type: 'boolean' }), (c) => c.defaultTo(d.literal('boolean', false)))
    .addColumn('created_at', d.type({ type: 'timestamp' }), (c) => c.defaultTo(d.now('timestamp')))
    .addPrimaryKeyConstraint('call_assignments_pkey', ['id'])
    .addForeignKeyConstraint(
      'fk_call_assignments_person_id',
      ['person_id'],
      'people',
      ['id'],
      (fk) => fk.onDelete('cascade'),
    )
    .addUniqueConstraint('unique_call_per_day', ['date', 'person_id', 'call_type'])
    .addCheckConstraint('check_call_type', sql.raw("call_type IN ('overnight', 'weekend', 'backup')"))
    .execute()
  await db.schema.createIndex('idx_call_assignment_date').on('call_assignments').columns(['date']).execute()
  await db.schema.createIndex('idx_call_assignment_person_id').on('call_assignments').columns(['person_id']).execute()

  await db.schema
    .createTable('clinic_sessions')
    .addColumn('id', d.type({ type: 'uuid' }), (c) => c.notNull())
    .addColumn('date', d.type({ type: 'date' }), (c) => c.notNull())
    .addColumn('session_type', d.type({ type: 'varchar', length: 2 }), (c) => c.notNull())
    .addColumn('clinic_type', d.type({ type: 'varchar', length: 50 }), (c) => c.notNull())
    .addColumn('physician_count', d.type({ type: 'integer' }), (c) => c.notNull().defaultTo(d.literal('integer', 0)))
    .addColumn('screener_count', d.type({ type: 'integer' }), (c) => c.notNull().defaultTo(d.literal('integer', 0)))
    .addColumn('screener_ratio', d.type({ type: 'float' }))
    .addColumn('staffing_status', d.type({ type: 'varchar', length: 20 }), (c) => c.notNull())
    .addColumn('rn_fallback_used', d.type({ type: 'boolean' }), (c) => c.defaultTo(d.literal('boolean', false)))
    .addColumn('created_at', d.type({ type: 'timestamp' }), (c) => c.defaultTo(d.now('timestamp')))
    .addColumn('updated_at', d.type({ type: 'timestamp' }), (c) => c.defaultTo(d.now('timestamp')))
    .addPrimaryKeyConstraint('clinic_sessions_pkey', ['id'])
    .addCheckConstraint(
      'check_staffing_status',
      sql.raw("staffing_status IN ('optimal', 'adequate', 'suboptimal', 'inadequate', 'unstaffed')"),
    )
    .addCheckConstraint('check_physician_count', sql.raw("physician_count >= 0"))
    .addCheckConstraint('check_session_type', sql.raw("session_type IN ('am', 'pm')"))
    .addCheckConstraint(
      'check_clinic_type',
      sql.raw("clinic_type IN ('family_medicine', 'sports_medicine', 'pediatrics', 'procedures')"),
    )
    .addCheckConstraint('check_screener_count', sql.raw("screener_count >= 0"))
    .addCheckConstraint('check_screener_ratio', sql.raw("screener_ratio IS NULL OR screener_ratio >= 0"))
    .execute()
  await db.schema.createIndex('ix_clinic_sessions_date').on('clinic_sessions').columns(['date']).execute()

  await db.schema
    .createTable('conflict_alerts')
    .addColumn('id', d.type({ type: 'uuid' }), (c) => c.notNull())
    .addColumn('faculty_id', d.type({ type: 'uuid' }), (c) => c.notNull())
    .addColumn('conflict_type', d.type({ type: 'varchar', length: 21 }), (c) => c.notNull())
    .addColumn(
      'severity',
      d.type({ type: 'varchar', length: 20 }),
      (c) => c.notNull().defaultTo(d.literal('varchar', 'warning')),
    )
    .addColumn('fmit_week', d.type({ type: 'date' }), (c) => c.notNull())
    .addColumn('leave_id', d.type({ type: 'uuid' }))
    .addColumn('swap_id', d.type({ type: 'uuid' }))
    .addColumn(
      'status',
      d.type({ type: 'varchar', length: 20 }),
      (c) => c.notNull().defaultTo(d.literal('varchar', 'new')),
    )
    .addColumn('description', d.type({ type: 'text' }), (c) => c.notNull())
    .addColumn('resolution_notes', d.type({ type: 'text' }))
    .addColumn('created_at', d.type({ type: 'timestamp' }), (c) => c.notNull().defaultTo(d.now('timestamp')))
    .addColumn('acknowledged_at', d.type({ type: 'timestamp' }))
    .addColumn('acknowledged_by_id', d.type({ type: 'uuid' }))
    .addColumn('resolved_at', d.type({ type: 'timestamp' }))
    .addColumn('resolved_by_id', d.type({ type: 'uuid' }))
    .addPrimaryKeyConstraint('conflict_alerts_pkey', ['id'])
    .addForeignKeyConstraint('fk_conflict_alerts_acknowledged_by_id', ['acknowledged_by_id'], 'users', ['id'])
    .addForeignKeyConstraint('fk_conflict_alerts_resolved_by_id', ['resolved_by_id'], 'users', ['id'])
    .addForeignKeyConstraint('fk_conflict_alerts_leave_id', ['leave_id'], 'absences', ['id'])
    .addForeignKeyConstraint('fk_conflict_alerts_faculty_id', ['faculty_id'], 'people', ['id'])
    .addCheckConstraint(
      'check_conflict_alerts_conflict_type',
      sql.raw("conflict_type IN ('leave_fmit_overlap', 'back_to_back', 'excessive_alternating', 'call_cascade', 'external_commitment')"),
    )
    .addCheckConstraint('check_conflict_alerts_severity', sql.raw("severity IN ('critical', 'warning', 'info')"))
    .addCheckConstraint(
      'check_conflict_alerts_status',
      sql.raw("status IN ('new', 'acknowledged', 'resolved', 'ignored')"),
    )
    .execute()
  await db.schema
    .createIndex('ix_conflict_alerts_acknowledged_by_id')
    .on('conflict_alerts')
    .columns(['acknowledged_by_id'])
    .execute()
  await db.schema.createIndex('ix_conflict_alerts_faculty_id').on('conflict_alerts').columns(['faculty_id']).execute()
  await db.schema.createIndex('ix_conflict_alerts_fmit_week').on('conflict_alerts').columns(['fmit_week']).execute()
  await db.schema.createIndex('ix_conflict_alerts_leave_id').on('conflict_alerts').columns(['leave_id']).execute()
  await db.schema
    .createIndex('ix_conflict_alerts_resolved_by_id')
    .on('conflict_alerts')
    .columns(['resolved_by_id'])
    .execute()
  await db.schema.createIndex('ix_conflict_alerts_status').on('conflict_alerts').columns(['status']).execute()

  await db.schema
    .createTable('faculty_preferences')
    .addColumn('id', d.type({ type: 'uuid' }), (c) => c.notNull())
    .addColumn('faculty_id', d.type({ type: 'uuid' }), (c) => c.notNull())
    .addColumn('preferred_weeks', d.type({ type: 'json' }))
    .addColumn('blocked_weeks', d.type({ type: 'json' }))
    .addColumn('max_weeks_per_month', d.type({ type: 'integer' }), (c) => c.defaultTo(d.literal('integer', 2)))
    .addColumn('max_consecutive_weeks', d.type({ type: 'integer' }), (c) => c.defaultTo(d.literal('integer', 1)))
    .addColumn('min_gap_between_weeks', d.type({ type: 'integer' }), (c) => c.defaultTo(d.literal('integer', 2)))
    .addColumn('target_weeks_per_year', d.type({ type: 'integer' }), (c) => c.defaultTo(d.literal('integer', 6)))
    .addColumn('notify_swap_requests', d.type({ type: 'boolean' }), (c) => c.defaultTo(d.literal('boolean', true)))
    .addColumn('notify_schedule_changes', d.type({ type: 'boolean' }), (c) => c.defaultTo(d.literal('boolean', true)))
    .addColumn('notify_conflict_alerts', d.type({ type: 'boolean' }), (c) => c.defaultTo(d.literal('boolean', true)))
    .addColumn('notify_reminder_days', d.type({ type: 'integer' }), (c) => c.defaultTo(d.literal('integer', 7)))
    .addColumn('preferred_contact_method', d.type({ type: 'text' }), (c) => c.defaultTo(d.literal('text', 'email')))
    .addColumn('notes', d.type({ type: 'text' }))
    .addColumn('created_at', d.type({ type: 'timestamp' }), (c) => c.notNull().defaultTo(d.now('timestamp')))
    .addColumn('updated_at', d.type({ type: 'timestamp' }), (c) => c.notNull().defaultTo(d.now('timestamp')))
    .addPrimaryKeyConstraint('faculty_preferences_pkey', ['id'])
    .addForeignKeyConstraint('fk_faculty_preferences_faculty_id', ['faculty_id'], 'people', ['id'])
    .addUniqueConstraint('uq_faculty_preferences_faculty_id', ['faculty_id'])
    .execute()

  await db.schema
    .createTable('intern_stagger_patterns')
    .addColumn('id', d.type({ type: 'uuid' }), (c) => c.notNull())
    .addColumn('name', d.type({ type: 'varchar', length: 255 }), (c) => c.notNull())
    .addColumn('intern_a_start', d.type({ type: 'time' }), (c) => c.notNull())
    .addColumn('intern_b_start', d.type({ type: 'time' }), (c) => c.notNull())
    .addColumn('overlap_duration_minutes', d.type({ type: 'integer' }), (c) => c.notNull())
    .addColumn(
      'overlap_efficiency',
      d.type({ type: 'integer' }),
      (c) => c.notNull().defaultTo(d.literal('integer', 85)),
    )
    .addColumn(
      'min_intern_a_experience_weeks',
      d.type({ type: 'integer' }),
      (c) => c.notNull().defaultTo(d.literal('integer', 2)),
    )
    .addColumn('created_at', d.type({ type: 'timestamp' }), (c) => c.defaultTo(d.now('timestamp')))
    .addColumn('updated_at', d.type({ type: 'timestamp' }), (c) => c.defaultTo(d.now('timestamp')))
    .addPrimaryKeyConstraint('intern_stagger_patterns_pkey', ['id'])
    .addUniqueConstraint('uq_intern_stagger_patterns_name', ['name'])
    .addCheckConstraint('check_overlap_efficiency', sql.raw("overlap_efficiency BETWEEN 0 AND 100"))
    .addCheckConstraint('check_overlap_duration', sql.raw("overlap_duration_minutes > 0"))
    .addCheckConstraint('check_min_experience', sql.raw("min_intern_a_experience_weeks >= 0"))
    .execute()

  await db.schema
    .createTable('schedule_versions')
    .addColumn('id', d.type({ type: 'uuid' }), (c) => c.notNull())
    .addColumn('schedule_run_id', d.type({ type: 'uuid' }))
    .addColumn('version_number', d.type({ type: 'integer' }), (c) => c.notNull())
    .addColumn('created_at', d.type({ type: 'timestamp' }), (c) => c.defaultTo(d.now('timestamp')))
    .addColumn('trigger_type', d.type({ type: 'varchar', length: 50 }), (c) => c.notNull())
    .addColumn('parent_version_id', d.type({ type: 'uuid' }))
    .addColumn('model_hash', d.type({ type: 'varchar', length: 64 }))
    .addColumn('total_assignments', d.type({ type: 'integer' }))
    .addColumn('total_persons', d.type({ type: 'integer' }))
    .addColumn('date_range_start', d.type({ type: 'date' }))
    .addColumn('date_range_end', d.type({ type: 'date' }))
    .addPrimaryKeyConstraint('schedule_versions_pkey', ['id'])
    .addForeignKeyConstraint(
      'fk_schedule_versions_parent_version_id',
      ['parent_version_id'],
      'schedule_versions',
      ['id'],
      (fk) => fk.onDelete('set null'),
    )
    .addForeignKeyConstraint(
      'fk_schedule_versions_schedule_run_id',
      ['schedule_run_id'],
      'schedule_runs',
      ['id'],
      (fk) => fk.onDelete('cascade'),
    )
    .addCheckConstraint(
      'check_trigger_type',
      sql.raw("trigger_type IN ('generation', 'swap', 'absence', 'manual_edit', 'auto_rebalance')"),
    )
    .execute()
  await db.schema.createIndex('idx_schedule_versions_created').on('schedule_versions').columns(['created_at']).execute()
  await db.schema
    .createIndex('idx_schedule_versions_parent')
    .on('schedule_versions')
    .columns(['parent_version_id'])
    .execute()
  await db.schema
    .createIndex('idx_schedule_versions_run')
    .on('schedule_versions')
    .columns(['schedule_run_id'])
    .execute()
  await db.schema
    .createIndex('idx_schedule_versions_trigger')
    .on('schedule_versions')
    .columns(['trigger_type'])
    .execute()

  await db.schema
    .createTable('metric_snapshots')
    .addColumn('id', d.type({ type: 'uuid' }), (c) => c.notNull())
    .addColumn('schedule_version_id', d.type({ type: 'uuid' }), (c) => c.notNull())
    .addColumn('category', d.type({ type: 'varchar', length: 20 }), (c) => c.notNull())
    .addColumn('metric_name', d.type({ type: 'varchar', length: 50 }), (c) => c.notNull())
    .addColumn('value', d.type({ type: 'float' }), (c) => c.notNull())
    .addColumn('computed_at', d.type({ type: 'timestamp' }), (c) => c.defaultTo(d.now('timestamp')))
    .addColumn(
      'methodology_version',
      d.type({ type: 'varchar', length: 20 }),
      (c) => c.defaultTo(d.literal('varchar', '1.0')),
    )
    .addPrimaryKeyConstraint('metric_snapshots_pkey', ['id'])
    .addForeignKeyConstraint(
      'fk_metric_snapshots_schedule_version_id',
      ['schedule_version_id'],
      'schedule_versions',
      ['id'],
      (fk) => fk.onDelete('cascade'),
    )
    .addCheckConstraint(
      'check_metric_category',
      sql.raw("category IN ('fairness', 'satisfaction', 'stability', 'compliance', 'resilience')"),
    )
    .execute()
  await db.schema.createIndex('idx_metrics_category').on('metric_snapshots').columns(['category']).execute()
  await db.schema
    .createIndex('ix_metrics_name_time')
    .on('metric_snapshots')
    .columns(['metric_name', 'computed_at'])
    .execute()
  await db.schema
    .createIndex('ix_metrics_version_category')
    .on('metric_snapshots')
    .columns(['schedule_version_id', 'category'])
    .execute()

  await db.schema
    .createTable('rotation_halfday_requirements')
    .addColumn('id', d.type({ type: 'uuid' }), (c) => c.notNull())
    .addColumn('rotation_template_id', d.type({ type: 'uuid' }), (c) => c.notNull())
    .addColumn('fm_clinic_halfdays', d.type({ type: 'integer' }), (c) => c.notNull().defaultTo(d.literal('integer', 4)))
    .addColumn('specialty_halfdays', d.type({ type: 'integer' }), (c) => c.notNull().defaultTo(d.literal('integer', 5)))
    .addColumn('specialty_name', d.type({ type: 'varchar', length: 255 }))
    .addColumn('academics_halfdays', d.type({ type: 'integer' }), (c) => c.notNull().defaultTo(d.literal('integer', 1)))
    .addColumn('elective_halfdays', d.type({ type: 'integer' }), (c) => c.defaultTo(d.literal('integer', 0)))
    .addColumn('min_consecutive_specialty', d.type({ type: 'integer' }), (c) => c.defaultTo(d.literal('integer', 1)))
    .addColumn(
      'prefer_combined_clinic_days',
      d.type({ type: 'boolean' }),
      (c) => c.defaultTo(d.literal('boolean', true)),
    )
    .addColumn('created_at', d.type({ type: 'timestamp' }), (c) => c.defaultTo(d.now('timestamp')))
    .addColumn('updated_at', d.type({ type: 'timestamp' }), (c) => c.defaultTo(d.now('timestamp')))
    .addPrimaryKeyConstraint('rotation_halfday_requirements_pkey', ['id'])
    .addForeignKeyConstraint(
      'fk_rotation_halfday_requirements_rotation_template_id',
      ['rotation_template_id'],
      'rotation_templates',
      ['id'],
      (fk) => fk.onDelete('cascade'),
    )
    .addUniqueConstraint('uq_rotation_halfday_template', ['rotation_template_id'])
    .execute()

  await db.schema
    .createTable('rotation_preferences')
    .addColumn('id', d.type({ type: 'uuid' }), (c) => c.notNull())
    .addColumn('rotation_template_id', d.type({ type: 'uuid' }), (c) => c.notNull())
    .addColumn('preference_type', d.type({ type: 'varchar', length: 50 }), (c) => c.notNull())
    .addColumn(
      'weight',
      d.type({ type: 'varchar', length: 20 }),
      (c) => c.notNull().defaultTo(d.literal('varchar', 'medium')),
    )
    .addColumn('config_json', d.type({ type: 'json' }), (c) => c.notNull())
    .addColumn('is_active', d.type({ type: 'boolean' }), (c) => c.notNull().defaultTo(d.literal('boolean', true)))
    .addColumn('description', d.type({ type: 'varchar', length: 200 }))
    .addColumn('created_at', d.type({ type: 'timestamp' }), (c) => c.notNull().defaultTo(d.now('timestamp')))
    .addColumn('updated_at', d.type({ type: 'timestamp' }), (c) => c.notNull().defaultTo(d.now('timestamp')))
    .addPrimaryKeyConstraint('rotation_preferences_pkey', ['id'])
    .addForeignKeyConstraint(
      'fk_rotation_preferences_rotation_template_id',
      ['rotation_template_id'],
      'rotation_templates',
      ['id'],
      (fk) => fk.onDelete('cascade'),
    )
    .execute()
  await db.schema
    .createIndex('ix_rotation_preferences_rotation_template_id')
    .on('rotation_preferences')
    .columns(['rotation_template_id'])
    .execute()

  await db.schema
    .createTable('schedule_diffs')
    .addColumn('id', d.type({ type: 'uuid' }), (c) => c.notNull())
    .addColumn('from_version_id', d.type({ type: 'uuid' }), (c) => c.notNull())
    .addColumn('to_version_id', d.type({ type: 'uuid' }), (c) => c.notNull())
    .addColumn('computed_at', d.type({ type: 'timestamp' }), (c) => c.defaultTo(d.now('timestamp')))
    .addColumn('assignments_added', d.type({ type: 'json' }), (c) => c.defaultTo(d.literal('json', {})))
    .addColumn('assignments_removed', d.type({ type: 'json' }), (c) => c.defaultTo(d.literal('json', {})))
    .addColumn('assignments_modified', d.type({ type: 'json' }), (c) => c.defaultTo(d.literal('json', {})))
    .addColumn('total_changes', d.type({ type: 'integer' }))
    .addColumn('persons_affected', d.type({ type: 'integer' }))
    .addColumn('blocks_affected', d.type({ type: 'integer' }))
    .addPrimaryKeyConstraint('schedule_diffs_pkey', ['id'])
    .addForeignKeyConstraint(
      'fk_schedule_diffs_to_version_id',
      ['to_version_id'],
      'schedule_versions',
      ['id'],
      (fk) => fk.onDelete('cascade'),
    )
    .addForeignKeyConstraint(
      'fk_schedule_diffs_from_version_id',
      ['from_version_id'],
      'schedule_versions',
      ['id'],
      (fk) => fk.onDelete('cascade'),
    )
    .execute()
  await db.schema.createIndex('idx_diffs_computed').on('schedule_diffs').columns(['computed_at']).execute()
  await db.schema
    .createIndex('idx_diffs_from_to')
    .on('schedule_diffs')
    .columns(['from_version_id', 'to_version_id'])
    .execute()
  await db.schema.createIndex('idx_diffs_from_version').on('schedule_diffs').columns(['from_version_id']).execute()
  await db.schema.createIndex('idx_diffs_to_version').on('schedule_diffs').columns(['to_version_id']).execute()

  await db.schema
    .createTable('weekly_patterns')
    .addColumn('id', d.type({ type: 'uuid' }), (c) => c.notNull())
    .addColumn('rotation_template_id', d.type({ type: 'uuid' }), (c) => c.notNull())
    .addColumn('day_of_week', d.type({ type: 'integer' }), (c) => c.notNull())
    .addColumn('time_of_day', d.type({ type: 'varchar', length: 2 }), (c) => c.notNull())
    .addColumn('activity_type', d.type({ type: 'varchar', length: 50 }), (c) => c.notNull())
    .addColumn('linked_template_id', d.type({ type: 'uuid' }))
    .addColumn('is_protected', d.type({ type: 'boolean' }), (c) => c.notNull().defaultTo(d.literal('boolean', false)))
    .addColumn('notes', d.type({ type: 'varchar', length: 200 }))
    .addColumn('created_at', d.type({ type: 'timestamp' }), (c) => c.notNull().defaultTo(d.now('timestamp')))
    .addColumn('updated_at', d.type({ type: 'timestamp' }), (c) => c.notNull().defaultTo(d.now('timestamp')))
    .addPrimaryKeyConstraint('weekly_patterns_pkey', ['id'])
    .addForeignKeyConstraint(
      'fk_weekly_patterns_rotation_template_id',
      ['rotation_template_id'],
      'rotation_templates',
      ['id'],
      (fk) => fk.onDelete('cascade'),
    )
    .addForeignKeyConstraint(
      'fk_weekly_patterns_linked_template_id',
      ['linked_template_id'],
      'rotation_templates',
      ['id'],
      (fk) => fk.onDelete('set null'),
    )
    .addUniqueConstraint('uq_weekly_pattern_slot', ['rotation_template_id', 'day_of_week', 'time_of_day'])
    .execute()
  await db.schema
    .createIndex('ix_weekly_patterns_linked_template_id')
    .on('weekly_patterns')
    .columns(['linked_template_id'])
    .execute()
  await db.schema
    .createIndex('ix_weekly_patterns_rotation_template_id')
    .on('weekly_patterns')
    .columns(['rotation_template_id'])
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  // reverse creation order: no table is dropped while a later one still references it
  for (const table of [
    'weekly_patterns', 'schedule_diffs', 'rotation_preferences', 'rotation_halfday_requirements',
    'metric_snapshots', 'schedule_versions', 'intern_stagger_patterns', 'faculty_preferences',
    'conflict_alerts', 'clinic_sessions', 'call_assignments', 'block_assignments', 'assignments',
    'rotation_templates', 'blocks', 'schedule_runs', 'absences', 'people',
  ]) {
    await db.schema.dropTable(table).execute()
  }
}
