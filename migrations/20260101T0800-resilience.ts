import type { Kysely } from 'kysely'
import { sql } from 'kysely'
import type { MigrationDialect } from './migration-dialect.js'
import { ddlTypes } from './support/v1/ddl-types.js'

export async function up(db: Kysely<any>, dialect: MigrationDialect): Promise<void> {
  const d = ddlTypes(dialect)

  await db.schema
    .createTable('allostasis_records')
    .addColumn('id', d.type({ type: 'uuid' }), (c) => c.notNull())
    .addColumn('entity_id', d.type({ type: 'uuid' }), (c) => c.notNull())
    .addColumn('entity_type', d.type({ type: 'varchar', length: 20 }), (c) => c.notNull())
    .addColumn('calculated_at', d.type({ type: 'timestamp' }), (c) => c.notNull().defaultTo(d.now('timestamp')))
    .addColumn('consecutive_weekend_calls', d.type({ type: 'integer' }), (c) => c.defaultTo(d.literal('integer', 0)))
    .addColumn('nights_past_month', d.type({ type: 'integer' }), (c) => c.defaultTo(d.literal('integer', 0)))
    .addColumn('schedule_changes_absorbed', d.type({ type: 'integer' }), (c) => c.defaultTo(d.literal('integer', 0)))
    .addColumn('holidays_worked_this_year', d.type({ type: 'integer' }), (c) => c.defaultTo(d.literal('integer', 0)))
    .addColumn('overtime_hours_month', d.type({ type: 'float' }), (c) => c.defaultTo(d.literal('float', 0)))
    .addColumn('coverage_gap_responses', d.type({ type: 'integer' }), (c) => c.defaultTo(d.literal('integer', 0)))
    .addColumn('cross_coverage_events', d.type({ type: 'integer' }), (c) => c.defaultTo(d.literal('integer', 0)))
    .addColumn('acute_stress_score', d.type({ type: 'float' }), (c) => c.defaultTo(d.literal('float', 0)))
    .addColumn('chronic_stress_score', d.type({ type: 'float' }), (c) => c.defaultTo(d.literal('float', 0)))
    .addColumn('total_allostatic_load', d.type({ type: 'float' }), (c) => c.defaultTo(d.literal('float', 0)))
    .addColumn('allostasis_state', d.type({ type: 'varchar', length: 30 }))
    .addColumn('risk_level', d.type({ type: 'varchar', length: 20 }))
    .addPrimaryKeyConstraint('allostasis_records_pkey', ['id'])
    .addCheckConstraint('check_entity_type', sql.raw("entity_type IN ('faculty', 'system')"))
    .addCheckConstraint(
      'check_allostasis_state',
      sql.raw("allostasis_state IS NULL OR allostasis_state IN ('homeostasis', 'allostasis', 'allostatic_load', 'allostatic_overload')"),
    )
    .execute()
  await db.schema.createIndex('idx_allostasis_calculated').on('allostasis_records').columns(['calculated_at']).execute()
  await db.schema
    .createIndex('idx_allostasis_entity')
    .on('allostasis_records')
    .columns(['entity_id', 'entity_type'])
    .execute()
  await db.schema.createIndex('idx_allostasis_risk').on('allostasis_records').columns(['risk_level']).execute()

  await db.schema
    .createTable('cognitive_sessions')
    .addColumn('id', d.type({ type: 'uuid' }), (c) => c.notNull())
    .addColumn('user_id', d.type({ type: 'uuid' }), (c) => c.notNull())
    .addColumn('started_at', d.type({ type: 'timestamp' }), (c) => c.notNull().defaultTo(d.now('timestamp')))
    .addColumn('ended_at', d.type({ type: 'timestamp' }))
    .addColumn(
      'max_decisions_before_break',
      d.type({ type: 'integer' }),
      (c) => c.notNull().defaultTo(d.literal('integer', 7)),
    )
    .addColumn('total_cognitive_cost', d.type({ type: 'float' }), (c) => c.notNull().defaultTo(d.literal('float', 0)))
    .addColumn('decisions_count', d.type({ type: 'integer' }), (c) => c.notNull().defaultTo(d.literal('integer', 0)))
    .addColumn('breaks_taken', d.type({ type: 'integer' }), (c) => c.notNull().defaultTo(d.literal('integer', 0)))
    .addColumn('final_state', d.type({ type: 'varchar', length: 50 }))
    .addColumn('created_at', d.type({ type: 'timestamp' }), (c) => c.notNull().defaultTo(d.now('timestamp')))
    .addPrimaryKeyConstraint('cognitive_sessions_pkey', ['id'])
    .execute()
  await db.schema
    .createIndex('ix_cognitive_sessions_started_at')
    .on('cognitive_sessions')
    .columns(['started_at'])
    .execute()
  await db.schema.createIndex('ix_cognitive_sessions_user_id').on('cognitive_sessions').columns(['user_id']).execute()

  await db.schema
    .createTable('cognitive_decisions')
    .addColumn('id', d.type({ type: 'uuid' }), (c) => c.notNull())
    .addColumn('session_id', d.type({ type: 'uuid' }))
    .addColumn('category', d.type({ type: 'varchar', length: 50 }), (c) => c.notNull())
    .addColumn('complexity', d.type({ type: 'varchar', length: 50 }), (c) => c.notNull())
    .addColumn('description', d.type({ type: 'varchar', length: 1000 }), (c) => c.notNull())
    .addColumn('options', d.type({ type: 'json' }))
    .addColumn('recommended_option', d.type({ type: 'varchar', length: 255 }))
    .addColumn('safe_default', d.type({ type: 'varchar', length: 255 }))
    .addColumn('has_safe_default', d.type({ type: 'boolean' }), (c) => c.defaultTo(d.literal('boolean', false)))
    .addColumn('is_urgent', d.type({ type: 'boolean' }), (c) => c.defaultTo(d.literal('boolean', false)))
    .addColumn('can_defer', d.type({ type: 'boolean' }), (c) => c.defaultTo(d.literal('boolean', true)))
    .addColumn('deadline', d.type({ type: 'timestamp' }))
    .addColumn('context', d.type({ type: 'json' }))
    .addColumn('created_at', d.type({ type: 'timestamp' }), (c) => c.notNull().defaultTo(d.now('timestamp')))
    .addColumn('outcome', d.type({ type: 'varchar', length: 50 }))
    .addColumn('chosen_option', d.type({ type: 'varchar', length: 255 }))
    .addColumn('decided_at', d.type({ type: 'timestamp' }))
    .addColumn('decided_by', d.type({ type: 'varchar', length: 255 }))
    .addColumn(
      'estimated_cognitive_cost',
      d.type({ type: 'float' }),
      (c) => c.notNull().defaultTo(d.literal('float', 1)),
    )
    .addColumn('actual_time_seconds', d.type({ type: 'float' }))
    .addPrimaryKeyConstraint('cognitive_decisions_pkey', ['id'])
    .addForeignKeyConstraint(
      'fk_cognitive_decisions_session_id',
      ['session_id'],
      'cognitive_sessions',
      ['id'],
      (fk) => fk.onDelete('set null'),
    )
    .execute()
  await db.schema
    .createIndex('ix_cognitive_decisions_category')
    .on('cognitive_decisions')
    .columns(['category'])
    .execute()
  await db.schema
    .createIndex('ix_cognitive_decisions_created_at')
    .on('cognitive_decisions')
    .columns(['created_at'])
    .execute()
  await db.schema.createIndex('ix_cognitive_decisions_outcome').on('cognitive_decisions').columns(['outcome']).execute()
  await db.schema
    .createIndex('ix_cognitive_decisions_session_id')
    .on('cognitive_decisions')
    .columns(['session_id'])
    .execute()

  await db.schema
    .createTable('system_stress_records')
    .addColumn('id', d.type({ type: 'uuid' }), (c) => c.notNull())
    .addColumn('stress_type', d.type({ type: 'varchar', length: 50 }), (c) => c.notNull())
    .addColumn('description', d.type({ type: 'varchar', length: 500 }))
    .addColumn('applied_at', d.type({ type: 'timestamp' }), (c) => c.notNull().defaultTo(d.now('timestamp')))
    .addColumn('magnitude', d.type({ type: 'float' }), (c) => c.notNull())
    .addColumn('duration_days', d.type({ type: 'integer' }))
    .addColumn('is_acute', d.type({ type: 'boolean' }), (c) => c.defaultTo(d.literal('boolean', true)))
    .addColumn('is_reversible', d.type({ type: 'boolean' }), (c) => c.defaultTo(d.literal('boolean', true)))
    .addColumn('capacity_impact', d.type({ type: 'float' }))
    .addColumn('demand_impact', d.type({ type: 'float' }))
    .addColumn('is_active', d.type({ type: 'boolean' }), (c) => c.defaultTo(d.literal('boolean', true)))
    .addColumn('resolved_at', d.type({ type: 'timestamp' }))
    .addColumn('resolution_notes', d.type({ type: 'varchar', length: 500 }))
    .addPrimaryKeyConstraint('system_stress_records_pkey', ['id'])
    .addCheckConstraint(
      'check_stress_type',
      sql.raw("stress_type IN ('faculty_loss', 'demand_surge', 'quality_pressure', 'time_compression', 'resource_scarcity', 'external_pressure')"),
    )
    .execute()
  await db.schema.createIndex('idx_stress_active').on('system_stress_records').columns(['is_active']).execute()
  await db.schema.createIndex('idx_stress_applied').on('system_stress_records').columns(['applied_at']).execute()
  await db.schema.createIndex('idx_stress_type').on('system_stress_records').columns(['stress_type']).execute()

  await db.schema
    .createTable('compensation_records')
    .addColumn('id', d.type({ type: 'uuid' }), (c) => c.notNull())
    .addColumn('stress_id', d.type({ type: 'uuid' }), (c) => c.notNull())
    .addColumn('compensation_type', d.type({ type: 'varchar', length: 50 }), (c) => c.notNull())
    .addColumn('description', d.type({ type: 'varchar', length: 500 }))
    .addColumn('initiated_at', d.type({ type: 'timestamp' }), (c) => c.notNull().defaultTo(d.now('timestamp')))
    .addColumn('compensation_magnitude', d.type({ type: 'float' }), (c) => c.notNull())
    .addColumn('effectiveness', d.type({ type: 'float' }), (c) => c.defaultTo(d.literal('float', 0.8)))
    .addColumn('immediate_cost', d.type({ type: 'float' }), (c) => c.defaultTo(d.literal('float', 0)))
    .addColumn('hidden_cost', d.type({ type: 'float' }), (c) => c.defaultTo(d.literal('float', 0)))
    .addColumn('sustainability_days', d.type({ type: 'integer' }))
    .addColumn('is_active', d.type({ type: 'boolean' }), (c) => c.defaultTo(d.literal('boolean', true)))
    .addColumn('ended_at', d.type({ type: 'timestamp' }))
    .addColumn('end_reason', d.type({ type: 'varchar', length: 200 }))
    .addPrimaryKeyConstraint('compensation_records_pkey', ['id'])
    .addForeignKeyConstraint('fk_compensation_records_stress_id', ['stress_id'], 'system_stress_records', ['id'])
    .addCheckConstraint(
      'check_compensation_type',
      sql.raw("compensation_type IN ('overtime', 'cross_coverage', 'deferred_leave', 'service_reduction', 'efficiency_gain', 'backup_activation', 'quality_trade')"),
    )
    .execute()
  await db.schema.createIndex('idx_compensation_active').on('compensation_records').columns(['is_active']).execute()
  await db.schema
    .createIndex('idx_compensation_initiated')
    .on('compensation_records')
    .columns(['initiated_at'])
    .execute()
  await db.schema.createIndex('idx_compensation_stress').on('compensation_records').columns(['stress_id']).execute()

  await db.schema
    .createTable('cross_training_recommendations')
    .addColumn('id', d.type({ type: 'uuid' }), (c) => c.notNull())
    .addColumn('skill', d.type({ type: 'varchar', length: 255 }), (c) => c.notNull())
    .addColumn('current_holders', d.type({ type: 'string_array' }))
    .addColumn('recommended_trainees', d.type({ type: 'string_array' }))
    .addColumn('priority', d.type({ type: 'varchar', length: 50 }), (c) => c.notNull())
    .addColumn('reason', d.type({ type: 'varchar', length: 1000 }), (c) => c.notNull())
    .addColumn(
      'estimated_training_hours',
      d.type({ type: 'integer' }),
      (c) => c.notNull().defaultTo(d.literal('integer', 20)),
    )
    .addColumn('risk_reduction', d.type({ type: 'float' }), (c) => c.notNull().defaultTo(d.literal('float', 0)))
    .addColumn(
      'status',
      d.type({ type: 'varchar', length: 50 }),
      (c) => c.notNull().defaultTo(d.literal('varchar', 'pending')),
    )
    .addColumn('created_at', d.type({ type: 'timestamp' }), (c) => c.notNull().defaultTo(d.now('timestamp')))
    .addColumn('started_at', d.type({ type: 'timestamp' }))
    .addColumn('completed_at', d.type({ type: 'timestamp' }))
    .addColumn('approved_by', d.type({ type: 'varchar', length: 255 }))
    .addPrimaryKeyConstraint('cross_training_recommendations_pkey', ['id'])
    .execute()
  await db.schema
    .createIndex('ix_cross_training_priority')
    .on('cross_training_recommendations')
    .columns(['priority'])
    .execute()
  await db.schema
    .createIndex('ix_cross_training_status')
    .on('cross_training_recommendations')
    .columns(['status'])
    .execute()

  await db.schema
    .createTable('equilibrium_shifts')
    .addColumn('id', d.type({ type: 'uuid' }), (c) => c.notNull())
    .addColumn('calculated_at', d.type({ type: 'timestamp' }), (c) => c.notNull().defaultTo(d.now('timestamp')))
    .addColumn('original_capacity', d.type({ type: 'float' }), (c) => c.notNull())
    .addColumn('original_demand', d.type({ type: 'float' }), (c) => c.notNull())
    .addColumn('original_coverage_rate', d.type({ type: 'float' }), (c) => c.notNull())
    .addColumn('stress_types', d.type({ type: 'string_array' }))
    .addColumn('total_capacity_impact', d.type({ type: 'float' }))
    .addColumn('total_demand_impact', d.type({ type: 'float' }))
    .addColumn('compensation_types', d.type({ type: 'string_array' }))
    .addColumn('total_compensation', d.type({ type: 'float' }))
    .addColumn('compensation_efficiency', d.type({ type: 'float' }))
    .addColumn('new_capacity', d.type({ type: 'float' }), (c) => c.notNull())
    .addColumn('new_demand', d.type({ type: 'float' }), (c) => c.notNull())
    .addColumn('new_coverage_rate', d.type({ type: 'float' }), (c) => c.notNull())
    .addColumn('sustainable_capacity', d.type({ type: 'float' }))
    .addColumn('compensation_debt', d.type({ type: 'float' }), (c) => c.defaultTo(d.literal('float', 0)))
    .addColumn('daily_debt_rate', d.type({ type: 'float' }), (c) => c.defaultTo(d.literal('float', 0)))
    .addColumn('burnout_risk', d.type({ type: 'float' }), (c) => c.defaultTo(d.literal('float', 0)))
    .addColumn('days_until_exhaustion', d.type({ type: 'integer' }))
    .addColumn('equilibrium_state', d.type({ type: 'varchar', length: 30 }))
    .addColumn('is_sustainable', d.type({ type: 'boolean' }))
    .addPrimaryKeyConstraint('equilibrium_shifts_pkey', ['id'])
    .addCheckConstraint(
      'check_equilibrium_state',
      sql.raw("equilibrium_state IS NULL OR equilibrium_state IN ('stable', 'compensating', 'stressed', 'unsustainable', 'critical')"),
    )
    .execute()
  await db.schema
    .createIndex('idx_equilibrium_calculated')
    .on('equilibrium_shifts')
    .columns(['calculated_at'])
    .execute()
  await db.schema.createIndex('idx_equilibrium_state').on('equilibrium_shifts').columns(['equilibrium_state']).execute()
  await db.schema
    .createIndex('idx_equilibrium_sustainable')
    .on('equilibrium_shifts')
    .columns(['is_sustainable'])
    .execute()

  await db.schema
    .createTable('faculty_centrality')
    .addColumn('id', d.type({ type: 'uuid' }), (c) => c.notNull())
    .addColumn('faculty_id', d.type({ type: 'uuid' }), (c) => c.notNull())
    .addColumn('faculty_name', d.type({ type: 'varchar', length: 255 }), (c) => c.notNull())
    .addColumn('calculated_at', d.type({ type: 'timestamp' }), (c) => c.notNull().defaultTo(d.now('timestamp')))
    .addColumn('degree_centrality', d.type({ type: 'float' }), (c) => c.notNull().defaultTo(d.literal('float', 0)))
    .addColumn('betweenness_centrality', d.type({ type: 'float' }), (c) => c.notNull().defaultTo(d.literal('float', 0)))
    .addColumn('eigenvector_centrality', d.type({ type: 'float' }), (c) => c.notNull().defaultTo(d.literal('float', 0)))
    .addColumn('pagerank', d.type({ type: 'float' }), (c) => c.notNull().defaultTo(d.literal('float', 0)))
    .addColumn('composite_score', d.type({ type: 'float' }), (c) => c.notNull().defaultTo(d.literal('float', 0)))
    .addColumn('services_covered', d.type({ type: 'integer' }), (c) => c.notNull().defaultTo(d.literal('integer', 0)))
    .addColumn('unique_services', d.type({ type: 'integer' }), (c) => c.notNull().defaultTo(d.literal('integer', 0)))
    .addColumn('total_assignments', d.type({ type: 'integer' }), (c) => c.notNull().defaultTo(d.literal('integer', 0)))
    .addColumn('replacement_difficulty', d.type({ type: 'float' }), (c) => c.notNull().defaultTo(d.literal('float', 0)))
    .addColumn('risk_level', d.type({ type: 'varchar', length: 50 }), (c) => c.notNull())
    .addColumn('is_hub', d.type({ type: 'boolean' }), (c) => c.notNull().defaultTo(d.literal('boolean', false)))
    .addPrimaryKeyConstraint('faculty_centrality_pkey', ['id'])
    .execute()
  await db.schema
    .createIndex('ix_faculty_centrality_composite_score')
    .on('faculty_centrality')
    .columns(['composite_score'])
    .execute()
  await db.schema
    .createIndex('ix_faculty_centrality_faculty_id')
    .on('faculty_centrality')
    .columns(['faculty_id'])
    .execute()
  await db.schema.createIndex('ix_faculty_centrality_is_hub').on('faculty_centrality').columns(['is_hub']).execute()

  await db.schema
    .createTable('resilience_health_checks')
    .addColumn('id', d.type({ type: 'uuid' }), (c) => c.notNull())
    .addColumn('timestamp', d.type({ type: 'timestamp' }), (c) => c.notNull().defaultTo(d.now('timestamp')))
    .addColumn('overall_status', d.type({ type: 'varchar', length: 20 }), (c) => c.notNull())
    .addColumn('utilization_rate', d.type({ type: 'float' }), (c) => c.notNull())
    .addColumn('utilization_level', d.type({ type: 'varchar', length: 20 }), (c) => c.notNull())
    .addColumn('buffer_remaining', d.type({ type: 'float' }))
    .addColumn('defense_level', d.type({ type: 'varchar', length: 30 }))
    .addColumn('load_shedding_level', d.type({ type: 'varchar', length: 20 }))
    .addColumn('n1_pass', d.type({ type: 'boolean' }), (c) => c.defaultTo(d.literal('boolean', true)))
    .addColumn('n2_pass', d.type({ type: 'boolean' }), (c) => c.defaultTo(d.literal('boolean', true)))
    .addColumn('phase_transition_risk', d.type({ type: 'varchar', length: 20 }))
    .addColumn('active_fallbacks', d.type({ type: 'string_array' }))
    .addColumn('crisis_mode', d.type({ type: 'boolean' }), (c) => c.defaultTo(d.literal('boolean', false)))
    .addColumn('immediate_actions', d.type({ type: 'json' }))
    .addColumn('watch_items', d.type({ type: 'json' }))
    .addColumn('metrics_snapshot', d.type({ type: 'json' }))
    .addPrimaryKeyConstraint('resilience_health_checks_pkey', ['id'])
    .addCheckConstraint(
      'check_health_status',
      sql.raw("overall_status IN ('healthy', 'warning', 'degraded', 'critical', 'emergency')"),
    )
    .addCheckConstraint(
      'check_utilization_level',
      sql.raw("utilization_level IN ('GREEN', 'YELLOW', 'ORANGE', 'RED', 'BLACK')"),
    )
    .execute()
  await db.schema
    .createIndex('idx_health_checks_status')
    .on('resilience_health_checks')
    .columns(['overall_status'])
    .execute()
  await db.schema
    .createIndex('idx_health_checks_timestamp')
    .on('resilience_health_checks')
    .columns(['timestamp'])
    .execute()

  await db.schema
    .createTable('resilience_events')
    .addColumn('id', d.type({ type: 'uuid' }), (c) => c.notNull())
    .addColumn('timestamp', d.type({ type: 'timestamp' }), (c) => c.notNull().defaultTo(d.now('timestamp')))
    .addColumn('event_type', d.type({ type: 'varchar', length: 50 }), (c) => c.notNull())
    .addColumn('severity', d.type({ type: 'varchar', length: 20 }))
    .addColumn('reason', d.type({ type: 'varchar', length: 500 }))
    .addColumn('triggered_by', d.type({ type: 'varchar', length: 100 }))
    .addColumn('previous_state', d.type({ type: 'json' }))
    .addColumn('new_state', d.type({ type: 'json' }))
    .addColumn('related_health_check_id', d.type({ type: 'uuid' }))
    .addColumn('event_metadata', d.type({ type: 'json' }))
    .addPrimaryKeyConstraint('resilience_events_pkey', ['id'])
    .addForeignKeyConstraint(
      'fk_resilience_events_related_health_check_id',
      ['related_health_check_id'],
      'resilience_health_checks',
      ['id'],
    )
    .addCheckConstraint(
      'check_event_type',
      sql.raw("event_type IN ('health_check', 'crisis_activated', 'crisis_deactivated', 'fallback_activated', 'fallback_deactivated', 'load_shedding_activated', 'load_shedding_deactivated', 'defense_level_changed', 'threshold_exceeded', 'n1_violation', 'n2_violation')"),
    )
    .execute()
  await db.schema.createIndex('idx_events_severity').on('resilience_events').columns(['severity']).execute()
  await db.schema.createIndex('idx_events_timestamp').on('resilience_events').columns(['timestamp']).execute()
  await db.schema.createIndex('idx_events_type').on('resilience_events').columns(['event_type']).execute()
  await db.schema
    .createIndex('ix_resilience_events_related_health_check_id')
    .on('resilience_events')
    .columns(['related_health_check_id'])
    .execute()

  await db.schema
    .createTable('fallback_activations')
    .addColumn('id', d.type({ type: 'uuid' }), (c) => c.notNull())
    .addColumn('activated_at', d.type({ type: 'timestamp' }), (c) => c.notNull().defaultTo(d.now('timestamp')))
    .addColumn('scenario', d.type({ type: 'varchar', length: 50 }), (c) => c.notNull())
    .addColumn('scenario_description', d.type({ type: 'varchar', length: 500 }))
    .addColumn('activated_by', d.type({ type: 'varchar', length: 100 }))
    .addColumn('activation_reason', d.type({ type: 'varchar', length: 500 }))
    .addColumn('assignments_count', d.type({ type: 'integer' }))
    .addColumn('coverage_rate', d.type({ type: 'float' }))
    .addColumn('services_reduced', d.type({ type: 'string_array' }))
    .addColumn('assumptions', d.type({ type: 'string_array' }))
    .addColumn('deactivated_at', d.type({ type: 'timestamp' }))
    .addColumn('deactivated_by', d.type({ type: 'varchar', length: 100 }))
    .addColumn('deactivation_reason', d.type({ type: 'varchar', length: 500 }))
    .addColumn('related_event_id', d.type({ type: 'uuid' }))
    .addPrimaryKeyConstraint('fallback_activations_pkey', ['id'])
    .addForeignKeyConstraint(
      'fk_fallback_activations_related_event_id',
      ['related_event_id'],
      'resilience_events',
      ['id'],
    )
    .addCheckConstraint(
      'check_fallback_scenario',
      sql.raw("scenario IN ('single_faculty_loss', 'double_faculty_loss', 'pcs_season_50_percent', 'holiday_skeleton', 'pandemic_essential', 'mass_casualty', 'weather_emergency')"),
    )
    .execute()
  await db.schema
    .createIndex('idx_fallback_activated_at')
    .on('fallback_activations')
    .columns(['activated_at'])
    .execute()
  await db.schema.createIndex('idx_fallback_active').on('fallback_activations').columns(['deactivated_at']).execute()
  await db.schema.createIndex('idx_fallback_scenario').on('fallback_activations').columns(['scenario']).execute()
  await db.schema
    .createIndex('ix_fallback_activations_related_event_id')
    .on('fallback_activations')
    .columns(['related_event_id'])
    .execute()

  await db.schema
    .createTable('feedback_loop_states')
    .addColumn('id', d.type({ type: 'uuid' }), (c) => c.notNull())
    .addColumn('loop_name', d.type({ type: 'varchar', length: 100 }), (c) => c.notNull())
    .addColumn('setpoint_name', d.type({ type: 'varchar', length: 100 }), (c) => c.notNull())
    .addColumn('timestamp', d.type({ type: 'timestamp' }), (c) => c.notNull().defaultTo(d.now('timestamp')))
    .addColumn('target_value', d.type({ type: 'float' }), (c) => c.notNull())
    .addColumn('tolerance', d.type({ type: 'float' }), (c) => c.notNull())
    .addColumn('is_critical', d.type({ type: 'boolean' }), (c) => c.defaultTo(d.literal('boolean', false)))
    .addColumn('current_value', d.type({ type: 'float' }))
    .addColumn('deviation', d.type({ type: 'float' }))
    .addColumn('deviation_severity', d.type({ type: 'varchar', length: 20 }))
    .addColumn('consecutive_deviations', d.type({ type: 'integer' }), (c) => c.defaultTo(d.literal('integer', 0)))
    .addColumn('trend_direction', d.type({ type: 'varchar', length: 20 }))
    .addColumn('is_improving', d.type({ type: 'boolean' }))
    .addColumn('correction_triggered', d.type({ type: 'boolean' }), (c) => c.defaultTo(d.literal('boolean', false)))
    .addColumn('correction_type', d.type({ type: 'varchar', length: 50 }))
    .addColumn('correction_effective', d.type({ type: 'boolean' }))
    .addPrimaryKeyConstraint('feedback_loop_states_pkey', ['id'])
    .addCheckConstraint(
      'check_deviation_severity',
      sql.raw("deviation_severity IS NULL OR deviation_severity IN ('none', 'minor', 'moderate', 'major', 'critical')"),
    )
    .execute()
  await db.schema.createIndex('idx_feedback_loop_name').on('feedback_loop_states').columns(['loop_name']).execute()
  await db.schema
    .createIndex('idx_feedback_loop_severity')
    .on('feedback_loop_states')
    .columns(['deviation_severity'])
    .execute()
  await db.schema.createIndex('idx_feedback_loop_timestamp').on('feedback_loop_states').columns(['timestamp']).execute()

  await db.schema
    .createTable('hub_protection_plans')
    .addColumn('id', d.type({ type: 'uuid' }), (c) => c.notNull())
    .addColumn('hub_faculty_id', d.type({ type: 'uuid' }), (c) => c.notNull())
    .addColumn('hub_faculty_name', d.type({ type: 'varchar', length: 255 }), (c) => c.notNull())
    .addColumn('period_start', d.type({ type: 'timestamp' }), (c) => c.notNull())
    .addColumn('period_end', d.type({ type: 'timestamp' }), (c) => c.notNull())
    .addColumn('reason', d.type({ type: 'varchar', length: 1000 }), (c) => c.notNull())
    .addColumn('workload_reduction', d.type({ type: 'float' }), (c) => c.notNull().defaultTo(d.literal('float', 0.3)))
    .addColumn(
      'backup_assigned',
      d.type({ type: 'boolean' }),
      (c) => c.notNull().defaultTo(d.literal('boolean', false)),
    )
    .addColumn('backup_faculty_ids', d.type({ type: 'string_array' }))
    .addColumn('critical_only', d.type({ type: 'boolean' }), (c) => c.notNull().defaultTo(d.literal('boolean', false)))
    .addColumn(
      'status',
      d.type({ type: 'varchar', length: 50 }),
      (c) => c.notNull().defaultTo(d.literal('varchar', 'planned')),
    )
    .addColumn('created_at', d.type({ type: 'timestamp' }), (c) => c.notNull().defaultTo(d.now('timestamp')))
    .addColumn('activated_at', d.type({ type: 'timestamp' }))
    .addColumn('deactivated_at', d.type({ type: 'timestamp' }))
    .addColumn('created_by', d.type({ type: 'varchar', length: 255 }))
    .addPrimaryKeyConstraint('hub_protection_plans_pkey', ['id'])
    .execute()
  await db.schema
    .createIndex('ix_hub_protection_plans_hub_faculty_id')
    .on('hub_protection_plans')
    .columns(['hub_faculty_id'])
    .execute()
  await db.schema
    .createIndex('ix_hub_protection_plans_period')
    .on('hub_protection_plans')
    .columns(['period_start', 'period_end'])
    .execute()
  await db.schema.createIndex('ix_hub_protection_plans_status').on('hub_protection_plans').columns(['status']).execute()

  await db.schema
    .createTable('positive_feedback_alerts')
    .addColumn('id', d.type({ type: 'uuid' }), (c) => c.notNull())
    .addColumn('name', d.type({ type: 'varchar', length: 100 }), (c) => c.notNull())
    .addColumn('description', d.type({ type: 'varchar', length: 500 }))
    .addColumn('detected_at', d.type({ type: 'timestamp' }), (c) => c.notNull().defaultTo(d.now('timestamp')))
    .addColumn('trigger', d.type({ type: 'varchar', length: 200 }))
    .addColumn('amplification', d.type({ type: 'varchar', length: 200 }))
    .addColumn('consequence', d.type({ type: 'varchar', length: 200 }))
    .addColumn('evidence', d.type({ type: 'json' }))
    .addColumn('confidence', d.type({ type: 'float' }))
    .addColumn('severity', d.type({ type: 'varchar', length: 20 }))
    .addColumn('intervention_recommended', d.type({ type: 'varchar', length: 500 }))
    .addColumn('urgency', d.type({ type: 'varchar', length: 20 }))
    .addColumn('resolved_at', d.type({ type: 'timestamp' }))
    .addColumn('resolution_notes', d.type({ type: 'varchar', length: 500 }))
    .addColumn('intervention_effective', d.type({ type: 'boolean' }))
    .addPrimaryKeyConstraint('positive_feedback_alerts_pkey', ['id'])
    .addCheckConstraint('check_urgency', sql.raw("urgency IS NULL OR urgency IN ('immediate', 'soon', 'monitor')"))
    .execute()
  await db.schema
    .createIndex('idx_positive_feedback_detected')
    .on('positive_feedback_alerts')
    .columns(['detected_at'])
    .execute()
  await db.schema
    .createIndex('idx_positive_feedback_resolved')
    .on('positive_feedback_alerts')
    .columns(['resolved_at'])
    .execute()
  await db.schema
    .createIndex('idx_positive_feedback_urgency')
    .on('positive_feedback_alerts')
    .columns(['urgency'])
    .execute()

  await db.schema
    .createTable('preference_trails')
    .addColumn('id', d.type({ type: 'uuid' }), (c) => c.notNull())
    .addColumn('faculty_id', d.type({ type: 'uuid' }), (c) => c.notNull())
    .addColumn('trail_type', d.type({ type: 'varchar', length: 50 }), (c) => c.notNull())
    .addColumn('slot_id', d.type({ type: 'uuid' }))
    .addColumn('slot_type', d.type({ type: 'varchar', length: 100 }))
    .addColumn('block_type', d.type({ type: 'varchar', length: 100 }))
    .addColumn('service_type', d.type({ type: 'varchar', length: 100 }))
    .addColumn('target_faculty_id', d.type({ type: 'uuid' }))
    .addColumn('strength', d.type({ type: 'float' }), (c) => c.notNull().defaultTo(d.literal('float', 0.5)))
    .addColumn('peak_strength', d.type({ type: 'float' }), (c) => c.notNull().defaultTo(d.literal('float', 0.5)))
    .addColumn('evaporation_rate', d.type({ type: 'float' }), (c) => c.notNull().defaultTo(d.literal('float', 0.1)))
    .addColumn(
      'reinforcement_count',
      d.type({ type: 'integer' }),
      (c) => c.notNull().defaultTo(d.literal('integer', 0)),
    )
    .addColumn('created_at', d.type({ type: 'timestamp' }), (c) => c.notNull().defaultTo(d.now('timestamp')))
    .addColumn('last_reinforced', d.type({ type: 'timestamp' }))
    .addColumn('last_evaporated', d.type({ type: 'timestamp' }))
    .addPrimaryKeyConstraint('preference_trails_pkey', ['id'])
    .execute()
  await db.schema
    .createIndex('ix_preference_trails_faculty_id')
    .on('preference_trails')
    .columns(['faculty_id'])
    .execute()
  await db.schema.createIndex('ix_preference_trails_slot_type').on('preference_trails').columns(['slot_type']).execute()
  await db.schema.createIndex('ix_preference_trails_strength').on('preference_trails').columns(['strength']).execute()
  await db.schema
    .createIndex('ix_preference_trails_trail_type')
    .on('preference_trails')
    .columns(['trail_type'])
    .execute()

  await db.schema
    .createTable('sacrifice_decisions')
    .addColumn('id', d.type({ type: 'uuid' }), (c) => c.notNull())
    .addColumn('timestamp', d.type({ type: 'timestamp' }), (c) => c.notNull().defaultTo(d.now('timestamp')))
    .addColumn('from_level', d.type({ type: 'varchar', length: 20 }), (c) => c.notNull())
    .addColumn('to_level', d.type({ type: 'varchar', length: 20 }), (c) => c.notNull())
    .addColumn('reason', d.type({ type: 'varchar', length: 500 }), (c) => c.notNull())
    .addColumn('activities_suspended', d.type({ type: 'string_array' }))
    .addColumn('activities_protected', d.type({ type: 'string_array' }))
    .addColumn('approved_by', d.type({ type: 'varchar', length: 100 }))
    .addColumn('approval_method', d.type({ type: 'varchar', length: 50 }))
    .addColumn('utilization_at_decision', d.type({ type: 'float' }))
    .addColumn('coverage_at_decision', d.type({ type: 'float' }))
    .addColumn('related_event_id', d.type({ type: 'uuid' }))
    .addColumn('recovered_at', d.type({ type: 'timestamp' }))
    .addColumn('recovery_reason', d.type({ type: 'varchar', length: 500 }))
    .addPrimaryKeyConstraint('sacrifice_decisions_pkey', ['id'])
    .addForeignKeyConstraint(
      'fk_sacrifice_decisions_related_event_id',
      ['related_event_id'],
      'resilience_events',
      ['id'],
    )
    .addCheckConstraint(
      'check_from_level',
      sql.raw("from_level IN ('NORMAL', 'YELLOW', 'ORANGE', 'RED', 'BLACK', 'CRITICAL')"),
    )
    .addCheckConstraint(
      'check_to_level',
      sql.raw("to_level IN ('NORMAL', 'YELLOW', 'ORANGE', 'RED', 'BLACK', 'CRITICAL')"),
    )
    .execute()
  await db.schema.createIndex('idx_sacrifice_active').on('sacrifice_decisions').columns(['recovered_at']).execute()
  await db.schema.createIndex('idx_sacrifice_timestamp').on('sacrifice_decisions').columns(['timestamp']).execute()
  await db.schema
    .createIndex('ix_sacrifice_decisions_related_event_id')
    .on('sacrifice_decisions')
    .columns(['related_event_id'])
    .execute()

  await db.schema
    .createTable('scheduling_zones')
    .addColumn('id', d.type({ type: 'uuid' }), (c) => c.notNull())
    .addColumn('name', d.type({ type: 'varchar', length: 100 }), (c) => c.notNull())
    .addColumn('zone_type', d.type({ type: 'varchar', length: 50 }), (c) => c.notNull())
    .addColumn('description', d.type({ type: 'varchar', length: 500 }))
    .addColumn('created_at', d.type({ type: 'timestamp' }), (c) => c.notNull().defaultTo(d.now('timestamp')))
    .addColumn('services', d.type({ type: 'string_array' }))
    .addColumn('minimum_coverage', d.type({ type: 'integer' }), (c) => c.defaultTo(d.literal('integer', 1)))
    .addColumn('optimal_coverage', d.type({ type: 'integer' }), (c) => c.defaultTo(d.literal('integer', 2)))
    .addColumn('maximum_coverage', d.type({ type: 'integer' }), (c) => c.defaultTo(d.literal('integer', 5)))
    .addColumn('status', d.type({ type: 'varchar', length: 20 }), (c) => c.defaultTo(d.literal('varchar', 'green')))
    .addColumn(
      'containment_level',
      d.type({ type: 'varchar', length: 20 }),
      (c) => c.defaultTo(d.literal('varchar', 'none')),
    )
    .addColumn('last_status_change', d.type({ type: 'timestamp' }))
    .addColumn('borrowing_limit', d.type({ type: 'integer' }), (c) => c.defaultTo(d.literal('integer', 2)))
    .addColumn('lending_limit', d.type({ type: 'integer' }), (c) => c.defaultTo(d.literal('integer', 1)))
    .addColumn('priority', d.type({ type: 'integer' }), (c) => c.defaultTo(d.literal('integer', 5)))
    .addColumn('can_borrow_from_zones', d.type({ type: 'string_array' }))
    .addColumn('can_lend_to_zones', d.type({ type: 'string_array' }))
    .addColumn('total_borrowing_requests', d.type({ type: 'integer' }), (c) => c.defaultTo(d.literal('integer', 0)))
    .addColumn('total_lending_events', d.type({ type: 'integer' }), (c) => c.defaultTo(d.literal('integer', 0)))
    .addColumn('is_active', d.type({ type: 'boolean' }), (c) => c.defaultTo(d.literal('boolean', true)))
    .addPrimaryKeyConstraint('scheduling_zones_pkey', ['id'])
    .addCheckConstraint(
      'check_zone_type',
      sql.raw("zone_type IN ('inpatient', 'outpatient', 'education', 'research', 'admin', 'on_call')"),
    )
    .addCheckConstraint('check_zone_status', sql.raw("status IN ('green', 'yellow', 'orange', 'red', 'black')"))
    .addCheckConstraint(
      'check_containment_level',
      sql.raw("containment_level IN ('none', 'soft', 'moderate', 'strict', 'lockdown')"),
    )
    .execute()
  await db.schema.createIndex('idx_zones_name').on('scheduling_zones').columns(['name']).execute()
  await db.schema.createIndex('idx_zones_status').on('scheduling_zones').columns(['status']).execute()
  await db.schema.createIndex('idx_zones_type').on('scheduling_zones').columns(['zone_type']).execute()

  await db.schema
    .createTable('trail_signals')
    .addColumn('id', d.type({ type: 'uuid' }), (c) => c.notNull())
    .addColumn('trail_id', d.type({ type: 'uuid' }), (c) => c.notNull())
    .addColumn('signal_type', d.type({ type: 'varchar', length: 50 }), (c) => c.notNull())
    .addColumn('strength_change', d.type({ type: 'float' }), (c) => c.notNull())
    .addColumn('recorded_at', d.type({ type: 'timestamp' }), (c) => c.notNull().defaultTo(d.now('timestamp')))
    .addPrimaryKeyConstraint('trail_signals_pkey', ['id'])
    .addForeignKeyConstraint(
      'fk_trail_signals_trail_id',
      ['trail_id'],
      'preference_trails',
      ['id'],
      (fk) => fk.onDelete('cascade'),
    )
    .execute()
  await db.schema.createIndex('ix_trail_signals_recorded_at').on('trail_signals').columns(['recorded_at']).execute()
  await db.schema.createIndex('ix_trail_signals_trail_id').on('trail_signals').columns(['trail_id']).execute()

  await db.schema
    .createTable('vulnerability_records')
    .addColumn('id', d.type({ type: 'uuid' }), (c) => c.notNull())
    .addColumn('analyzed_at', d.type({ type: 'timestamp' }), (c) => c.notNull().defaultTo(d.now('timestamp')))
    .addColumn('period_start', d.type({ type: 'timestamp' }))
    .addColumn('period_end', d.type({ type: 'timestamp' }))
    .addColumn('faculty_count', d.type({ type: 'integer' }))
    .addColumn('block_count', d.type({ type: 'integer' }))
    .addColumn('n1_pass', d.type({ type: 'boolean' }), (c) => c.notNull())
    .addColumn('n2_pass', d.type({ type: 'boolean' }), (c) => c.notNull())
    .addColumn('phase_transition_risk', d.type({ type: 'varchar', length: 20 }))
    .addColumn('n1_vulnerabilities', d.type({ type: 'json' }))
    .addColumn('n2_fatal_pairs', d.type({ type: 'json' }))
    .addColumn('most_critical_faculty', d.type({ type: 'json' }))
    .addColumn('recommended_actions', d.type({ type: 'string_array' }))
    .addColumn('related_health_check_id', d.type({ type: 'uuid' }))
    .addPrimaryKeyConstraint('vulnerability_records_pkey', ['id'])
    .addForeignKeyConstraint(
      'fk_vulnerability_records_related_health_check_id',
      ['related_health_check_id'],
      'resilience_health_checks',
      ['id'],
    )
    .addCheckConstraint('check_phase_risk', sql.raw("phase_transition_risk IN ('low', 'medium', 'high', 'critical')"))
    .execute()
  await db.schema
    .createIndex('idx_vulnerability_analyzed_at')
    .on('vulnerability_records')
    .columns(['analyzed_at'])
    .execute()
  await db.schema.createIndex('idx_vulnerability_n1_pass').on('vulnerability_records').columns(['n1_pass']).execute()
  await db.schema.createIndex('idx_vulnerability_n2_pass').on('vulnerability_records').columns(['n2_pass']).execute()
  await db.schema
    .createIndex('ix_vulnerability_records_related_health_check_id')
    .on('vulnerability_records')
    .columns(['related_health_check_id'])
    .execute()

  await db.schema
    .createTable('zone_borrowing_records')
    .addColumn('id', d.type({ type: 'uuid' }), (c) => c.notNull())
    .addColumn('requesting_zone_id', d.type({ type: 'uuid' }), (c) => c.notNull())
    .addColumn('lending_zone_id', d.type({ type: 'uuid' }), (c) => c.notNull())
    .addColumn('faculty_id', d.type({ type: 'uuid' }), (c) => c.notNull())
    .addColumn('priority', d.type({ type: 'varchar', length: 20 }), (c) => c.notNull())
    .addColumn('reason', d.type({ type: 'varchar', length: 500 }))
    .addColumn('duration_hours', d.type({ type: 'integer' }))
    .addColumn('requested_at', d.type({ type: 'timestamp' }), (c) => c.notNull().defaultTo(d.now('timestamp')))
    .addColumn('status', d.type({ type: 'varchar', length: 20 }), (c) => c.defaultTo(d.literal('varchar', 'pending')))
    .addColumn('approved_by', d.type({ type: 'varchar', length: 100 }))
    .addColumn('approved_at', d.type({ type: 'timestamp' }))
    .addColumn('denial_reason', d.type({ type: 'varchar', length: 500 }))
    .addColumn('started_at', d.type({ type: 'timestamp' }))
    .addColumn('completed_at', d.type({ type: 'timestamp' }))
    .addColumn('was_effective', d.type({ type: 'boolean' }))
    .addPrimaryKeyConstraint('zone_borrowing_records_pkey', ['id'])
    .addForeignKeyConstraint(
      'fk_zone_borrowing_records_requesting_zone_id',
      ['requesting_zone_id'],
      'scheduling_zones',
      ['id'],
    )
    .addForeignKeyConstraint(
      'fk_zone_borrowing_records_lending_zone_id',
      ['lending_zone_id'],
      'scheduling_zones',
      ['id'],
    )
    .addCheckConstraint('check_borrowing_priority', sql.raw("priority IN ('critical', 'high', 'medium', 'low')"))
    .addCheckConstraint('check_borrowing_status', sql.raw("status IN ('pending', 'approved', 'denied', 'completed')"))
    .execute()
  await db.schema
    .createIndex('idx_borrowing_lending')
    .on('zone_borrowing_records')
    .columns(['lending_zone_id'])
    .execute()
  await db.schema
    .createIndex('idx_borrowing_requested_at')
    .on('zone_borrowing_records')
    .columns(['requested_at'])
    .execute()
  await db.schema
    .createIndex('idx_borrowing_requesting')
    .on('zone_borrowing_records')
    .columns(['requesting_zone_id'])
    .execute()
  await db.schema.createIndex('idx_borrowing_status').on('zone_borrowing_records').columns(['status']).execute()

  await db.schema
    .createTable('zone_faculty_assignments')
    .addColumn('id', d.type({ type: 'uuid' }), (c) => c.notNull())
    .addColumn('zone_id', d.type({ type: 'uuid' }), (c) => c.notNull())
    .addColumn('faculty_id', d.type({ type: 'uuid' }), (c) => c.notNull())
    .addColumn('faculty_name', d.type({ type: 'varchar', length: 200 }))
    .addColumn('role', d.type({ type: 'varchar', length: 20 }), (c) => c.notNull())
    .addColumn('assigned_at', d.type({ type: 'timestamp' }), (c) => c.notNull().defaultTo(d.now('timestamp')))
    .addColumn('is_available', d.type({ type: 'boolean' }), (c) => c.defaultTo(d.literal('boolean', true)))
    .addColumn('removed_at', d.type({ type: 'timestamp' }))
    .addPrimaryKeyConstraint('zone_faculty_assignments_pkey', ['id'])
    .addForeignKeyConstraint('fk_zone_faculty_assignments_zone_id', ['zone_id'], 'scheduling_zones', ['id'])
    .addCheckConstraint('check_faculty_role', sql.raw("role IN ('primary', 'secondary', 'backup')"))
    .execute()
  await db.schema
    .createIndex('idx_zone_faculty_available')
    .on('zone_faculty_assignments')
    .columns(['is_available'])
    .execute()
  await db.schema
    .createIndex('idx_zone_faculty_faculty')
    .on('zone_faculty_assignments')
    .columns(['faculty_id'])
    .execute()
  await db.schema.createIndex('idx_zone_faculty_zone').on('zone_faculty_assignments').columns(['zone_id']).execute()

  await db.schema
    .createTable('zone_incidents')
    .addColumn('id', d.type({ type: 'uuid' }), (c) => c.notNull())
    .addColumn('zone_id', d.type({ type: 'uuid' }), (c) => c.notNull())
    .addColumn('incident_type', d.type({ type: 'varchar', length: 50 }), (c) => c.notNull())
    .addColumn('description', d.type({ type: 'varchar', length: 500 }))
    .addColumn('started_at', d.type({ type: 'timestamp' }), (c) => c.notNull().defaultTo(d.now('timestamp')))
    .addColumn('severity', d.type({ type: 'varchar', length: 20 }), (c) => c.notNull())
    .addColumn('faculty_affected', d.type({ type: 'string_array' }))
    .addColumn('capacity_lost', d.type({ type: 'float' }), (c) => c.defaultTo(d.literal('float', 0)))
    .addColumn('services_affected', d.type({ type: 'string_array' }))
    .addColumn('resolved_at', d.type({ type: 'timestamp' }))
    .addColumn('resolution_notes', d.type({ type: 'varchar', length: 500 }))
    .addColumn('containment_successful', d.type({ type: 'boolean' }), (c) => c.defaultTo(d.literal('boolean', true)))
    .addPrimaryKeyConstraint('zone_incidents_pkey', ['id'])
    .addForeignKeyConstraint('fk_zone_incidents_zone_id', ['zone_id'], 'scheduling_zones', ['id'])
    .addCheckConstraint('check_incident_severity', sql.raw("severity IN ('minor', 'moderate', 'severe', 'critical')"))
    .execute()
  await db.schema.createIndex('idx_incidents_resolved').on('zone_incidents').columns(['resolved_at']).execute()
  await db.schema.createIndex('idx_incidents_severity').on('zone_incidents').columns(['severity']).execute()
  await db.schema.createIndex('idx_incidents_started').on('zone_incidents').columns(['started_at']).execute()
  await db.schema.createIndex('idx_incidents_zone').on('zone_incidents').columns(['zone_id']).execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  // reverse creation order: no table is dropped while a later one still references it
  for (const table of [
    'zone_incidents', 'zone_faculty_assignments', 'zone_borrowing_records', 'vulnerability_records',
    'trail_signals', 'scheduling_zones', 'sacrifice_decisions', 'preference_trails',
    'positive_feedback_alerts', 'hub_protection_plans', 'feedback_loop_states',
    'fallback_activations', 'resilience_events', 'resilience_health_checks', 'faculty_centrality',
    'equilibrium_shifts', 'cross_training_recommendations', 'compensation_records',
    'system_stress_records', 'cognitive_decisions', 'cognitive_sessions', 'allostasis_records',
  ]) {
    await db.schema.dropTable(table).execute()
  }
}
