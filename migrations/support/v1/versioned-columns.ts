import type { ColumnDefinition } from './add-columns.js'

// The columns of the four audited tables as their first migrations created them.
// Each list is shared by the table's own migration and the audit migration that
// derives `<table>_version` from it, so the history table cannot miss a column.
// Frozen: a later change to one of these tables is a new migration that alters
// both the table and its version table.

export const absencesColumns: readonly ColumnDefinition[] = Object.freeze([
  { name: 'id', type: 'uuid', nullable: false, default: { kind: 'uuid' } },
  { name: 'person_id', type: 'uuid', nullable: false },
  { name: 'start_date', type: 'date', nullable: false },
  { name: 'end_date', type: 'date', nullable: false },
  { name: 'absence_type', type: 'varchar', length: 50, nullable: false },
  { name: 'is_blocking', type: 'boolean', nullable: true, default: { kind: 'literal', value: false } },
  { name: 'return_date_tentative', type: 'boolean', nullable: false, default: { kind: 'literal', value: false } },
  { name: 'created_by_id', type: 'uuid', nullable: true },
  { name: 'deployment_orders', type: 'boolean', nullable: true, default: { kind: 'literal', value: false } },
  { name: 'tdy_location', type: 'varchar', length: 255, nullable: true },
  { name: 'replacement_activity', type: 'varchar', length: 255, nullable: true },
  { name: 'notes', type: 'text', nullable: true },
  { name: 'created_at', type: 'timestamp', nullable: true, default: { kind: 'now' } },
])

export const assignmentsColumns: readonly ColumnDefinition[] = Object.freeze([
  { name: 'id', type: 'uuid', nullable: false, default: { kind: 'uuid' } },
  { name: 'block_id', type: 'uuid', nullable: false },
  { name: 'person_id', type: 'uuid', nullable: false },
  { name: 'rotation_template_id', type: 'uuid', nullable: true },
  { name: 'role', type: 'varchar', length: 50, nullable: false },
  { name: 'activity_override', type: 'varchar', length: 255, nullable: true },
  { name: 'notes', type: 'text', nullable: true },
  { name: 'override_reason', type: 'text', nullable: true },
  { name: 'override_acknowledged_at', type: 'timestamp', nullable: true },
  { name: 'explain_json', type: 'json', nullable: true },
  { name: 'confidence', type: 'float', nullable: true },
  { name: 'score', type: 'float', nullable: true },
  { name: 'alternatives_json', type: 'json', nullable: true },
  { name: 'audit_hash', type: 'varchar', length: 64, nullable: true },
  { name: 'created_by', type: 'varchar', length: 255, nullable: true },
  { name: 'created_at', type: 'timestamp', nullable: true, default: { kind: 'now' } },
  { name: 'updated_at', type: 'timestamp', nullable: true, default: { kind: 'now' } },
  { name: 'schedule_run_id', type: 'uuid', nullable: true },
])

export const scheduleRunsColumns: readonly ColumnDefinition[] = Object.freeze([
  { name: 'id', type: 'uuid', nullable: false, default: { kind: 'uuid' } },
  { name: 'start_date', type: 'date', nullable: false },
  { name: 'end_date', type: 'date', nullable: false },
  { name: 'algorithm', type: 'varchar', length: 50, nullable: false },
  { name: 'status', type: 'varchar', length: 50, nullable: false },
  { name: 'total_blocks_assigned', type: 'integer', nullable: true },
  { name: 'acgme_violations', type: 'integer', nullable: true, default: { kind: 'literal', value: 0 } },
  { name: 'acgme_override_count', type: 'integer', nullable: true, default: { kind: 'literal', value: 0 } },
  { name: 'runtime_seconds', type: 'numeric', precision: 10, scale: 2, nullable: true },
  { name: 'config_json', type: 'json', nullable: true },
  { name: 'created_at', type: 'timestamp', nullable: true, default: { kind: 'now' } },
])

export const swapRecordsColumns: readonly ColumnDefinition[] = Object.freeze([
  { name: 'id', type: 'uuid', nullable: false, default: { kind: 'uuid' } },
  { name: 'source_faculty_id', type: 'uuid', nullable: false },
  { name: 'source_week', type: 'date', nullable: false },
  { name: 'target_faculty_id', type: 'uuid', nullable: false },
  { name: 'target_week', type: 'date', nullable: true },
  { name: 'swap_type', type: 'varchar', length: 20, nullable: false },
  { name: 'status', type: 'varchar', length: 20, nullable: false, default: { kind: 'literal', value: 'pending' } },
  { name: 'requested_at', type: 'timestamp', nullable: false, default: { kind: 'now' } },
  { name: 'requested_by_id', type: 'uuid', nullable: true },
  { name: 'approved_at', type: 'timestamp', nullable: true },
  { name: 'approved_by_id', type: 'uuid', nullable: true },
  { name: 'executed_at', type: 'timestamp', nullable: true },
  { name: 'executed_by_id', type: 'uuid', nullable: true },
  { name: 'rolled_back_at', type: 'timestamp', nullable: true },
  { name: 'rolled_back_by_id', type: 'uuid', nullable: true },
  { name: 'rollback_reason', type: 'text', nullable: true },
  { name: 'reason', type: 'text', nullable: true },
  { name: 'notes', type: 'text', nullable: true },
])
