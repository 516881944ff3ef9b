import { sql, type Kysely } from 'kysely'
import type { DialectMigration, MigrationDialect } from '../../migrations/migration-dialect.js'
import { type AdoptStep, lit } from './adopt-step.js'

/** The migration that installs the audit triggers; adoption runs it as it is. */
export const AUDIT_TRIGGER_MIGRATION = '20260101T1200-audit-triggers'

/**
 * The audit triggers, when the database has none of ours: installed by their own
 * migration, which also gives every row without an open history version a first
 * one (so rows Continuum never recorded, such as swap records, have a history).
 */
export function triggerSteps(
  trx: Kysely<any>,
  migrations: Record<string, DialectMigration>,
  dialect: MigrationDialect,
  expected: readonly string[],
  live: readonly string[],
): AdoptStep[] {
  const missing = expected.filter((t) => !live.includes(t))
  if (missing.length === 0) return []
  const migration = migrations[AUDIT_TRIGGER_MIGRATION]
  const partly = missing.length < expected.length
  return [
    {
      table: '*',
      action: partly
        ? `the audit triggers are only partly there (missing: ${missing.join(', ')})`
        : `install the audit triggers (${missing.length}) with migration ${AUDIT_TRIGGER_MIGRATION}; live rows without history get a first version`,
      sql: [`-- migration ${AUDIT_TRIGGER_MIGRATION}: up() (the audit trigger functions and triggers, see migrations/snapshots)`],
      // a half-installed set is not something to guess about
      run: async () => {
        if (partly || !migration) throw new Error(`install or remove the audit triggers by hand first (missing: ${missing.join(', ')})`)
        await migration.up(trx, dialect)
      },
    },
  ]
}

/**
 * Kysely's migration table with every migration recorded as applied (those it
 * does not list yet), so that `migrate latest` goes on from this schema.
 */
export async function baselineSteps(trx: Kysely<any>, names: readonly string[]): Promise<AdoptStep[]> {
  const { rows } = await sql<{ exists: boolean }>`select to_regclass('kysely_migration') is not null as exists`.execute(trx)
  const recorded = rows[0]!.exists
    ? (await sql<{ name: string }>`select name from kysely_migration`.execute(trx)).rows.map((r) => r.name)
    : []
  const missing = names.filter((n) => !recorded.includes(n))
  if (missing.length === 0) return []
  const now = new Date().toISOString()
  return [
    {
      table: 'kysely_migration',
      action: `record ${missing.length} migration(s) as applied (baseline)`,
      sql: [
        'CREATE TABLE IF NOT EXISTS "kysely_migration" ("name" varchar(255) NOT NULL PRIMARY KEY, "timestamp" varchar(255) NOT NULL)',
        'CREATE TABLE IF NOT EXISTS "kysely_migration_lock" ("id" varchar(255) NOT NULL PRIMARY KEY, "is_locked" integer NOT NULL DEFAULT 0)',
        `INSERT INTO "kysely_migration_lock" ("id", "is_locked") VALUES ('migration_lock', 0) ON CONFLICT DO NOTHING`,
        `INSERT INTO "kysely_migration" ("name", "timestamp") VALUES\n  ${missing.map((n) => `(${lit(n)}, ${lit(now)})`).join(',\n  ')}`,
      ],
    },
  ]
}
