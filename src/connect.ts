import type { ConnectionOptions } from 'node:tls'
import { Kysely, type LogConfig } from 'kysely'
import { InsertDefaultsPlugin } from './codec/insert-defaults-plugin.js'
import { NameMap } from './codec/names.js'
import { SecretParameters } from './codec/secret-parameters.js'
import { DEFAULT_DATABASE_URL, maskUrl, parseDatabaseUrl } from './database-url.js'
import { ConnectionError } from './errors.js'
import type { DatabaseImage, DialectName, DialectRuntime, DriverName, SchemaContext } from './dialect/dialect.js'
import { type PoolerMode, readPoolerMode } from './dialect/postgres/pg-pooler.js'
import type { OpenedReplicas } from './open-replicas.js'
import { openServiceConnection, serviceConnection, type ServiceConnectionOptions } from './own-connection.js'
import { redactingLog } from './query-log.js'
import { routeReads } from './read-routing.js'
import { trackDriverUse } from './dialect/track-driver-use.js'
import { createMigrationRunner, type MigrationMethods } from './migration-runner.js'
import { serviceMigrationList, withServiceTables, type ServiceOptions } from './service/service-options.js'
import type { DialectMigration } from '../migrations/migration-dialect.js'
import { columnLimits } from './schema/generated/column-limits.js'
import { columnTypes as defaultColumnTypes, insertDefaults as defaultInsertDefaults } from './schema/generated/column-types.js'
import type { Database } from './schema/generated/database.js'
import { schemaNames } from './schema/generated/names.js'
import type { ColumnTypeMap, InsertDefaultMap } from './schema/logical-types.js'

/** What {@link createDatabase} opens and how; every field is optional. */
export interface DatabaseOptions extends ServiceConnectionOptions {
  /**
   * Where to connect: `postgres://…`, `postgresql://…`, `sqlite:<path>`,
   * `sqlite::memory:`, `pglite:` (in memory) or `pglite:<dir>`.
   * Default: `DATABASE_URL`, else `sqlite:./residency.db`. Not with `pool`,
   * `sqlite` or `pglite` (the service's own connection).
   */
  url?: string
  /** PostgreSQL pool size (default 10). */
  poolSize?: number
  /**
   * PostgreSQL: how long opening a connection may take, the TCP connection and
   * the whole startup (ms, default 10 000; 0: no limit). A server that does not
   * answer in time is a ConnectionError. URL: `connect_timeout=` in seconds;
   * this option wins.
   */
  connectTimeoutMs?: number
  /**
   * PostgreSQL: the server cancels a statement that runs longer, with a
   * `StatementTimeoutError` (ms; default none: the server's own setting).
   * URL: `statement_timeout=` in ms; this option wins. Not behind a
   * transaction-mode pooler (set it on the role there).
   */
  statementTimeoutMs?: number
  /** PostgreSQL pool: an idle connection is closed after this long (ms, default 10 000). */
  idleTimeoutMs?: number
  /** PostgreSQL pool: a connection is closed (once idle) after this long (s, default: no limit). */
  maxLifetimeSeconds?: number
  /** PostgreSQL pool: a connection is closed after this many checkouts (default: no limit). */
  maxUses?: number
  /** PostgreSQL: the session's `application_name`. URL: `application_name=`; this option wins. */
  applicationName?: string
  /**
   * PostgreSQL: TLS, as pg takes it: `true`, `false`, or node:tls options
   * (`ca`, `rejectUnauthorized`, …). URL: `sslmode=` (libpq's meaning:
   * `disable`, `require` encrypted unverified, `verify-full`); this option wins.
   */
  ssl?: boolean | ConnectionOptions
  /**
   * Query log, in Kysely's `log` shape: a list of levels (`['query', 'error']`,
   * Kysely's console logger: SQL and duration) or a function given each event
   * (`level`, `query.sql`, `query.parameters`, `queryDurationMillis`, and
   * `error`), with the parameters bound to secret columns replaced by `***`.
   */
  log?: LogConfig
  /**
   * SQLite: open an existing file read-only (never creates it, writes nothing);
   * a missing file is a ConnectionError. Other drivers ignore it.
   */
  readOnly?: boolean
  /**
   * The service's own tables: its migrations (in their own migration table,
   * run after the library's by the same migration methods and CLI) and their
   * column types, so `db` reads and writes them camelCase with the codecs.
   * Type them with `createDatabase<ServiceTables>(…)`.
   */
  service?: ServiceOptions
  /**
   * What is between this library and PostgreSQL: `'transaction'` for a pooler
   * in transaction mode (PgBouncer `pool_mode = transaction`, hosted poolers):
   * queries run as unnamed statements, and the migration methods need
   * `migrationUrl` (a direct connection) or throw a ConnectionError. `'session'` or `'none'` (default): a direct
   * connection or a session-mode pooler. Also read from the URL:
   * `postgres://…?pooler=transaction`; this option wins.
   */
  pooler?: 'transaction' | 'session' | 'none'
  /**
   * Behind a transaction-mode pooler: a direct URL to the same database, used
   * (one short-lived connection per run) by the migration methods. Without it
   * they throw a ConnectionError there.
   */
  migrationUrl?: string
  /**
   * PostgreSQL read replicas (streaming standbys of `url`). The read functions
   * given `rdb.db` run on them in turn; transactions, writes and queries built
   * on `rdb.db` run on the primary. A replica that cannot be reached is skipped
   * for `replicaRetryMs` and its reads go to the primary. See README "Scaling out".
   */
  replicas?: readonly string[]
  /** How long a failed replica is skipped before it is tried again (default 30 000 ms). */
  replicaRetryMs?: number
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
  /** @internal sqlite::memory: and pglite: only: start as a copy of this image (`snapshot()`), not empty (residency-db/testing). */
  image?: DatabaseImage
}

/** An open database: the typed Kysely instance and its migration methods. */
export interface ResidencyDatabase<ServiceTables extends object = {}> extends MigrationMethods {
  /** camelCase, codec-decoded Kysely instance for the whole schema (and the service's tables). */
  readonly db: Kysely<Database & ServiceTables>
  /**
   * The primary, never a replica: a read function given it reads there
   * (read-your-writes after a write). The same connections as `db`.
   */
  readonly primary: Kysely<Database & ServiceTables>
  /** A replica in turn for ad hoc reads (the primary when none is configured or up). */
  readonly replica: Kysely<Database & ServiceTables>
  readonly dialect: DialectName
  readonly driver: DriverName
  /** The URL it was opened with, password masked. */
  readonly url: string
  /** How vector columns are stored: pgvector's type, the real[] fallback, or JSON text on SQLite. */
  vectorStorage(): Promise<string>
  /** Closes every connection the library opened (a pool, Database or PGlite the service gave stays open). */
  destroy(): Promise<void>
  /** @internal The whole database as an image to open copies of (`image`); in-memory SQLite and PGlite only. */
  snapshot?(): Promise<DatabaseImage>
}

type OpenedRuntime = DialectRuntime & { pooler?: PoolerMode }

/** The library's migrations, loaded when a migration method first needs them. */
const loadLibraryMigrations = async () => (await import('../migrations/index.js')).migrations

/** Opens the driver of `url`; each driver's code is loaded only when a URL needs it. */
async function openRuntime(url: string, schema: SchemaContext, options: DatabaseOptions): Promise<OpenedRuntime> {
  const target = parseDatabaseUrl(url)
  const masked = maskUrl(url)
  switch (target.kind) {
    case 'pg': {
      const { connectionString, mode } = readPoolerMode(target.connectionString, options.pooler, masked)
      const { openPg } = await import('./dialect/postgres/pg-runtime.js')
      return Object.assign(await openPg({ connectionString }, schema, masked, { ...options, max: options.poolSize, pooler: mode }), { pooler: mode })
    }
    case 'sqlite':
      return (await import('./dialect/sqlite/sqlite-runtime.js')).openSqlite({ path: target.path }, schema, masked, options)
    case 'pglite':
      return (await import('./dialect/postgres/pglite-runtime.js')).openPglite({ dir: target.dir }, schema, masked, options.image)
  }
}

/**
 * Opens a database by URL (or options) and checks that it answers.
 *
 * The URL picks the driver: `postgres://…` / `postgresql://…` a `pg` pool,
 * `sqlite:<path>` a SQLite file (WAL journal), `sqlite::memory:` an in-memory
 * SQLite database, `pglite:` PGlite in memory and `pglite:<dir>` PGlite
 * persisted in a directory. Without an argument it reads `DATABASE_URL`, else
 * opens `sqlite:./residency.db`. Instead of a URL the options may hand over the
 * service's own connection (`pool`, `sqlite` or `pglite`), which `destroy()`
 * leaves open. The driver packages are optional peer dependencies, loaded when
 * a URL needs them.
 *
 * The database is not migrated: call `migrateToLatest()` (or run the CLI's
 * `migrate latest`) before the first query. `db` speaks camelCase and encodes
 * and decodes every value by its column's type, the same on every driver.
 *
 * @param urlOrOptions - a URL, or {@link DatabaseOptions} (its `url` as above)
 * @returns the open database; close it with `destroy()`
 * @throws {@link ConnectionError} for a malformed URL, an unknown scheme, a
 *   missing driver package, a missing database or role, or a server that does
 *   not answer within the connect timeout (`connectTimeoutMs`, PostgreSQL); the
 *   message names the URL with its password masked
 *
 * @example
 * const rdb = await createDatabase('sqlite::memory:')
 * await rdb.migrateToLatest()
 * const people = await rdb.db.selectFrom('people').selectAll().execute()
 * await rdb.destroy()
 *
 * @typeParam ServiceTables - the service's own tables (camelCase, as `Database` types the library's),
 *   merged into the type of `db`; their column types at run time come from `options.service.tables`.
 */
export async function createDatabase<ServiceTables extends object = {}>(
  urlOrOptions?: string | DatabaseOptions,
): Promise<ResidencyDatabase<ServiceTables>> {
  const options: DatabaseOptions = typeof urlOrOptions === 'string' ? { url: urlOrOptions } : (urlOrOptions ?? {})
  const own = serviceConnection(options)
  const url = own?.label ?? options.url ?? process.env.DATABASE_URL ?? DEFAULT_DATABASE_URL
  const extraColumnTypes = options.service?.tables ?? options.extraColumnTypes
  const columnTypes = withServiceTables(defaultColumnTypes, extraColumnTypes, 'tables')
  const insertDefaults = withServiceTables(defaultInsertDefaults, options.service?.insertDefaults ?? options.extraInsertDefaults, 'insertDefaults')
  // the library's names as codegen mapped them; the service's tables mapped and checked here
  const names = new NameMap(extraColumnTypes ?? {}, schemaNames)
  const service = serviceMigrationList(options.service)
  const secretParameters = typeof options.log === 'function' ? new SecretParameters() : undefined
  const schema: SchemaContext = { names, columnTypes, columnLimits, secretParameters }
  const ownPooler: PoolerMode = options.pooler === 'transaction' ? 'transaction' : 'none'
  const runtime: OpenedRuntime = own
    ? Object.assign(await openServiceConnection({ ...options, pooler: ownPooler }, schema, own.label), { pooler: ownPooler })
    : await openRuntime(url, schema, options)
  try {
    await runtime.ping()
  } catch (error) {
    await runtime.close().catch(() => {})
    if (error instanceof ConnectionError) throw error
    throw new ConnectionError(`cannot use the database at ${maskUrl(url)}: ${(error as Error).message}`, { cause: error })
  }
  const plugins = [new InsertDefaultsPlugin(names, insertDefaults)]
  const log = secretParameters ? redactingLog(options.log, secretParameters) : options.log
  const driverUse = trackDriverUse(runtime.kyselyDialect)
  const db = new Kysely<Database & ServiceTables>({ dialect: driverUse.dialect, plugins, log })
  // the same executor as db, without replica routing
  const primary = db.withTables<{}>()
  let replicas: OpenedReplicas | undefined
  if (options.replicas !== undefined && options.replicas.length > 0) {
    const openReplica = (replicaUrl: string) => openRuntime(replicaUrl, schema, { ...options, pooler: undefined })
    const { openReplicas } = await import('./open-replicas.js')
    replicas = await openReplicas(options.replicas, primary as unknown as Kysely<Database>, runtime, openReplica, plugins, options.replicaRetryMs, log).catch(async (error: unknown) => {
      await db.destroy()
      throw error
    })
    const router = replicas.router
    routeReads(db as unknown as Kysely<Database>, () => router.reader())
  }
  const afterChange = async () => {
    await runtime.refreshTypes?.()
    await replicas?.refreshTypes()
  }
  const migrationMethods = createMigrationRunner(db, options.migrations ?? loadLibraryMigrations, {
    afterChange,
    dialect: runtime.migrationDialect,
    service,
  })
  const { migrationUrl } = options
  const migrations =
    runtime.pooler === 'transaction'
      ? (await import('./pooled-migrations.js')).pooledMigrationMethods(
          migrationMethods,
          maskUrl(url),
          migrationUrl === undefined
            ? undefined
            : () =>
                createDatabase({ ...options, url: migrationUrl, pooler: 'none', migrationUrl: undefined, replicas: undefined, pool: undefined }),
          afterChange,
        )
      : migrationMethods
  return {
    db,
    primary,
    get replica() {
      return (replicas?.router.reader() as unknown as Kysely<Database & ServiceTables> | undefined) ?? primary
    },
    dialect: runtime.name,
    driver: runtime.driver,
    url: own ? url : maskUrl(url),
    ...migrations,
    vectorStorage: () => runtime.vectorStorage(),
    snapshot: runtime.snapshot,
    destroy: async () => {
      await replicas?.destroy()
      await db.destroy()
      // Kysely closes only a driver it has started: before any query on db, the runtime closes what it opened
      if (!driverUse.started()) await runtime.close()
    },
  }
}
