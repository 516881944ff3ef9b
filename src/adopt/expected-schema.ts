import { sql, type Kysely } from 'kysely'
import type { DialectMigration, MigrationDialect } from '../../migrations/migration-dialect.js'
import { type Catalog, readCatalog } from '../dialect/catalog.js'
import { readPostgresTriggers } from '../dialect/postgres/postgres-catalog.js'

/** The schema the library's migrations build, read back from the same server. */
export interface ExpectedSchema {
  catalog: Catalog
  /** `table.trigger` of every trigger the migrations create. */
  triggers: string[]
}

/** A schema name no application uses; it lives only inside the adopting transaction. */
export const SCRATCH_SCHEMA = 'residency_db_adopt_expected'

/**
 * Runs every migration in a scratch schema inside the transaction `trx` and
 * reads its catalog, then drops the schema and restores the search path. The
 * expected catalog thus comes from the migrations themselves, printed back by
 * the very server being adopted (CHECK and default texts compare as equals),
 * with nothing generated or committed to keep in step.
 */
export async function readExpectedSchema(
  trx: Kysely<any>,
  migrations: Record<string, DialectMigration>,
  dialect: MigrationDialect,
): Promise<ExpectedSchema> {
  // a one-word alias: the driver wrapper camel-cases result names
  const { rows } = await sql<{ path: string }>`select current_setting('search_path') as path`.execute(trx)
  const searchPath = rows[0]!.path
  await sql`drop schema if exists ${sql.id(SCRATCH_SCHEMA)} cascade`.execute(trx)
  await sql`create schema ${sql.id(SCRATCH_SCHEMA)}`.execute(trx)
  await sql`set local search_path to ${sql.id(SCRATCH_SCHEMA)}`.execute(trx)
  for (const name of Object.keys(migrations).sort()) await migrations[name]!.up(trx, dialect)
  const catalog = await readCatalog(trx)
  const triggers = await readPostgresTriggers(trx)
  await sql`set local search_path to ${sql.raw(searchPath)}`.execute(trx)
  await sql`drop schema ${sql.id(SCRATCH_SCHEMA)} cascade`.execute(trx)
  return { catalog, triggers }
}
