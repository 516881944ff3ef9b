import type { Kysely } from 'kysely'
import { sql } from 'kysely'
import type { MigrationDialect } from './migration-dialect.js'
import { ddlTypes } from './support/v1/ddl-types.js'

export async function up(db: Kysely<any>, dialect: MigrationDialect): Promise<void> {
  const d = ddlTypes(dialect)

  await db.schema
    .createTable('calendar_subscriptions')
    .addColumn('token', d.type({ type: 'varchar', length: 64 }), (c) => c.notNull())
    .addColumn('person_id', d.type({ type: 'uuid' }), (c) => c.notNull())
    .addColumn('created_by_user_id', d.type({ type: 'uuid' }))
    .addColumn('label', d.type({ type: 'varchar', length: 255 }))
    .addColumn('created_at', d.type({ type: 'timestamp' }), (c) => c.notNull().defaultTo(d.now('timestamp')))
    .addColumn('last_accessed_at', d.type({ type: 'timestamp' }))
    .addColumn('expires_at', d.type({ type: 'timestamp' }))
    .addColumn('is_active', d.type({ type: 'boolean' }), (c) => c.notNull().defaultTo(d.literal('boolean', true)))
    .addColumn('revoked_at', d.type({ type: 'timestamp' }))
    .addColumn('scope_start_date', d.type({ type: 'timestamp' }))
    .addColumn('scope_end_date', d.type({ type: 'timestamp' }))
    .addColumn('scope_rotation_types', d.type({ type: 'text' }))
    .addPrimaryKeyConstraint('calendar_subscriptions_pkey', ['token'])
    .addForeignKeyConstraint(
      'fk_calendar_subscriptions_person_id',
      ['person_id'],
      'people',
      ['id'],
      (fk) => fk.onDelete('cascade'),
    )
    .addForeignKeyConstraint(
      'fk_calendar_subscriptions_created_by_user_id',
      ['created_by_user_id'],
      'users',
      ['id'],
      (fk) => fk.onDelete('set null'),
    )
    .execute()
  await db.schema
    .createIndex('ix_calendar_subscriptions_created_by_user_id')
    .on('calendar_subscriptions')
    .columns(['created_by_user_id'])
    .execute()
  await db.schema
    .createIndex('ix_calendar_subscriptions_is_active')
    .on('calendar_subscriptions')
    .columns(['is_active'])
    .execute()
  await db.schema
    .createIndex('ix_calendar_subscriptions_person_id')
    .on('calendar_subscriptions')
    .columns(['person_id'])
    .execute()
  await db.schema
    .createIndex('ix_calendar_subscriptions_token')
    .on('calendar_subscriptions')
    .columns(['token'])
    .execute()

  await db.schema
    .createTable('email_templates')
    .addColumn('id', d.type({ type: 'uuid' }), (c) => c.notNull())
    .addColumn('name', d.type({ type: 'varchar', length: 100 }), (c) => c.notNull())
    .addColumn('template_type', d.type({ type: 'varchar', length: 20 }), (c) => c.notNull())
    .addColumn('subject_template', d.type({ type: 'varchar', length: 500 }), (c) => c.notNull())
    .addColumn('body_html_template', d.type({ type: 'text' }), (c) => c.notNull())
    .addColumn('body_text_template', d.type({ type: 'text' }), (c) => c.notNull())
    .addColumn('is_active', d.type({ type: 'boolean' }), (c) => c.notNull().defaultTo(d.literal('boolean', true)))
    .addColumn('created_by_id', d.type({ type: 'uuid' }))
    .addColumn('created_at', d.type({ type: 'timestamp' }), (c) => c.notNull().defaultTo(d.now('timestamp')))
    .addColumn('updated_at', d.type({ type: 'timestamp' }), (c) => c.notNull().defaultTo(d.now('timestamp')))
    .addPrimaryKeyConstraint('email_templates_pkey', ['id'])
    .addForeignKeyConstraint(
      'fk_email_templates_created_by_id',
      ['created_by_id'],
      'users',
      ['id'],
      (fk) => fk.onDelete('set null'),
    )
    .addUniqueConstraint('uq_email_templates_name', ['name'])
    .addCheckConstraint(
      'check_email_templates_template_type',
      sql.raw("template_type IN ('schedule_change', 'swap_notification', 'certification_expiry', 'absence_reminder', 'compliance_alert')"),
    )
    .execute()
  await db.schema
    .createIndex('ix_email_templates_created_by_id')
    .on('email_templates')
    .columns(['created_by_id'])
    .execute()
  await db.schema.createIndex('ix_email_templates_is_active').on('email_templates').columns(['is_active']).execute()
  await db.schema.createIndex('ix_email_templates_name').unique().on('email_templates').columns(['name']).execute()
  await db.schema
    .createIndex('ix_email_templates_template_type')
    .on('email_templates')
    .columns(['template_type'])
    .execute()

  await db.schema
    .createTable('notifications')
    .addColumn('id', d.type({ type: 'uuid' }), (c) => c.notNull())
    .addColumn('recipient_id', d.type({ type: 'uuid' }), (c) => c.notNull())
    .addColumn('notification_type', d.type({ type: 'varchar', length: 50 }), (c) => c.notNull())
    .addColumn('subject', d.type({ type: 'varchar', length: 500 }), (c) => c.notNull())
    .addColumn('body', d.type({ type: 'text' }), (c) => c.notNull())
    .addColumn('data', d.type({ type: 'json' }))
    .addColumn('priority', d.type({ type: 'varchar', length: 20 }), (c) => c.defaultTo(d.literal('varchar', 'normal')))
    .addColumn('channels_delivered', d.type({ type: 'varchar', length: 200 }))
    .addColumn('is_read', d.type({ type: 'boolean' }), (c) => c.defaultTo(d.literal('boolean', false)))
    .addColumn('read_at', d.type({ type: 'timestamp' }))
    .addColumn('created_at', d.type({ type: 'timestamp' }), (c) => c.defaultTo(d.now('timestamp')))
    .addPrimaryKeyConstraint('notifications_pkey', ['id'])
    .addForeignKeyConstraint(
      'fk_notifications_recipient_id',
      ['recipient_id'],
      'people',
      ['id'],
      (fk) => fk.onDelete('cascade'),
    )
    .addCheckConstraint('check_notification_priority', sql.raw("priority IN ('high', 'normal', 'low')"))
    .execute()
  await db.schema.createIndex('ix_notifications_created_at').on('notifications').columns(['created_at']).execute()
  await db.schema.createIndex('ix_notifications_is_read').on('notifications').columns(['is_read']).execute()
  await db.schema
    .createIndex('ix_notifications_notification_type')
    .on('notifications')
    .columns(['notification_type'])
    .execute()
  await db.schema.createIndex('ix_notifications_recipient_id').on('notifications').columns(['recipient_id']).execute()

  await db.schema
    .createTable('email_logs')
    .addColumn('id', d.type({ type: 'uuid' }), (c) => c.notNull())
    .addColumn('notification_id', d.type({ type: 'uuid' }))
    .addColumn('template_id', d.type({ type: 'uuid' }))
    .addColumn('recipient_email', d.type({ type: 'varchar', length: 255 }), (c) => c.notNull())
    .addColumn('subject', d.type({ type: 'varchar', length: 500 }), (c) => c.notNull())
    .addColumn('body_html', d.type({ type: 'text' }))
    .addColumn('body_text', d.type({ type: 'text' }))
    .addColumn(
      'status',
      d.type({ type: 'varchar', length: 20 }),
      (c) => c.notNull().defaultTo(d.literal('varchar', 'queued')),
    )
    .addColumn('error_message', d.type({ type: 'text' }))
    .addColumn('sent_at', d.type({ type: 'timestamp' }))
    .addColumn('retry_count', d.type({ type: 'integer' }), (c) => c.notNull().defaultTo(d.literal('integer', 0)))
    .addColumn('created_at', d.type({ type: 'timestamp' }), (c) => c.notNull().defaultTo(d.now('timestamp')))
    .addPrimaryKeyConstraint('email_logs_pkey', ['id'])
    .addForeignKeyConstraint(
      'fk_email_logs_template_id',
      ['template_id'],
      'email_templates',
      ['id'],
      (fk) => fk.onDelete('set null'),
    )
    .addForeignKeyConstraint(
      'fk_email_logs_notification_id',
      ['notification_id'],
      'notifications',
      ['id'],
      (fk) => fk.onDelete('set null'),
    )
    .addCheckConstraint('check_email_logs_status', sql.raw("status IN ('queued', 'sent', 'failed', 'bounced')"))
    .execute()
  await db.schema.createIndex('ix_email_logs_created_at').on('email_logs').columns(['created_at']).execute()
  await db.schema.createIndex('ix_email_logs_notification_id').on('email_logs').columns(['notification_id']).execute()
  await db.schema.createIndex('ix_email_logs_recipient_email').on('email_logs').columns(['recipient_email']).execute()
  await db.schema.createIndex('ix_email_logs_status').on('email_logs').columns(['status']).execute()
  await db.schema.createIndex('ix_email_logs_template_id').on('email_logs').columns(['template_id']).execute()

  await db.schema
    .createTable('notification_preferences')
    .addColumn('id', d.type({ type: 'uuid' }), (c) => c.notNull())
    .addColumn('user_id', d.type({ type: 'uuid' }), (c) => c.notNull())
    .addColumn(
      'enabled_channels',
      d.type({ type: 'varchar', length: 200 }),
      (c) => c.defaultTo(d.literal('varchar', 'in_app,email')),
    )
    .addColumn('notification_types', d.type({ type: 'json' }))
    .addColumn('quiet_hours_start', d.type({ type: 'integer' }))
    .addColumn('quiet_hours_end', d.type({ type: 'integer' }))
    .addColumn('email_digest_enabled', d.type({ type: 'boolean' }), (c) => c.defaultTo(d.literal('boolean', false)))
    .addColumn(
      'email_digest_frequency',
      d.type({ type: 'varchar', length: 20 }),
      (c) => c.defaultTo(d.literal('varchar', 'daily')),
    )
    .addColumn('created_at', d.type({ type: 'timestamp' }), (c) => c.defaultTo(d.now('timestamp')))
    .addColumn('updated_at', d.type({ type: 'timestamp' }), (c) => c.defaultTo(d.now('timestamp')))
    .addPrimaryKeyConstraint('notification_preferences_pkey', ['id'])
    .addForeignKeyConstraint(
      'fk_notification_preferences_user_id',
      ['user_id'],
      'people',
      ['id'],
      (fk) => fk.onDelete('cascade'),
    )
    .addUniqueConstraint('uq_notification_preferences_user_id', ['user_id'])
    .addCheckConstraint(
      'check_quiet_start',
      sql.raw("quiet_hours_start IS NULL OR (quiet_hours_start >= 0 AND quiet_hours_start <= 23)"),
    )
    .addCheckConstraint('check_digest_frequency', sql.raw("email_digest_frequency IN ('daily', 'weekly')"))
    .addCheckConstraint(
      'check_quiet_end',
      sql.raw("quiet_hours_end IS NULL OR (quiet_hours_end >= 0 AND quiet_hours_end <= 23)"),
    )
    .execute()
  await db.schema
    .createIndex('ix_notification_preferences_user_id')
    .unique()
    .on('notification_preferences')
    .columns(['user_id'])
    .execute()

  await db.schema
    .createTable('scheduled_notifications')
    .addColumn('id', d.type({ type: 'uuid' }), (c) => c.notNull())
    .addColumn('recipient_id', d.type({ type: 'uuid' }), (c) => c.notNull())
    .addColumn('notification_type', d.type({ type: 'varchar', length: 50 }), (c) => c.notNull())
    .addColumn('data', d.type({ type: 'json' }))
    .addColumn('send_at', d.type({ type: 'timestamp' }), (c) => c.notNull())
    .addColumn('status', d.type({ type: 'varchar', length: 20 }), (c) => c.defaultTo(d.literal('varchar', 'pending')))
    .addColumn('sent_at', d.type({ type: 'timestamp' }))
    .addColumn('error_message', d.type({ type: 'text' }))
    .addColumn('retry_count', d.type({ type: 'integer' }), (c) => c.defaultTo(d.literal('integer', 0)))
    .addColumn('created_at', d.type({ type: 'timestamp' }), (c) => c.defaultTo(d.now('timestamp')))
    .addColumn('updated_at', d.type({ type: 'timestamp' }), (c) => c.defaultTo(d.now('timestamp')))
    .addPrimaryKeyConstraint('scheduled_notifications_pkey', ['id'])
    .addForeignKeyConstraint(
      'fk_scheduled_notifications_recipient_id',
      ['recipient_id'],
      'people',
      ['id'],
      (fk) => fk.onDelete('cascade'),
    )
    .addCheckConstraint(
      'check_scheduled_status',
      sql.raw("status IN ('pending', 'processing', 'sent', 'failed', 'cancelled')"),
    )
    .execute()
  await db.schema
    .createIndex('ix_scheduled_notifications_recipient_id')
    .on('scheduled_notifications')
    .columns(['recipient_id'])
    .execute()
  await db.schema
    .createIndex('ix_scheduled_notifications_send_at')
    .on('scheduled_notifications')
    .columns(['send_at'])
    .execute()
  await db.schema
    .createIndex('ix_scheduled_notifications_status')
    .on('scheduled_notifications')
    .columns(['status'])
    .execute()

  await db.schema
    .createTable('webhooks')
    .addColumn('id', d.type({ type: 'uuid' }), (c) => c.notNull())
    .addColumn('url', d.type({ type: 'varchar', length: 2048 }), (c) => c.notNull())
    .addColumn('name', d.type({ type: 'varchar', length: 255 }), (c) => c.notNull())
    .addColumn('description', d.type({ type: 'text' }))
    .addColumn('event_types', d.type({ type: 'string_array' }), (c) => c.notNull())
    .addColumn(
      'status',
      d.type({ type: 'varchar', length: 20 }),
      (c) => c.notNull().defaultTo(d.literal('varchar', 'active')),
    )
    .addColumn('secret', d.type({ type: 'varchar', length: 255 }), (c) => c.notNull())
    .addColumn('retry_enabled', d.type({ type: 'boolean' }), (c) => c.defaultTo(d.literal('boolean', true)))
    .addColumn('max_retries', d.type({ type: 'integer' }), (c) => c.defaultTo(d.literal('integer', 5)))
    .addColumn('timeout_seconds', d.type({ type: 'integer' }), (c) => c.defaultTo(d.literal('integer', 30)))
    .addColumn('custom_headers', d.type({ type: 'json' }))
    .addColumn('metadata', d.type({ type: 'json' }))
    .addColumn('owner_id', d.type({ type: 'uuid' }))
    .addColumn('created_at', d.type({ type: 'timestamp' }), (c) => c.defaultTo(d.now('timestamp')))
    .addColumn('updated_at', d.type({ type: 'timestamp' }), (c) => c.defaultTo(d.now('timestamp')))
    .addColumn('last_triggered_at', d.type({ type: 'timestamp' }))
    .addPrimaryKeyConstraint('webhooks_pkey', ['id'])
    .addForeignKeyConstraint('fk_webhooks_owner_id', ['owner_id'], 'people', ['id'], (fk) => fk.onDelete('set null'))
    .addCheckConstraint('check_webhook_timeout', sql.raw("timeout_seconds > 0 AND timeout_seconds <= 300"))
    .addCheckConstraint('check_webhook_status', sql.raw("status IN ('active', 'paused', 'disabled')"))
    .addCheckConstraint('check_webhook_max_retries', sql.raw("max_retries >= 0 AND max_retries <= 10"))
    .execute()
  await db.schema.createIndex('ix_webhooks_created_at').on('webhooks').columns(['created_at']).execute()
  await db.schema.createIndex('ix_webhooks_owner_id').on('webhooks').columns(['owner_id']).execute()
  await db.schema.createIndex('ix_webhooks_status').on('webhooks').columns(['status']).execute()

  await db.schema
    .createTable('webhook_deliveries')
    .addColumn('id', d.type({ type: 'uuid' }), (c) => c.notNull())
    .addColumn('webhook_id', d.type({ type: 'uuid' }), (c) => c.notNull())
    .addColumn('event_type', d.type({ type: 'varchar', length: 100 }), (c) => c.notNull())
    .addColumn('event_id', d.type({ type: 'varchar', length: 255 }))
    .addColumn('payload', d.type({ type: 'json' }), (c) => c.notNull())
    .addColumn(
      'status',
      d.type({ type: 'varchar', length: 20 }),
      (c) => c.notNull().defaultTo(d.literal('varchar', 'pending')),
    )
    .addColumn('attempt_count', d.type({ type: 'integer' }), (c) => c.defaultTo(d.literal('integer', 0)))
    .addColumn('max_attempts', d.type({ type: 'integer' }), (c) => c.defaultTo(d.literal('integer', 5)))
    .addColumn('next_retry_at', d.type({ type: 'timestamp' }))
    .addColumn('http_status_code', d.type({ type: 'integer' }))
    .addColumn('response_body', d.type({ type: 'text' }))
    .addColumn('response_time_ms', d.type({ type: 'integer' }))
    .addColumn('error_message', d.type({ type: 'text' }))
    .addColumn('created_at', d.type({ type: 'timestamp' }), (c) => c.defaultTo(d.now('timestamp')))
    .addColumn('first_attempted_at', d.type({ type: 'timestamp' }))
    .addColumn('last_attempted_at', d.type({ type: 'timestamp' }))
    .addColumn('completed_at', d.type({ type: 'timestamp' }))
    .addPrimaryKeyConstraint('webhook_deliveries_pkey', ['id'])
    .addForeignKeyConstraint(
      'fk_webhook_deliveries_webhook_id',
      ['webhook_id'],
      'webhooks',
      ['id'],
      (fk) => fk.onDelete('cascade'),
    )
    .addCheckConstraint(
      'check_delivery_status',
      sql.raw("status IN ('pending', 'processing', 'success', 'failed', 'dead_letter')"),
    )
    .addCheckConstraint('check_attempt_count', sql.raw("attempt_count >= 0"))
    .execute()
  await db.schema
    .createIndex('ix_webhook_deliveries_created_at')
    .on('webhook_deliveries')
    .columns(['created_at'])
    .execute()
  await db.schema.createIndex('ix_webhook_deliveries_event_id').on('webhook_deliveries').columns(['event_id']).execute()
  await db.schema
    .createIndex('ix_webhook_deliveries_event_type')
    .on('webhook_deliveries')
    .columns(['event_type'])
    .execute()
  await db.schema
    .createIndex('ix_webhook_deliveries_next_retry_at')
    .on('webhook_deliveries')
    .columns(['next_retry_at'])
    .execute()
  await db.schema.createIndex('ix_webhook_deliveries_status').on('webhook_deliveries').columns(['status']).execute()
  await db.schema
    .createIndex('ix_webhook_deliveries_webhook_id')
    .on('webhook_deliveries')
    .columns(['webhook_id'])
    .execute()

  await db.schema
    .createTable('webhook_dead_letters')
    .addColumn('id', d.type({ type: 'uuid' }), (c) => c.notNull())
    .addColumn('delivery_id', d.type({ type: 'uuid' }), (c) => c.notNull())
    .addColumn('webhook_id', d.type({ type: 'uuid' }), (c) => c.notNull())
    .addColumn('event_type', d.type({ type: 'varchar', length: 100 }), (c) => c.notNull())
    .addColumn('payload', d.type({ type: 'json' }), (c) => c.notNull())
    .addColumn('total_attempts', d.type({ type: 'integer' }), (c) => c.notNull())
    .addColumn('last_error_message', d.type({ type: 'text' }))
    .addColumn('last_http_status', d.type({ type: 'integer' }))
    .addColumn('resolved', d.type({ type: 'boolean' }), (c) => c.defaultTo(d.literal('boolean', false)))
    .addColumn('resolved_at', d.type({ type: 'timestamp' }))
    .addColumn('resolved_by', d.type({ type: 'uuid' }))
    .addColumn('resolution_notes', d.type({ type: 'text' }))
    .addColumn('created_at', d.type({ type: 'timestamp' }), (c) => c.defaultTo(d.now('timestamp')))
    .addPrimaryKeyConstraint('webhook_dead_letters_pkey', ['id'])
    .addForeignKeyConstraint(
      'fk_webhook_dead_letters_resolved_by',
      ['resolved_by'],
      'people',
      ['id'],
      (fk) => fk.onDelete('set null'),
    )
    .addForeignKeyConstraint(
      'fk_webhook_dead_letters_webhook_id',
      ['webhook_id'],
      'webhooks',
      ['id'],
      (fk) => fk.onDelete('cascade'),
    )
    .addForeignKeyConstraint(
      'fk_webhook_dead_letters_delivery_id',
      ['delivery_id'],
      'webhook_deliveries',
      ['id'],
      (fk) => fk.onDelete('cascade'),
    )
    .addUniqueConstraint('uq_webhook_dead_letters_delivery_id', ['delivery_id'])
    .addCheckConstraint('check_total_attempts', sql.raw("total_attempts > 0"))
    .execute()
  await db.schema
    .createIndex('ix_webhook_dead_letters_created_at')
    .on('webhook_dead_letters')
    .columns(['created_at'])
    .execute()
  await db.schema
    .createIndex('ix_webhook_dead_letters_delivery_id')
    .unique()
    .on('webhook_dead_letters')
    .columns(['delivery_id'])
    .execute()
  await db.schema
    .createIndex('ix_webhook_dead_letters_event_type')
    .on('webhook_dead_letters')
    .columns(['event_type'])
    .execute()
  await db.schema
    .createIndex('ix_webhook_dead_letters_resolved')
    .on('webhook_dead_letters')
    .columns(['resolved'])
    .execute()
  await db.schema
    .createIndex('ix_webhook_dead_letters_resolved_by')
    .on('webhook_dead_letters')
    .columns(['resolved_by'])
    .execute()
  await db.schema
    .createIndex('ix_webhook_dead_letters_webhook_id')
    .on('webhook_dead_letters')
    .columns(['webhook_id'])
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  // reverse creation order: no table is dropped while a later one still references it
  for (const table of [
    'webhook_dead_letters', 'webhook_deliveries', 'webhooks', 'scheduled_notifications',
    'notification_preferences', 'email_logs', 'notifications', 'email_templates',
    'calendar_subscriptions',
  ]) {
    await db.schema.dropTable(table).execute()
  }
}
