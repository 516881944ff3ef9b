import { Kysely } from 'kysely'
import { InsertDefaultsPlugin } from './codec/insert-defaults-plugin.js'
import { NameMap } from './codec/names.js'
import { schemaNames } from './codec/schema-names.js'
import { DEFAULT_DATABASE_URL, maskUrl, parseDatabaseUrl } from './database-url.js'
import { ConnectionError } from './errors.js'
import type { DialectName, DialectRuntime, DriverName, SchemaContext } from './dialect/dialect.js'
import { openPg } from './dialect/postgres/pg-runtime.js'
import { openPglite } from './dialect/postgres/pglite-runtime.js'
import { openSqlite } from './dialect/sqlite/sqlite-runtime.js'
import { createMigrationRunner, type MigrationMethods } from './migration-runner.js'
import type { DialectMigration } from '../migrations/migration-dialect.js'
import { columnLimits } from './schema/column-limits.js'
import { columnTypes as defaultColumnTypes, insertDefaults as defaultInsertDefaults } from './schema/column-types.js'
import type { Database } from './schema/database.js'
import type { ColumnTypeMap, InsertDefaultMap } from './schema/logical-types.js'

export interface DatabaseOptions {
  /**
   * Where to connect: `postgres://…`, `postgresql://…`, `sqlite:<path>`,
   * `sqlite::memory:`, `pglite:` (in memory) or `pglite:<dir>`.
   * Default: `DATABASE_URL`, else `sqlite:./residency.db`.
   */
  url?: string
  /** PostgreSQL pool size (default 10). */
  poolSize?: number
  /** SQLite: how long a write waits for another process's write before a `BusyError` (ms, default 5000). */
  busyTimeoutMs?: number
  /** SQLite file: how long a migration run waits for another process's run before a `BusyError` (ms, default 30000). */
  migrationLockTimeoutMs?: number
  /** @internal Extra tables for the codec layer (tests of the codec itself). */
  extraColumnTypes?: ColumnTypeMap
  /** @internal Extra insert defaults for `extraColumnTypes`. */
  extraInsertDefaults?: InsertDefaultMap
  /** @internal The migration list (default: the library's own). */
  migrations?: Record<string, DialectMigration>
}

/** An open database: the typed Kysely instance and its migration methods. */
export interface ResidencyDatabase extends MigrationMethods {
  /** camelCase, codec-decoded Kysely instance for the whole schema. */
  readonly db: Kysely<Database>
  readonly dialect: DialectName
  readonly driver: DriverName
  /** The URL it was opened with, password masked. */
  readonly url: string
  /** How vector columns are stored: pgvector's type, the real[] fallback, or JSON text on SQLite. */
  vectorStorage(): Promise<string>
  /** Closes every connection. */
  destroy(): Promise<void>
}

/** The library's migrations, loaded when a migration method first needs them. */
const loadLibraryMigrations = async () => (await import('../migrations/index.js')).migrations

async function openRuntime(url: string, schema: SchemaContext, options: DatabaseOptions): Promise<DialectRuntime> {
  const target = parseDatabaseUrl(url)
  const masked = maskUrl(url)
  switch (target.kind) {
    case 'pg':
      return openPg(target.connectionString, schema, masked, { max: options.poolSize })
    case 'sqlite':
      return openSqlite(target.path, schema, masked, options)
    case 'pglite':
      return openPglite(target.dir, schema, masked)
  }
}

/**
 * Opens a database by URL (or options) and checks that it answers.
 *
 * @example
 * const rdb = await createDatabase('sqlite::memory:')
 * await rdb.migrateToLatest()
 * const people = await rdb.db.selectFrom('people').selectAll().execute()
 * await rdb.destroy()
 */
export async function createDatabase(urlOrOptions?: string | DatabaseOptions): Promise<ResidencyDatabase> {
  const options: DatabaseOptions = typeof urlOrOptions === 'string' ? { url: urlOrOptions } : (urlOrOptions ?? {})
  const url = options.url ?? process.env.DATABASE_URL ?? DEFAULT_DATABASE_URL
  const columnTypes = options.extraColumnTypes ? { ...defaultColumnTypes, ...options.extraColumnTypes } : defaultColumnTypes
  const insertDefaults = options.extraInsertDefaults
    ? { ...defaultInsertDefaults, ...options.extraInsertDefaults }
    : defaultInsertDefaults
  const names = options.extraColumnTypes ? new NameMap(columnTypes) : schemaNames
  const runtime = await openRuntime(url, { names, columnTypes, columnLimits }, options)
  try {
    await runtime.ping()
  } catch (error) {
    await runtime.close().catch(() => {})
    if (error instanceof ConnectionError) throw error
    throw new ConnectionError(`cannot use the database at ${maskUrl(url)}: ${(error as Error).message}`, { cause: error })
  }
  const db = new Kysely<Database>({
    dialect: runtime.kyselyDialect,
    plugins: [new InsertDefaultsPlugin(names, insertDefaults)],
  })
  const migrationMethods = createMigrationRunner(db, options.migrations ?? loadLibraryMigrations, {
    afterChange: runtime.refreshTypes,
    dialect: runtime.migrationDialect,
  })
  return {
    db,
    dialect: runtime.dialect,
    driver: runtime.driver,
    url: maskUrl(url),
    ...migrationMethods,
    vectorStorage: () => runtime.vectorStorage(),
    destroy: () => db.destroy(),
  }
}
