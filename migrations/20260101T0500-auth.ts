import type { Kysely } from 'kysely'
import type { MigrationDialect } from './migration-dialect.js'
import { ddlTypes } from './support/v1/ddl-types.js'

export async function up(db: Kysely<any>, dialect: MigrationDialect): Promise<void> {
  const d = ddlTypes(dialect)

  await db.schema
    .createTable('api_keys')
    .addColumn('id', d.type({ type: 'uuid' }), (c) => c.notNull())
    .addColumn('name', d.type({ type: 'varchar', length: 255 }), (c) => c.notNull())
    .addColumn('key_hash', d.type({ type: 'varchar', length: 255 }), (c) => c.notNull())
    .addColumn('key_prefix', d.type({ type: 'varchar', length: 16 }), (c) => c.notNull())
    .addColumn('owner_id', d.type({ type: 'uuid' }))
    .addColumn('scopes', d.type({ type: 'text' }))
    .addColumn('allowed_ips', d.type({ type: 'text' }))
    .addColumn('rate_limit_per_minute', d.type({ type: 'integer' }), (c) => c.defaultTo(d.literal('integer', 100)))
    .addColumn('rate_limit_per_hour', d.type({ type: 'integer' }), (c) => c.defaultTo(d.literal('integer', 5000)))
    .addColumn('is_active', d.type({ type: 'boolean' }), (c) => c.notNull().defaultTo(d.literal('boolean', true)))
    .addColumn('expires_at', d.type({ type: 'timestamp' }))
    .addColumn('revoked_at', d.type({ type: 'timestamp' }))
    .addColumn('revoked_by_id', d.type({ type: 'uuid' }))
    .addColumn('revoked_reason', d.type({ type: 'varchar', length: 500 }))
    .addColumn('rotated_from_id', d.type({ type: 'uuid' }))
    .addColumn('rotated_to_id', d.type({ type: 'uuid' }))
    .addColumn('last_used_at', d.type({ type: 'timestamp' }))
    .addColumn('last_used_ip', d.type({ type: 'varchar', length: 45 }))
    .addColumn('total_requests', d.type({ type: 'integer' }), (c) => c.notNull().defaultTo(d.literal('integer', 0)))
    .addColumn('created_at', d.type({ type: 'timestamp' }), (c) => c.notNull().defaultTo(d.now('timestamp')))
    .addColumn('updated_at', d.type({ type: 'timestamp' }), (c) => c.notNull().defaultTo(d.now('timestamp')))
    .addPrimaryKeyConstraint('api_keys_pkey', ['id'])
    .addForeignKeyConstraint('fk_api_keys_owner_id', ['owner_id'], 'users', ['id'], (fk) => fk.onDelete('cascade'))
    .addForeignKeyConstraint(
      'fk_api_keys_rotated_to_id',
      ['rotated_to_id'],
      'api_keys',
      ['id'],
      (fk) => fk.onDelete('set null'),
    )
    .addForeignKeyConstraint(
      'fk_api_keys_revoked_by_id',
      ['revoked_by_id'],
      'users',
      ['id'],
      (fk) => fk.onDelete('set null'),
    )
    .addForeignKeyConstraint(
      'fk_api_keys_rotated_from_id',
      ['rotated_from_id'],
      'api_keys',
      ['id'],
      (fk) => fk.onDelete('set null'),
    )
    .addUniqueConstraint('uq_api_keys_key_hash', ['key_hash'])
    .execute()
  await db.schema.createIndex('idx_api_key_active').on('api_keys').columns(['is_active', 'expires_at']).execute()
  await db.schema.createIndex('idx_api_key_owner').on('api_keys').columns(['owner_id', 'is_active']).execute()
  await db.schema.createIndex('ix_api_keys_key_hash').unique().on('api_keys').columns(['key_hash']).execute()
  await db.schema.createIndex('ix_api_keys_key_prefix').on('api_keys').columns(['key_prefix']).execute()
  await db.schema.createIndex('ix_api_keys_revoked_by_id').on('api_keys').columns(['revoked_by_id']).execute()
  await db.schema.createIndex('ix_api_keys_rotated_from_id').on('api_keys').columns(['rotated_from_id']).execute()
  await db.schema.createIndex('ix_api_keys_rotated_to_id').on('api_keys').columns(['rotated_to_id']).execute()

  await db.schema
    .createTable('ip_blacklists')
    .addColumn('id', d.type({ type: 'uuid' }), (c) => c.notNull())
    .addColumn('ip_address', d.type({ type: 'varchar', length: 45 }), (c) => c.notNull())
    .addColumn('reason', d.type({ type: 'varchar', length: 500 }), (c) => c.notNull())
    .addColumn('added_by_id', d.type({ type: 'uuid' }))
    .addColumn('detection_method', d.type({ type: 'varchar', length: 100 }))
    .addColumn('incident_count', d.type({ type: 'integer' }), (c) => c.notNull().defaultTo(d.literal('integer', 1)))
    .addColumn('is_active', d.type({ type: 'boolean' }), (c) => c.notNull().defaultTo(d.literal('boolean', true)))
    .addColumn('expires_at', d.type({ type: 'timestamp' }))
    .addColumn('created_at', d.type({ type: 'timestamp' }), (c) => c.notNull().defaultTo(d.now('timestamp')))
    .addColumn('updated_at', d.type({ type: 'timestamp' }), (c) => c.notNull().defaultTo(d.now('timestamp')))
    .addColumn('last_hit_at', d.type({ type: 'timestamp' }))
    .addPrimaryKeyConstraint('ip_blacklists_pkey', ['id'])
    .addForeignKeyConstraint(
      'fk_ip_blacklists_added_by_id',
      ['added_by_id'],
      'users',
      ['id'],
      (fk) => fk.onDelete('set null'),
    )
    .execute()
  await db.schema
    .createIndex('idx_ip_blacklist_active')
    .on('ip_blacklists')
    .columns(['is_active', 'expires_at'])
    .execute()
  await db.schema
    .createIndex('idx_ip_blacklist_detection')
    .on('ip_blacklists')
    .columns(['detection_method', 'is_active'])
    .execute()
  await db.schema.createIndex('ix_ip_blacklists_added_by_id').on('ip_blacklists').columns(['added_by_id']).execute()
  await db.schema.createIndex('ix_ip_blacklists_ip_address').on('ip_blacklists').columns(['ip_address']).execute()

  await db.schema
    .createTable('ip_whitelists')
    .addColumn('id', d.type({ type: 'uuid' }), (c) => c.notNull())
    .addColumn('ip_address', d.type({ type: 'varchar', length: 45 }), (c) => c.notNull())
    .addColumn('description', d.type({ type: 'varchar', length: 500 }))
    .addColumn('owner_id', d.type({ type: 'uuid' }))
    .addColumn(
      'applies_to',
      d.type({ type: 'varchar', length: 50 }),
      (c) => c.notNull().defaultTo(d.literal('varchar', 'all')),
    )
    .addColumn('is_active', d.type({ type: 'boolean' }), (c) => c.notNull().defaultTo(d.literal('boolean', true)))
    .addColumn('expires_at', d.type({ type: 'timestamp' }))
    .addColumn('created_at', d.type({ type: 'timestamp' }), (c) => c.notNull().defaultTo(d.now('timestamp')))
    .addColumn('updated_at', d.type({ type: 'timestamp' }), (c) => c.notNull().defaultTo(d.now('timestamp')))
    .addPrimaryKeyConstraint('ip_whitelists_pkey', ['id'])
    .addForeignKeyConstraint('fk_ip_whitelists_owner_id', ['owner_id'], 'users', ['id'], (fk) => fk.onDelete('cascade'))
    .execute()
  await db.schema
    .createIndex('idx_ip_whitelist_active')
    .on('ip_whitelists')
    .columns(['is_active', 'expires_at'])
    .execute()
  await db.schema
    .createIndex('idx_ip_whitelist_applies_to')
    .on('ip_whitelists')
    .columns(['applies_to', 'is_active'])
    .execute()
  await db.schema.createIndex('ix_ip_whitelists_ip_address').on('ip_whitelists').columns(['ip_address']).execute()
  await db.schema.createIndex('ix_ip_whitelists_owner_id').on('ip_whitelists').columns(['owner_id']).execute()

  await db.schema
    .createTable('oauth2_authorization_codes')
    .addColumn('id', d.type({ type: 'uuid' }), (c) => c.notNull())
    .addColumn('code', d.type({ type: 'varchar', length: 255 }), (c) => c.notNull())
    .addColumn('client_id', d.type({ type: 'varchar', length: 255 }), (c) => c.notNull())
    .addColumn('user_id', d.type({ type: 'uuid' }), (c) => c.notNull())
    .addColumn('redirect_uri', d.type({ type: 'varchar', length: 512 }), (c) => c.notNull())
    .addColumn('scope', d.type({ type: 'text' }))
    .addColumn('code_challenge', d.type({ type: 'varchar', length: 255 }), (c) => c.notNull())
    .addColumn(
      'code_challenge_method',
      d.type({ type: 'varchar', length: 10 }),
      (c) => c.notNull().defaultTo(d.literal('varchar', 'S256')),
    )
    .addColumn('state', d.type({ type: 'varchar', length: 255 }))
    .addColumn('nonce', d.type({ type: 'varchar', length: 255 }))
    .addColumn(
      'is_used',
      d.type({ type: 'varchar', length: 10 }),
      (c) => c.notNull().defaultTo(d.literal('varchar', 'false')),
    )
    .addColumn('created_at', d.type({ type: 'timestamp' }), (c) => c.notNull().defaultTo(d.now('timestamp')))
    .addColumn('expires_at', d.type({ type: 'timestamp' }), (c) => c.notNull())
    .addColumn('used_at', d.type({ type: 'timestamp' }))
    .addPrimaryKeyConstraint('oauth2_authorization_codes_pkey', ['id'])
    .addUniqueConstraint('uq_oauth2_authorization_codes_code', ['code'])
    .execute()
  await db.schema
    .createIndex('idx_authz_code_client_user')
    .on('oauth2_authorization_codes')
    .columns(['client_id', 'user_id'])
    .execute()
  await db.schema
    .createIndex('idx_authz_code_expires')
    .on('oauth2_authorization_codes')
    .columns(['expires_at', 'is_used'])
    .execute()
  await db.schema
    .createIndex('ix_oauth2_authorization_codes_client_id')
    .on('oauth2_authorization_codes')
    .columns(['client_id'])
    .execute()
  await db.schema
    .createIndex('ix_oauth2_authorization_codes_code')
    .unique()
    .on('oauth2_authorization_codes')
    .columns(['code'])
    .execute()
  await db.schema
    .createIndex('ix_oauth2_authorization_codes_created_at')
    .on('oauth2_authorization_codes')
    .columns(['created_at'])
    .execute()
  await db.schema
    .createIndex('ix_oauth2_authorization_codes_expires_at')
    .on('oauth2_authorization_codes')
    .columns(['expires_at'])
    .execute()
  await db.schema
    .createIndex('ix_oauth2_authorization_codes_user_id')
    .on('oauth2_authorization_codes')
    .columns(['user_id'])
    .execute()

  await db.schema
    .createTable('oauth2_clients')
    .addColumn('id', d.type({ type: 'uuid' }), (c) => c.notNull())
    .addColumn('client_id', d.type({ type: 'varchar', length: 255 }), (c) => c.notNull())
    .addColumn('client_secret_hash', d.type({ type: 'varchar', length: 255 }), (c) => c.notNull())
    .addColumn('name', d.type({ type: 'varchar', length: 255 }), (c) => c.notNull())
    .addColumn('description', d.type({ type: 'text' }))
    .addColumn('scopes', d.type({ type: 'text' }), (c) => c.notNull().defaultTo(d.literal('text', 'read')))
    .addColumn(
      'grant_types',
      d.type({ type: 'varchar', length: 255 }),
      (c) => c.notNull().defaultTo(d.literal('varchar', 'client_credentials')),
    )
    .addColumn('owner_id', d.type({ type: 'uuid' }))
    .addColumn('is_active', d.type({ type: 'boolean' }), (c) => c.notNull().defaultTo(d.literal('boolean', true)))
    .addColumn('is_confidential', d.type({ type: 'boolean' }), (c) => c.notNull().defaultTo(d.literal('boolean', true)))
    .addColumn('rate_limit_per_minute', d.type({ type: 'integer' }), (c) => c.defaultTo(d.literal('integer', 100)))
    .addColumn('rate_limit_per_hour', d.type({ type: 'integer' }), (c) => c.defaultTo(d.literal('integer', 5000)))
    .addColumn(
      'access_token_lifetime_seconds',
      d.type({ type: 'integer' }),
      (c) => c.notNull().defaultTo(d.literal('integer', 3600)),
    )
    .addColumn('last_used_at', d.type({ type: 'timestamp' }))
    .addColumn(
      'total_tokens_issued',
      d.type({ type: 'integer' }),
      (c) => c.notNull().defaultTo(d.literal('integer', 0)),
    )
    .addColumn('created_at', d.type({ type: 'timestamp' }), (c) => c.notNull().defaultTo(d.now('timestamp')))
    .addColumn('updated_at', d.type({ type: 'timestamp' }), (c) => c.notNull().defaultTo(d.now('timestamp')))
    .addPrimaryKeyConstraint('oauth2_clients_pkey', ['id'])
    .addForeignKeyConstraint(
      'fk_oauth2_clients_owner_id',
      ['owner_id'],
      'users',
      ['id'],
      (fk) => fk.onDelete('cascade'),
    )
    .addUniqueConstraint('uq_oauth2_clients_client_id', ['client_id'])
    .execute()
  await db.schema.createIndex('idx_oauth2_client_active').on('oauth2_clients').columns(['is_active']).execute()
  await db.schema
    .createIndex('idx_oauth2_client_owner')
    .on('oauth2_clients')
    .columns(['owner_id', 'is_active'])
    .execute()
  await db.schema
    .createIndex('ix_oauth2_clients_client_id')
    .unique()
    .on('oauth2_clients')
    .columns(['client_id'])
    .execute()

  await db.schema
    .createTable('pkce_clients')
    .addColumn('id', d.type({ type: 'uuid' }), (c) => c.notNull())
    .addColumn('client_id', d.type({ type: 'varchar', length: 255 }), (c) => c.notNull())
    .addColumn('client_name', d.type({ type: 'varchar', length: 255 }), (c) => c.notNull())
    .addColumn('client_uri', d.type({ type: 'varchar', length: 512 }))
    .addColumn('redirect_uris', d.type({ type: 'string_array' }), (c) => c.notNull())
    .addColumn(
      'grant_types',
      d.type({ type: 'string_array' }),
      (c) => c.notNull().defaultTo(d.literal('string_array', ['authorization_code'])),
    )
    .addColumn(
      'response_types',
      d.type({ type: 'string_array' }),
      (c) => c.notNull().defaultTo(d.literal('string_array', ['code'])),
    )
    .addColumn('scope', d.type({ type: 'text' }))
    .addColumn('is_public', d.type({ type: 'boolean' }), (c) => c.notNull().defaultTo(d.literal('boolean', true)))
    .addColumn('is_active', d.type({ type: 'boolean' }), (c) => c.notNull().defaultTo(d.literal('boolean', true)))
    .addColumn('created_at', d.type({ type: 'timestamp' }), (c) => c.notNull().defaultTo(d.now('timestamp')))
    .addColumn('updated_at', d.type({ type: 'timestamp' }), (c) => c.defaultTo(d.now('timestamp')))
    .addPrimaryKeyConstraint('pkce_clients_pkey', ['id'])
    .addUniqueConstraint('uq_pkce_clients_client_id', ['client_id'])
    .execute()
  await db.schema
    .createIndex('idx_oauth2_client_id_active')
    .on('pkce_clients')
    .columns(['client_id', 'is_active'])
    .execute()
  await db.schema.createIndex('ix_pkce_clients_client_id').unique().on('pkce_clients').columns(['client_id']).execute()

  await db.schema
    .createTable('request_signatures')
    .addColumn('id', d.type({ type: 'uuid' }), (c) => c.notNull())
    .addColumn('signature_hash', d.type({ type: 'varchar', length: 255 }), (c) => c.notNull())
    .addColumn('api_key_id', d.type({ type: 'uuid' }))
    .addColumn('request_method', d.type({ type: 'varchar', length: 10 }), (c) => c.notNull())
    .addColumn('request_path', d.type({ type: 'varchar', length: 2000 }), (c) => c.notNull())
    .addColumn('request_timestamp', d.type({ type: 'timestamp' }), (c) => c.notNull())
    .addColumn('is_valid', d.type({ type: 'boolean' }), (c) => c.notNull())
    .addColumn('failure_reason', d.type({ type: 'varchar', length: 255 }))
    .addColumn('client_ip', d.type({ type: 'varchar', length: 45 }), (c) => c.notNull())
    .addColumn('user_agent', d.type({ type: 'varchar', length: 500 }))
    .addColumn('verified_at', d.type({ type: 'timestamp' }), (c) => c.notNull().defaultTo(d.now('timestamp')))
    .addPrimaryKeyConstraint('request_signatures_pkey', ['id'])
    .addForeignKeyConstraint(
      'fk_request_signatures_api_key_id',
      ['api_key_id'],
      'api_keys',
      ['id'],
      (fk) => fk.onDelete('cascade'),
    )
    .addUniqueConstraint('uq_request_signatures_signature_hash', ['signature_hash'])
    .execute()
  await db.schema
    .createIndex('idx_request_signature_api_key')
    .on('request_signatures')
    .columns(['api_key_id', 'verified_at'])
    .execute()
  await db.schema
    .createIndex('idx_request_signature_timestamp')
    .on('request_signatures')
    .columns(['request_timestamp', 'verified_at'])
    .execute()
  await db.schema
    .createIndex('ix_request_signatures_signature_hash')
    .unique()
    .on('request_signatures')
    .columns(['signature_hash'])
    .execute()

  await db.schema
    .createTable('token_blacklist')
    .addColumn('id', d.type({ type: 'uuid' }), (c) => c.notNull())
    .addColumn('jti', d.type({ type: 'varchar', length: 36 }), (c) => c.notNull())
    .addColumn(
      'token_type',
      d.type({ type: 'varchar', length: 20 }),
      (c) => c.defaultTo(d.literal('varchar', 'access')),
    )
    .addColumn('user_id', d.type({ type: 'uuid' }))
    .addColumn('blacklisted_at', d.type({ type: 'timestamp' }), (c) => c.notNull().defaultTo(d.now('timestamp')))
    .addColumn('expires_at', d.type({ type: 'timestamp' }), (c) => c.notNull())
    .addColumn('reason', d.type({ type: 'varchar', length: 100 }), (c) => c.defaultTo(d.literal('varchar', 'logout')))
    .addPrimaryKeyConstraint('token_blacklist_pkey', ['id'])
    .addUniqueConstraint('uq_token_blacklist_jti', ['jti'])
    .execute()
  await db.schema
    .createIndex('idx_blacklist_jti_expires')
    .on('token_blacklist')
    .columns(['jti', 'expires_at'])
    .execute()
  await db.schema.createIndex('ix_token_blacklist_expires_at').on('token_blacklist').columns(['expires_at']).execute()
  await db.schema.createIndex('ix_token_blacklist_jti').unique().on('token_blacklist').columns(['jti']).execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  // reverse creation order: no table is dropped while a later one still references it
  for (const table of [
    'token_blacklist', 'request_signatures', 'pkce_clients', 'oauth2_clients',
    'oauth2_authorization_codes', 'ip_whitelists', 'ip_blacklists', 'api_keys',
  ]) {
    await db.schema.dropTable(table).execute()
  }
}
