import type { Kysely } from 'kysely'
import { sql } from 'kysely'
import type { MigrationDialect } from './migration-dialect.js'
import { ddlTypes } from './support/v1/ddl-types.js'

export async function up(db: Kysely<any>, dialect: MigrationDialect): Promise<void> {
  const d = ddlTypes(dialect)

  await db.schema
    .createTable('application_settings')
    .addColumn('id', d.type({ type: 'uuid' }), (c) => c.notNull())
    .addColumn(
      'scheduling_algorithm',
      d.type({ type: 'varchar', length: 50 }),
      (c) => c.notNull().defaultTo(d.literal('varchar', 'greedy')),
    )
    .addColumn(
      'work_hours_per_week',
      d.type({ type: 'integer' }),
      (c) => c.notNull().defaultTo(d.literal('integer', 80)),
    )
    .addColumn(
      'max_consecutive_days',
      d.type({ type: 'integer' }),
      (c) => c.notNull().defaultTo(d.literal('integer', 6)),
    )
    .addColumn(
      'min_days_off_per_week',
      d.type({ type: 'integer' }),
      (c) => c.notNull().defaultTo(d.literal('integer', 1)),
    )
    .addColumn(
      'pgy1_supervision_ratio',
      d.type({ type: 'varchar', length: 10 }),
      (c) => c.notNull().defaultTo(d.literal('varchar', '1:2')),
    )
    .addColumn(
      'pgy2_supervision_ratio',
      d.type({ type: 'varchar', length: 10 }),
      (c) => c.notNull().defaultTo(d.literal('varchar', '1:4')),
    )
    .addColumn(
      'pgy3_supervision_ratio',
      d.type({ type: 'varchar', length: 10 }),
      (c) => c.notNull().defaultTo(d.literal('varchar', '1:4')),
    )
    .addColumn(
      'enable_weekend_scheduling',
      d.type({ type: 'boolean' }),
      (c) => c.notNull().defaultTo(d.literal('boolean', true)),
    )
    .addColumn(
      'enable_holiday_scheduling',
      d.type({ type: 'boolean' }),
      (c) => c.notNull().defaultTo(d.literal('boolean', false)),
    )
    .addColumn(
      'default_block_duration_hours',
      d.type({ type: 'integer' }),
      (c) => c.notNull().defaultTo(d.literal('integer', 4)),
    )
    .addColumn(
      'freeze_horizon_days',
      d.type({ type: 'integer' }),
      (c) => c.notNull().defaultTo(d.literal('integer', 7)),
    )
    .addColumn(
      'freeze_scope',
      d.type({ type: 'varchar', length: 50 }),
      (c) => c.notNull().defaultTo(d.literal('varchar', 'non_emergency_only')),
    )
    .addColumn('alembic_version', d.type({ type: 'varchar', length: 255 }))
    .addColumn('schema_timestamp', d.type({ type: 'timestamp' }))
    .addColumn('created_at', d.type({ type: 'timestamp' }), (c) => c.defaultTo(d.now('timestamp')))
    .addColumn('updated_at', d.type({ type: 'timestamp' }), (c) => c.defaultTo(d.now('timestamp')))
    .addPrimaryKeyConstraint('application_settings_pkey', ['id'])
    .addCheckConstraint(
      'check_freeze_scope',
      sql.raw("freeze_scope IN ('none', 'non_emergency_only', 'all_changes_require_override')"),
    )
    .addCheckConstraint('check_work_hours', sql.raw("work_hours_per_week >= 40 AND work_hours_per_week <= 100"))
    .addCheckConstraint(
      'check_scheduling_algorithm',
      sql.raw("scheduling_algorithm IN ('greedy', 'min_conflicts', 'cp_sat', 'pulp', 'hybrid')"),
    )
    .addCheckConstraint(
      'check_block_duration',
      sql.raw("default_block_duration_hours >= 1 AND default_block_duration_hours <= 12"),
    )
    .addCheckConstraint('check_freeze_horizon', sql.raw("freeze_horizon_days >= 0 AND freeze_horizon_days <= 30"))
    .addCheckConstraint('check_consecutive_days', sql.raw("max_consecutive_days >= 1 AND max_consecutive_days <= 7"))
    .addCheckConstraint('check_days_off', sql.raw("min_days_off_per_week >= 1 AND min_days_off_per_week <= 3"))
    .execute()

  await db.schema
    .createTable('chaos_experiments')
    .addColumn('id', d.type({ type: 'uuid' }), (c) => c.notNull())
    .addColumn('name', d.type({ type: 'varchar', length: 200 }), (c) => c.notNull())
    .addColumn('description', d.type({ type: 'varchar', length: 1000 }))
    .addColumn('injector_type', d.type({ type: 'varchar', length: 50 }), (c) => c.notNull())
    .addColumn('blast_radius', d.type({ type: 'float' }), (c) => c.notNull().defaultTo(d.literal('float', 0.1)))
    .addColumn('blast_radius_scope', d.type({ type: 'varchar', length: 50 }), (c) => c.notNull())
    .addColumn('target_component', d.type({ type: 'varchar', length: 200 }))
    .addColumn('target_zone_id', d.type({ type: 'uuid' }))
    .addColumn('target_user_id', d.type({ type: 'uuid' }))
    .addColumn(
      'status',
      d.type({ type: 'varchar', length: 50 }),
      (c) => c.notNull().defaultTo(d.literal('varchar', 'pending')),
    )
    .addColumn('scheduled_at', d.type({ type: 'timestamp' }), (c) => c.notNull().defaultTo(d.now('timestamp')))
    .addColumn('started_at', d.type({ type: 'timestamp' }))
    .addColumn('ended_at', d.type({ type: 'timestamp' }))
    .addColumn(
      'max_duration_minutes',
      d.type({ type: 'integer' }),
      (c) => c.notNull().defaultTo(d.literal('integer', 15)),
    )
    .addColumn('auto_rollback', d.type({ type: 'boolean' }), (c) => c.notNull().defaultTo(d.literal('boolean', true)))
    .addColumn('slo_thresholds', d.type({ type: 'json' }))
    .addColumn('total_injections', d.type({ type: 'integer' }), (c) => c.notNull().defaultTo(d.literal('integer', 0)))
    .addColumn(
      'successful_injections',
      d.type({ type: 'integer' }),
      (c) => c.notNull().defaultTo(d.literal('integer', 0)),
    )
    .addColumn('failed_injections', d.type({ type: 'integer' }), (c) => c.notNull().defaultTo(d.literal('integer', 0)))
    .addColumn('slo_breaches', d.type({ type: 'json' }))
    .addColumn('rollback_reason', d.type({ type: 'varchar', length: 500 }))
    .addColumn('injector_params', d.type({ type: 'json' }))
    .addColumn('observations', d.type({ type: 'json' }))
    .addColumn('metrics_snapshot', d.type({ type: 'json' }))
    .addColumn('metadata', d.type({ type: 'json' }))
    .addColumn('created_by', d.type({ type: 'varchar', length: 100 }))
    .addColumn('approved_by', d.type({ type: 'varchar', length: 100 }))
    .addPrimaryKeyConstraint('chaos_experiments_pkey', ['id'])
    .execute()
  await db.schema
    .createIndex('ix_chaos_experiments_injector_type')
    .on('chaos_experiments')
    .columns(['injector_type'])
    .execute()
  await db.schema
    .createIndex('ix_chaos_experiments_scheduled_at')
    .on('chaos_experiments')
    .columns(['scheduled_at'])
    .execute()
  await db.schema
    .createIndex('ix_chaos_experiments_started_at')
    .on('chaos_experiments')
    .columns(['started_at'])
    .execute()
  await db.schema.createIndex('ix_chaos_experiments_status').on('chaos_experiments').columns(['status']).execute()

  await db.schema
    .createTable('export_job_executions')
    .addColumn('id', d.type({ type: 'uuid' }), (c) => c.notNull())
    .addColumn('job_id', d.type({ type: 'uuid' }), (c) => c.notNull())
    .addColumn('job_name', d.type({ type: 'varchar', length: 255 }), (c) => c.notNull())
    .addColumn('started_at', d.type({ type: 'timestamp' }), (c) => c.notNull())
    .addColumn('finished_at', d.type({ type: 'timestamp' }))
    .addColumn('runtime_seconds', d.type({ type: 'integer' }))
    .addColumn('scheduled_run_time', d.type({ type: 'timestamp' }))
    .addColumn(
      'status',
      d.type({ type: 'varchar', length: 50 }),
      (c) => c.notNull().defaultTo(d.literal('varchar', 'pending')),
    )
    .addColumn('row_count', d.type({ type: 'integer' }))
    .addColumn('file_size_bytes', d.type({ type: 'integer' }))
    .addColumn('file_path', d.type({ type: 'varchar', length: 1000 }))
    .addColumn('s3_url', d.type({ type: 'varchar', length: 1000 }))
    .addColumn('email_sent', d.type({ type: 'boolean' }), (c) => c.defaultTo(d.literal('boolean', false)))
    .addColumn('email_recipients', d.type({ type: 'string_array' }))
    .addColumn('error_message', d.type({ type: 'text' }))
    .addColumn('error_traceback', d.type({ type: 'text' }))
    .addColumn('triggered_by', d.type({ type: 'varchar', length: 255 }))
    .addColumn('execution_metadata', d.type({ type: 'json' }))
    .addPrimaryKeyConstraint('export_job_executions_pkey', ['id'])
    .execute()
  await db.schema
    .createIndex('ix_export_job_executions_job_id')
    .on('export_job_executions')
    .columns(['job_id'])
    .execute()
  await db.schema
    .createIndex('ix_export_job_executions_job_name')
    .on('export_job_executions')
    .columns(['job_name'])
    .execute()
  await db.schema
    .createIndex('ix_export_job_executions_started_at')
    .on('export_job_executions')
    .columns(['started_at'])
    .execute()
  await db.schema
    .createIndex('ix_export_job_executions_status')
    .on('export_job_executions')
    .columns(['status'])
    .execute()

  await db.schema
    .createTable('export_jobs')
    .addColumn('id', d.type({ type: 'uuid' }), (c) => c.notNull())
    .addColumn('name', d.type({ type: 'varchar', length: 255 }), (c) => c.notNull())
    .addColumn('description', d.type({ type: 'text' }))
    .addColumn(
      'template',
      d.type({ type: 'varchar', length: 50 }),
      (c) => c.notNull().defaultTo(d.literal('varchar', 'custom')),
    )
    .addColumn(
      'format',
      d.type({ type: 'varchar', length: 20 }),
      (c) => c.notNull().defaultTo(d.literal('varchar', 'csv')),
    )
    .addColumn(
      'delivery_method',
      d.type({ type: 'varchar', length: 20 }),
      (c) => c.notNull().defaultTo(d.literal('varchar', 'email')),
    )
    .addColumn('email_recipients', d.type({ type: 'string_array' }))
    .addColumn('email_subject_template', d.type({ type: 'varchar', length: 500 }))
    .addColumn('email_body_template', d.type({ type: 'text' }))
    .addColumn('s3_bucket', d.type({ type: 'varchar', length: 255 }))
    .addColumn('s3_key_prefix', d.type({ type: 'varchar', length: 500 }))
    .addColumn(
      's3_region',
      d.type({ type: 'varchar', length: 50 }),
      (c) => c.defaultTo(d.literal('varchar', 'us-east-1')),
    )
    .addColumn('schedule_cron', d.type({ type: 'varchar', length: 100 }))
    .addColumn('schedule_enabled', d.type({ type: 'boolean' }), (c) => c.defaultTo(d.literal('boolean', false)))
    .addColumn('filters', d.type({ type: 'json' }))
    .addColumn('columns', d.type({ type: 'string_array' }))
    .addColumn('include_headers', d.type({ type: 'boolean' }), (c) => c.defaultTo(d.literal('boolean', true)))
    .addColumn('last_run_at', d.type({ type: 'timestamp' }))
    .addColumn('next_run_at', d.type({ type: 'timestamp' }))
    .addColumn('run_count', d.type({ type: 'integer' }), (c) => c.defaultTo(d.literal('integer', 0)))
    .addColumn('enabled', d.type({ type: 'boolean' }), (c) => c.defaultTo(d.literal('boolean', true)))
    .addColumn('created_at', d.type({ type: 'timestamp' }), (c) => c.notNull().defaultTo(d.now('timestamp')))
    .addColumn('updated_at', d.type({ type: 'timestamp' }), (c) => c.notNull().defaultTo(d.now('timestamp')))
    .addColumn('created_by', d.type({ type: 'varchar', length: 255 }))
    .addPrimaryKeyConstraint('export_jobs_pkey', ['id'])
    .execute()
  await db.schema.createIndex('ix_export_jobs_enabled').on('export_jobs').columns(['enabled']).execute()
  await db.schema.createIndex('ix_export_jobs_name').on('export_jobs').columns(['name']).execute()
  await db.schema.createIndex('ix_export_jobs_next_run_at').on('export_jobs').columns(['next_run_at']).execute()
  await db.schema
    .createIndex('ix_export_jobs_schedule_enabled')
    .on('export_jobs')
    .columns(['schedule_enabled'])
    .execute()

  await db.schema
    .createTable('feature_flags')
    .addColumn('id', d.type({ type: 'uuid' }), (c) => c.notNull())
    .addColumn('key', d.type({ type: 'varchar', length: 100 }), (c) => c.notNull())
    .addColumn('name', d.type({ type: 'varchar', length: 255 }), (c) => c.notNull())
    .addColumn('description', d.type({ type: 'text' }))
    .addColumn(
      'flag_type',
      d.type({ type: 'varchar', length: 20 }),
      (c) => c.notNull().defaultTo(d.literal('varchar', 'boolean')),
    )
    .addColumn('enabled', d.type({ type: 'boolean' }), (c) => c.notNull().defaultTo(d.literal('boolean', false)))
    .addColumn('rollout_percentage', d.type({ type: 'float' }))
    .addColumn('environments', d.type({ type: 'json' }))
    .addColumn('target_user_ids', d.type({ type: 'json' }))
    .addColumn('target_roles', d.type({ type: 'json' }))
    .addColumn('variants', d.type({ type: 'json' }))
    .addColumn('dependencies', d.type({ type: 'json' }))
    .addColumn('custom_attributes', d.type({ type: 'json' }))
    .addColumn('created_by', d.type({ type: 'uuid' }))
    .addColumn('created_at', d.type({ type: 'timestamp' }), (c) => c.notNull().defaultTo(d.now('timestamp')))
    .addColumn('updated_at', d.type({ type: 'timestamp' }), (c) => c.notNull().defaultTo(d.now('timestamp')))
    .addPrimaryKeyConstraint('feature_flags_pkey', ['id'])
    .addUniqueConstraint('uq_feature_flags_key', ['key'])
    .addCheckConstraint(
      'check_rollout_percentage_range',
      sql.raw("rollout_percentage IS NULL OR (rollout_percentage >= 0.0 AND rollout_percentage <= 1.0)"),
    )
    .addCheckConstraint('check_flag_type', sql.raw("flag_type IN ('boolean', 'percentage', 'variant')"))
    .execute()
  await db.schema.createIndex('idx_feature_flag_enabled').on('feature_flags').columns(['enabled']).execute()
  await db.schema.createIndex('idx_feature_flag_type').on('feature_flags').columns(['flag_type']).execute()
  await db.schema.createIndex('ix_feature_flags_key').unique().on('feature_flags').columns(['key']).execute()

  await db.schema
    .createTable('feature_flag_audit')
    .addColumn('id', d.type({ type: 'uuid' }), (c) => c.notNull())
    .addColumn('flag_id', d.type({ type: 'uuid' }), (c) => c.notNull())
    .addColumn('user_id', d.type({ type: 'uuid' }))
    .addColumn('username', d.type({ type: 'varchar', length: 100 }))
    .addColumn('action', d.type({ type: 'varchar', length: 50 }), (c) => c.notNull())
    .addColumn('changes', d.type({ type: 'json' }))
    .addColumn('reason', d.type({ type: 'text' }))
    .addColumn('created_at', d.type({ type: 'timestamp' }), (c) => c.notNull().defaultTo(d.now('timestamp')))
    .addPrimaryKeyConstraint('feature_flag_audit_pkey', ['id'])
    .addForeignKeyConstraint(
      'fk_feature_flag_audit_flag_id',
      ['flag_id'],
      'feature_flags',
      ['id'],
      (fk) => fk.onDelete('cascade'),
    )
    .addCheckConstraint(
      'check_audit_action',
      sql.raw("action IN ('created', 'updated', 'deleted', 'enabled', 'disabled')"),
    )
    .execute()
  await db.schema.createIndex('idx_flag_audit_timestamp').on('feature_flag_audit').columns(['created_at']).execute()
  await db.schema.createIndex('idx_flag_audit_user').on('feature_flag_audit').columns(['user_id']).execute()
  await db.schema
    .createIndex('ix_feature_flag_audit_created_at')
    .on('feature_flag_audit')
    .columns(['created_at'])
    .execute()
  await db.schema.createIndex('ix_feature_flag_audit_flag_id').on('feature_flag_audit').columns(['flag_id']).execute()
  await db.schema.createIndex('ix_feature_flag_audit_user_id').on('feature_flag_audit').columns(['user_id']).execute()

  await db.schema
    .createTable('feature_flag_evaluations')
    .addColumn('id', d.type({ type: 'uuid' }), (c) => c.notNull())
    .addColumn('flag_id', d.type({ type: 'uuid' }), (c) => c.notNull())
    .addColumn('user_id', d.type({ type: 'uuid' }))
    .addColumn('user_role', d.type({ type: 'varchar', length: 50 }))
    .addColumn('enabled', d.type({ type: 'boolean' }), (c) => c.notNull())
    .addColumn('variant', d.type({ type: 'varchar', length: 50 }))
    .addColumn('environment', d.type({ type: 'varchar', length: 50 }))
    .addColumn('rollout_percentage', d.type({ type: 'float' }))
    .addColumn('context', d.type({ type: 'json' }))
    .addColumn('evaluated_at', d.type({ type: 'timestamp' }), (c) => c.notNull().defaultTo(d.now('timestamp')))
    .addPrimaryKeyConstraint('feature_flag_evaluations_pkey', ['id'])
    .addForeignKeyConstraint(
      'fk_feature_flag_evaluations_flag_id',
      ['flag_id'],
      'feature_flags',
      ['id'],
      (fk) => fk.onDelete('cascade'),
    )
    .execute()
  await db.schema
    .createIndex('idx_flag_eval_flag_user')
    .on('feature_flag_evaluations')
    .columns(['flag_id', 'user_id'])
    .execute()
  await db.schema
    .createIndex('idx_flag_eval_timestamp')
    .on('feature_flag_evaluations')
    .columns(['evaluated_at'])
    .execute()
  await db.schema
    .createIndex('ix_feature_flag_evaluations_evaluated_at')
    .on('feature_flag_evaluations')
    .columns(['evaluated_at'])
    .execute()
  await db.schema
    .createIndex('ix_feature_flag_evaluations_flag_id')
    .on('feature_flag_evaluations')
    .columns(['flag_id'])
    .execute()
  await db.schema
    .createIndex('ix_feature_flag_evaluations_user_id')
    .on('feature_flag_evaluations')
    .columns(['user_id'])
    .execute()

  await db.schema
    .createTable('idempotency_requests')
    .addColumn('id', d.type({ type: 'uuid' }), (c) => c.notNull())
    .addColumn('idempotency_key', d.type({ type: 'varchar', length: 255 }), (c) => c.notNull())
    .addColumn('body_hash', d.type({ type: 'varchar', length: 64 }), (c) => c.notNull())
    .addColumn('request_params', d.type({ type: 'json' }))
    .addColumn(
      'status',
      d.type({ type: 'varchar', length: 20 }),
      (c) => c.notNull().defaultTo(d.literal('varchar', 'pending')),
    )
    .addColumn('result_ref', d.type({ type: 'uuid' }))
    .addColumn('error_message', d.type({ type: 'text' }))
    .addColumn('response_body', d.type({ type: 'json' }))
    .addColumn('response_status_code', d.type({ type: 'varchar', length: 3 }))
    .addColumn('created_at', d.type({ type: 'timestamp' }), (c) => c.notNull().defaultTo(d.now('timestamp')))
    .addColumn('completed_at', d.type({ type: 'timestamp' }))
    .addColumn('expires_at', d.type({ type: 'timestamp' }), (c) => c.notNull())
    .addPrimaryKeyConstraint('idempotency_requests_pkey', ['id'])
    .execute()
  await db.schema.createIndex('idx_idempotency_expires').on('idempotency_requests').columns(['expires_at']).execute()
  await db.schema
    .createIndex('idx_idempotency_key_hash')
    .unique()
    .on('idempotency_requests')
    .columns(['idempotency_key', 'body_hash'])
    .execute()
  await db.schema.createIndex('idx_idempotency_status').on('idempotency_requests').columns(['status']).execute()

  await db.schema
    .createTable('job_executions')
    .addColumn('id', d.type({ type: 'uuid' }), (c) => c.notNull())
    .addColumn('job_id', d.type({ type: 'uuid' }), (c) => c.notNull())
    .addColumn('job_name', d.type({ type: 'varchar', length: 255 }), (c) => c.notNull())
    .addColumn('started_at', d.type({ type: 'timestamp' }), (c) => c.notNull())
    .addColumn('finished_at', d.type({ type: 'timestamp' }))
    .addColumn('status', d.type({ type: 'varchar', length: 50 }), (c) => c.notNull())
    .addColumn('result', d.type({ type: 'json' }))
    .addColumn('error', d.type({ type: 'text' }))
    .addColumn('traceback', d.type({ type: 'text' }))
    .addColumn('runtime_seconds', d.type({ type: 'integer' }))
    .addColumn('scheduled_run_time', d.type({ type: 'timestamp' }), (c) => c.notNull())
    .addPrimaryKeyConstraint('job_executions_pkey', ['id'])
    .execute()
  await db.schema.createIndex('ix_job_executions_job_id').on('job_executions').columns(['job_id']).execute()
  await db.schema.createIndex('ix_job_executions_job_name').on('job_executions').columns(['job_name']).execute()
  await db.schema.createIndex('ix_job_executions_started_at').on('job_executions').columns(['started_at']).execute()
  await db.schema.createIndex('ix_job_executions_status').on('job_executions').columns(['status']).execute()

  await db.schema
    .createTable('scheduled_jobs')
    .addColumn('id', d.type({ type: 'uuid' }), (c) => c.notNull())
    .addColumn('name', d.type({ type: 'varchar', length: 255 }), (c) => c.notNull())
    .addColumn('job_func', d.type({ type: 'varchar', length: 500 }), (c) => c.notNull())
    .addColumn('trigger_type', d.type({ type: 'varchar', length: 50 }), (c) => c.notNull())
    .addColumn('trigger_config', d.type({ type: 'json' }), (c) => c.notNull())
    .addColumn('args', d.type({ type: 'json' }))
    .addColumn('kwargs', d.type({ type: 'json' }))
    .addColumn('next_run_time', d.type({ type: 'timestamp' }))
    .addColumn('last_run_time', d.type({ type: 'timestamp' }))
    .addColumn('run_count', d.type({ type: 'integer' }), (c) => c.defaultTo(d.literal('integer', 0)))
    .addColumn('max_instances', d.type({ type: 'integer' }), (c) => c.defaultTo(d.literal('integer', 1)))
    .addColumn('misfire_grace_time', d.type({ type: 'integer' }))
    .addColumn('coalesce', d.type({ type: 'boolean' }), (c) => c.defaultTo(d.literal('boolean', true)))
    .addColumn('enabled', d.type({ type: 'boolean' }), (c) => c.defaultTo(d.literal('boolean', true)))
    .addColumn('description', d.type({ type: 'text' }))
    .addColumn('created_at', d.type({ type: 'timestamp' }), (c) => c.notNull().defaultTo(d.now('timestamp')))
    .addColumn('updated_at', d.type({ type: 'timestamp' }), (c) => c.notNull().defaultTo(d.now('timestamp')))
    .addColumn('created_by', d.type({ type: 'varchar', length: 255 }))
    .addPrimaryKeyConstraint('scheduled_jobs_pkey', ['id'])
    .addUniqueConstraint('uq_scheduled_jobs_name', ['name'])
    .execute()
  await db.schema.createIndex('ix_scheduled_jobs_enabled').on('scheduled_jobs').columns(['enabled']).execute()
  await db.schema.createIndex('ix_scheduled_jobs_name').unique().on('scheduled_jobs').columns(['name']).execute()
  await db.schema
    .createIndex('ix_scheduled_jobs_next_run_time')
    .on('scheduled_jobs')
    .columns(['next_run_time'])
    .execute()

  await db.schema
    .createTable('schema_change_events')
    .addColumn('id', d.type({ type: 'uuid' }), (c) => c.notNull())
    .addColumn('schema_version_id', d.type({ type: 'uuid' }), (c) => c.notNull())
    .addColumn('schema_name', d.type({ type: 'varchar', length: 255 }), (c) => c.notNull())
    .addColumn('event_type', d.type({ type: 'varchar', length: 50 }), (c) => c.notNull())
    .addColumn('previous_version', d.type({ type: 'integer' }))
    .addColumn('new_version', d.type({ type: 'integer' }), (c) => c.notNull())
    .addColumn('changed_by', d.type({ type: 'varchar', length: 255 }))
    .addColumn('change_description', d.type({ type: 'text' }))
    .addColumn(
      'notification_sent',
      d.type({ type: 'boolean' }),
      (c) => c.notNull().defaultTo(d.literal('boolean', false)),
    )
    .addColumn('notified_at', d.type({ type: 'timestamp' }))
    .addColumn('metadata', d.type({ type: 'json' }), (c) => c.notNull())
    .addColumn('created_at', d.type({ type: 'timestamp' }), (c) => c.notNull().defaultTo(d.now('timestamp')))
    .addPrimaryKeyConstraint('schema_change_events_pkey', ['id'])
    .addCheckConstraint(
      'check_event_type',
      sql.raw("event_type IN ('created', 'updated', 'deprecated', 'archived', 'activated', 'made_default')"),
    )
    .execute()
  await db.schema
    .createIndex('ix_schema_change_events_schema_name')
    .on('schema_change_events')
    .columns(['schema_name'])
    .execute()
  await db.schema
    .createIndex('ix_schema_change_events_schema_version_id')
    .on('schema_change_events')
    .columns(['schema_version_id'])
    .execute()

  await db.schema
    .createTable('schema_versions')
    .addColumn('id', d.type({ type: 'uuid' }), (c) => c.notNull())
    .addColumn('name', d.type({ type: 'varchar', length: 255 }), (c) => c.notNull())
    .addColumn('version', d.type({ type: 'integer' }), (c) => c.notNull())
    .addColumn('schema_definition', d.type({ type: 'json' }), (c) => c.notNull())
    .addColumn(
      'compatibility_type',
      d.type({ type: 'varchar', length: 50 }),
      (c) => c.notNull().defaultTo(d.literal('varchar', 'backward')),
    )
    .addColumn(
      'status',
      d.type({ type: 'varchar', length: 50 }),
      (c) => c.notNull().defaultTo(d.literal('varchar', 'active')),
    )
    .addColumn('is_default', d.type({ type: 'boolean' }), (c) => c.notNull().defaultTo(d.literal('boolean', false)))
    .addColumn('deprecated_at', d.type({ type: 'timestamp' }))
    .addColumn('archived_at', d.type({ type: 'timestamp' }))
    .addColumn('removed_at', d.type({ type: 'timestamp' }))
    .addColumn('description', d.type({ type: 'text' }))
    .addColumn('changelog', d.type({ type: 'text' }))
    .addColumn('migration_notes', d.type({ type: 'text' }))
    .addColumn('tags', d.type({ type: 'json' }), (c) => c.notNull())
    .addColumn('created_by', d.type({ type: 'varchar', length: 255 }))
    .addColumn('created_at', d.type({ type: 'timestamp' }), (c) => c.notNull().defaultTo(d.now('timestamp')))
    .addColumn('updated_at', d.type({ type: 'timestamp' }), (c) => c.notNull().defaultTo(d.now('timestamp')))
    .addPrimaryKeyConstraint('schema_versions_pkey', ['id'])
    .addUniqueConstraint('uq_schema_name_version', ['name', 'version'])
    .addCheckConstraint('check_version_positive', sql.raw("version > 0"))
    .addCheckConstraint(
      'check_schema_compatibility_type',
      sql.raw("compatibility_type IN ('none', 'backward', 'forward', 'full', 'transitive')"),
    )
    .addCheckConstraint('check_schema_status', sql.raw("status IN ('active', 'deprecated', 'archived', 'draft')"))
    .execute()
  await db.schema.createIndex('ix_schema_versions_name').on('schema_versions').columns(['name']).execute()
  await db.schema.createIndex('ix_schema_versions_status').on('schema_versions').columns(['status']).execute()

  await db.schema
    .createTable('state_machine_instances')
    .addColumn('id', d.type({ type: 'uuid' }), (c) => c.notNull())
    .addColumn('machine_name', d.type({ type: 'varchar', length: 100 }), (c) => c.notNull())
    .addColumn('current_state', d.type({ type: 'varchar', length: 100 }), (c) => c.notNull())
    .addColumn('parallel_states', d.type({ type: 'json' }))
    .addColumn(
      'status',
      d.type({ type: 'varchar', length: 20 }),
      (c) => c.notNull().defaultTo(d.literal('varchar', 'active')),
    )
    .addColumn('context', d.type({ type: 'json' }), (c) => c.notNull())
    .addColumn('entity_type', d.type({ type: 'varchar', length: 100 }))
    .addColumn('entity_id', d.type({ type: 'uuid' }))
    .addColumn('owner_id', d.type({ type: 'uuid' }))
    .addColumn('error_message', d.type({ type: 'text' }))
    .addColumn('error_details', d.type({ type: 'json' }))
    .addColumn('created_at', d.type({ type: 'timestamp' }), (c) => c.notNull().defaultTo(d.now('timestamp')))
    .addColumn('updated_at', d.type({ type: 'timestamp' }), (c) => c.notNull().defaultTo(d.now('timestamp')))
    .addColumn('completed_at', d.type({ type: 'timestamp' }))
    .addPrimaryKeyConstraint('state_machine_instances_pkey', ['id'])
    .addForeignKeyConstraint('fk_state_machine_instances_owner_id', ['owner_id'], 'users', ['id'])
    .execute()
  await db.schema
    .createIndex('idx_state_machine_entity')
    .on('state_machine_instances')
    .columns(['entity_type', 'entity_id'])
    .execute()
  await db.schema
    .createIndex('idx_state_machine_status_created')
    .on('state_machine_instances')
    .columns(['status', 'created_at'])
    .execute()
  await db.schema
    .createIndex('ix_state_machine_instances_entity_id')
    .on('state_machine_instances')
    .columns(['entity_id'])
    .execute()
  await db.schema
    .createIndex('ix_state_machine_instances_entity_type')
    .on('state_machine_instances')
    .columns(['entity_type'])
    .execute()
  await db.schema
    .createIndex('ix_state_machine_instances_machine_name')
    .on('state_machine_instances')
    .columns(['machine_name'])
    .execute()
  await db.schema
    .createIndex('ix_state_machine_instances_owner_id')
    .on('state_machine_instances')
    .columns(['owner_id'])
    .execute()
  await db.schema
    .createIndex('ix_state_machine_instances_status')
    .on('state_machine_instances')
    .columns(['status'])
    .execute()

  await db.schema
    .createTable('state_machine_transitions')
    .addColumn('id', d.type({ type: 'uuid' }), (c) => c.notNull())
    .addColumn('instance_id', d.type({ type: 'uuid' }), (c) => c.notNull())
    .addColumn('from_state', d.type({ type: 'varchar', length: 100 }), (c) => c.notNull())
    .addColumn('to_state', d.type({ type: 'varchar', length: 100 }), (c) => c.notNull())
    .addColumn('event', d.type({ type: 'varchar', length: 100 }), (c) => c.notNull())
    .addColumn('guard_passed', d.type({ type: 'varchar', length: 100 }))
    .addColumn('guard_failed', d.type({ type: 'varchar', length: 100 }))
    .addColumn('entry_action', d.type({ type: 'varchar', length: 100 }))
    .addColumn('exit_action', d.type({ type: 'varchar', length: 100 }))
    .addColumn('transition_action', d.type({ type: 'varchar', length: 100 }))
    .addColumn('context_before', d.type({ type: 'json' }))
    .addColumn('context_after', d.type({ type: 'json' }))
    .addColumn('triggered_by_id', d.type({ type: 'uuid' }))
    .addColumn('error_message', d.type({ type: 'text' }))
    .addColumn('created_at', d.type({ type: 'timestamp' }), (c) => c.notNull().defaultTo(d.now('timestamp')))
    .addPrimaryKeyConstraint('state_machine_transitions_pkey', ['id'])
    .addForeignKeyConstraint('fk_state_machine_transitions_triggered_by_id', ['triggered_by_id'], 'users', ['id'])
    .addForeignKeyConstraint(
      'fk_state_machine_transitions_instance_id',
      ['instance_id'],
      'state_machine_instances',
      ['id'],
      (fk) => fk.onDelete('cascade'),
    )
    .execute()
  await db.schema
    .createIndex('idx_transition_instance_created')
    .on('state_machine_transitions')
    .columns(['instance_id', 'created_at'])
    .execute()
  await db.schema
    .createIndex('ix_state_machine_transitions_created_at')
    .on('state_machine_transitions')
    .columns(['created_at'])
    .execute()
  await db.schema
    .createIndex('ix_state_machine_transitions_instance_id')
    .on('state_machine_transitions')
    .columns(['instance_id'])
    .execute()
  await db.schema
    .createIndex('ix_state_machine_transitions_triggered_by_id')
    .on('state_machine_transitions')
    .columns(['triggered_by_id'])
    .execute()

  await db.schema
    .createTable('workflow_templates')
    .addColumn('id', d.type({ type: 'uuid' }), (c) => c.notNull())
    .addColumn('name', d.type({ type: 'varchar', length: 255 }), (c) => c.notNull())
    .addColumn('description', d.type({ type: 'text' }))
    .addColumn('version', d.type({ type: 'integer' }), (c) => c.notNull().defaultTo(d.literal('integer', 1)))
    .addColumn('definition', d.type({ type: 'json' }), (c) => c.notNull())
    .addColumn('is_active', d.type({ type: 'boolean' }), (c) => c.notNull().defaultTo(d.literal('boolean', true)))
    .addColumn('created_at', d.type({ type: 'timestamp' }), (c) => c.notNull().defaultTo(d.now('timestamp')))
    .addColumn('created_by_id', d.type({ type: 'uuid' }))
    .addColumn('updated_at', d.type({ type: 'timestamp' }), (c) => c.notNull().defaultTo(d.now('timestamp')))
    .addColumn('tags', d.type({ type: 'json' }))
    .addPrimaryKeyConstraint('workflow_templates_pkey', ['id'])
    .addForeignKeyConstraint('fk_workflow_templates_created_by_id', ['created_by_id'], 'users', ['id'])
    .execute()
  await db.schema.createIndex('idx_workflow_template_active').on('workflow_templates').columns(['is_active']).execute()
  await db.schema
    .createIndex('idx_workflow_template_name_version')
    .unique()
    .on('workflow_templates')
    .columns(['name', 'version'])
    .execute()
  await db.schema
    .createIndex('ix_workflow_templates_created_by_id')
    .on('workflow_templates')
    .columns(['created_by_id'])
    .execute()
  await db.schema.createIndex('ix_workflow_templates_name').on('workflow_templates').columns(['name']).execute()

  await db.schema
    .createTable('workflow_instances')
    .addColumn('id', d.type({ type: 'uuid' }), (c) => c.notNull())
    .addColumn('template_id', d.type({ type: 'uuid' }), (c) => c.notNull())
    .addColumn('template_version', d.type({ type: 'integer' }), (c) => c.notNull())
    .addColumn('name', d.type({ type: 'varchar', length: 255 }))
    .addColumn('description', d.type({ type: 'text' }))
    .addColumn(
      'status',
      d.type({ type: 'varchar', length: 20 }),
      (c) => c.notNull().defaultTo(d.literal('varchar', 'pending')),
    )
    .addColumn('input_data', d.type({ type: 'json' }))
    .addColumn('output_data', d.type({ type: 'json' }))
    .addColumn('execution_state', d.type({ type: 'json' }))
    .addColumn('error_message', d.type({ type: 'text' }))
    .addColumn('error_details', d.type({ type: 'json' }))
    .addColumn('started_at', d.type({ type: 'timestamp' }))
    .addColumn('completed_at', d.type({ type: 'timestamp' }))
    .addColumn('timeout_at', d.type({ type: 'timestamp' }))
    .addColumn('created_at', d.type({ type: 'timestamp' }), (c) => c.notNull().defaultTo(d.now('timestamp')))
    .addColumn('created_by_id', d.type({ type: 'uuid' }))
    .addColumn('cancelled_at', d.type({ type: 'timestamp' }))
    .addColumn('cancelled_by_id', d.type({ type: 'uuid' }))
    .addColumn('cancellation_reason', d.type({ type: 'text' }))
    .addColumn('priority', d.type({ type: 'integer' }), (c) => c.notNull().defaultTo(d.literal('integer', 0)))
    .addColumn('parent_instance_id', d.type({ type: 'uuid' }))
    .addPrimaryKeyConstraint('workflow_instances_pkey', ['id'])
    .addForeignKeyConstraint('fk_workflow_instances_created_by_id', ['created_by_id'], 'users', ['id'])
    .addForeignKeyConstraint('fk_workflow_instances_template_id', ['template_id'], 'workflow_templates', ['id'])
    .addForeignKeyConstraint(
      'fk_workflow_instances_parent_instance_id',
      ['parent_instance_id'],
      'workflow_instances',
      ['id'],
    )
    .addForeignKeyConstraint('fk_workflow_instances_cancelled_by_id', ['cancelled_by_id'], 'users', ['id'])
    .execute()
  await db.schema
    .createIndex('idx_workflow_instance_parent')
    .on('workflow_instances')
    .columns(['parent_instance_id'])
    .execute()
  await db.schema
    .createIndex('idx_workflow_instance_status_priority')
    .on('workflow_instances')
    .columns(['status', 'priority'])
    .execute()
  await db.schema
    .createIndex('idx_workflow_instance_template')
    .on('workflow_instances')
    .columns(['template_id'])
    .execute()
  await db.schema
    .createIndex('ix_workflow_instances_cancelled_by_id')
    .on('workflow_instances')
    .columns(['cancelled_by_id'])
    .execute()
  await db.schema
    .createIndex('ix_workflow_instances_created_by_id')
    .on('workflow_instances')
    .columns(['created_by_id'])
    .execute()
  await db.schema.createIndex('ix_workflow_instances_priority').on('workflow_instances').columns(['priority']).execute()
  await db.schema
    .createIndex('ix_workflow_instances_started_at')
    .on('workflow_instances')
    .columns(['started_at'])
    .execute()
  await db.schema.createIndex('ix_workflow_instances_status').on('workflow_instances').columns(['status']).execute()

  await db.schema
    .createTable('workflow_step_executions')
    .addColumn('id', d.type({ type: 'uuid' }), (c) => c.notNull())
    .addColumn('workflow_instance_id', d.type({ type: 'uuid' }), (c) => c.notNull())
    .addColumn('step_id', d.type({ type: 'varchar', length: 255 }), (c) => c.notNull())
    .addColumn('step_name', d.type({ type: 'varchar', length: 255 }), (c) => c.notNull())
    .addColumn('step_handler', d.type({ type: 'varchar', length: 500 }), (c) => c.notNull())
    .addColumn(
      'status',
      d.type({ type: 'varchar', length: 20 }),
      (c) => c.notNull().defaultTo(d.literal('varchar', 'pending')),
    )
    .addColumn('attempt_number', d.type({ type: 'integer' }), (c) => c.notNull().defaultTo(d.literal('integer', 1)))
    .addColumn('max_attempts', d.type({ type: 'integer' }), (c) => c.notNull().defaultTo(d.literal('integer', 1)))
    .addColumn('input_data', d.type({ type: 'json' }))
    .addColumn('output_data', d.type({ type: 'json' }))
    .addColumn('error_message', d.type({ type: 'text' }))
    .addColumn('error_details', d.type({ type: 'json' }))
    .addColumn('error_traceback', d.type({ type: 'text' }))
    .addColumn('started_at', d.type({ type: 'timestamp' }))
    .addColumn('completed_at', d.type({ type: 'timestamp' }))
    .addColumn('timeout_at', d.type({ type: 'timestamp' }))
    .addColumn('duration_seconds', d.type({ type: 'float' }))
    .addColumn('next_retry_at', d.type({ type: 'timestamp' }))
    .addColumn('execution_order', d.type({ type: 'integer' }))
    .addColumn('depends_on', d.type({ type: 'json' }))
    .addColumn('condition_result', d.type({ type: 'boolean' }))
    .addColumn('condition_expression', d.type({ type: 'text' }))
    .addPrimaryKeyConstraint('workflow_step_executions_pkey', ['id'])
    .addForeignKeyConstraint(
      'fk_workflow_step_executions_workflow_instance_id',
      ['workflow_instance_id'],
      'workflow_instances',
      ['id'],
    )
    .execute()
  await db.schema
    .createIndex('idx_step_execution_retry')
    .on('workflow_step_executions')
    .columns(['next_retry_at'])
    .execute()
  await db.schema.createIndex('idx_step_execution_status').on('workflow_step_executions').columns(['status']).execute()
  await db.schema
    .createIndex('idx_step_execution_workflow_step')
    .on('workflow_step_executions')
    .columns(['workflow_instance_id', 'step_id'])
    .execute()
  await db.schema
    .createIndex('ix_workflow_step_executions_next_retry_at')
    .on('workflow_step_executions')
    .columns(['next_retry_at'])
    .execute()
  await db.schema
    .createIndex('ix_workflow_step_executions_started_at')
    .on('workflow_step_executions')
    .columns(['started_at'])
    .execute()
  await db.schema
    .createIndex('ix_workflow_step_executions_status')
    .on('workflow_step_executions')
    .columns(['status'])
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  // reverse creation order: no table is dropped while a later one still references it
  for (const table of [
    'workflow_step_executions', 'workflow_instances', 'workflow_templates',
    'state_machine_transitions', 'state_machine_instances', 'schema_versions',
    'schema_change_events', 'scheduled_jobs', 'job_executions', 'idempotency_requests',
    'feature_flag_evaluations', 'feature_flag_audit', 'feature_flags', 'export_jobs',
    'export_job_executions', 'chaos_experiments', 'application_settings',
  ]) {
    await db.schema.dropTable(table).execute()
  }
}
