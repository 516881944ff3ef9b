import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Kysely } from 'kysely'
import { createDatabase, type DatabaseOptions, type ResidencyDatabase } from '../connect.js'
import { testCopySource, type TestCopySource } from '../dialect/test-copies.js'
import { dropTestDatabasesOn } from '../dialect/postgres/pg-template.js'
import type { DriverName } from '../dialect/dialect.js'
import type { Database } from '../schema/generated/database.js'
import { migrationsHash } from './migrations-hash.js'

export interface TestDatabaseOptions extends Pick<DatabaseOptions, 'service' | 'busyTimeoutMs'> {
  /**
   * `sqlite::memory:` (default), `pglite:`, or `postgres://…`: a database on a
   * server where the role may create databases (it is only connected to, to
   * create and drop the test databases beside it). Default: `TEST_DATABASE_URL`,
   * else `sqlite::memory:`.
   */
  url?: string
  /** PostgreSQL pool size of each test database (default 2). */
  poolSize?: number
  /**
   * Where the migrated image of SQLite and PGlite is kept for the next test
   * files and runs (default `<os tmpdir>/residency-db-testing`); `false` keeps
   * it in this process only. Named after the migrations' hash (and PGlite's version).
   */
  cacheDir?: string | false
}

/** One migrated database of its own for one test. */
export interface TestDatabase<ServiceTables extends object = {}> {
  /** `rdb.db`: camelCase, codec-decoded Kysely for the whole schema (and the service's tables). */
  readonly db: Kysely<Database & ServiceTables>
  /** The open database handle, as `createDatabase` returns it. */
  readonly rdb: ResidencyDatabase<ServiceTables>
  readonly driver: DriverName
  /** PostgreSQL: the test database's name on the server. */
  readonly name?: string
  /** Closes it and removes it (PostgreSQL: drops its database). Safe to call twice. */
  destroy(): Promise<void>
}

/** Makes migrated test databases of one configuration; migrates once, copies per test. */
export interface TestDatabaseFactory<ServiceTables extends object = {}> {
  /** A new migrated database (a copy of the migrated original). */
  create(): Promise<TestDatabase<ServiceTables>>
  /** Migrates the original now (for a `beforeAll` with a long timeout), if not done yet. */
  prepare(): Promise<void>
}

const DEFAULT_CACHE_DIR = join(tmpdir(), 'residency-db-testing')

function readOptions(urlOrOptions: string | TestDatabaseOptions | undefined): TestDatabaseOptions & { url: string } {
  const options = typeof urlOrOptions === 'string' ? { url: urlOrOptions } : (urlOrOptions ?? {})
  return { ...options, url: options.url ?? process.env.TEST_DATABASE_URL ?? 'sqlite::memory:' }
}

/**
 * A factory of migrated test databases: the first `create()` (or `prepare()`)
 * migrates an original once (SQLite and PGlite: in memory, kept as an image;
 * PostgreSQL: a template database on the server, named after the migrations'
 * hash and shared by every process), and each `create()` opens a copy of it.
 *
 * @example
 * const databases = testDatabaseFactory({ url: process.env.TEST_DATABASE_URL ?? 'sqlite::memory:' })
 * let t: TestDatabase
 * beforeEach(async () => { t = await databases.create() })
 * afterEach(() => t.destroy())
 */
export function testDatabaseFactory<ServiceTables extends object = {}>(
  urlOrOptions?: string | TestDatabaseOptions,
): TestDatabaseFactory<ServiceTables> {
  const options = readOptions(urlOrOptions)
  const { url, service, busyTimeoutMs, poolSize = 2, cacheDir = DEFAULT_CACHE_DIR } = options
  const open = (at: string, extra: Partial<DatabaseOptions> = {}) =>
    createDatabase<ServiceTables>({ url: at, service, busyTimeoutMs, poolSize, ...extra })
  let source: Promise<TestCopySource> | undefined
  const makeSource = async () =>
    testCopySource({
      url,
      hash: await migrationsHash(service),
      cacheDir,
      migrate: async (at, snapshot) => {
        const original = await open(at, { poolSize: 1 })
        try {
          await original.migrateToLatest()
          return snapshot ? await original.snapshot!() : undefined
        } finally {
          await original.destroy()
        }
      },
    })
  const getSource = () => {
    if (!source) {
      source = makeSource()
      source.catch(() => (source = undefined))
    }
    return source
  }
  return {
    prepare: async () => (await getSource()).prepare(),
    create: async () => {
      const copy = await (await getSource()).copy()
      let rdb: ResidencyDatabase<ServiceTables>
      try {
        rdb = await open(copy.url, { image: copy.image })
      } catch (error) {
        await copy.dispose().catch(() => {})
        throw error
      }
      let destroyed: Promise<void> | undefined
      return {
        db: rdb.db,
        rdb,
        driver: copy.driver,
        name: copy.name,
        destroy: () =>
          (destroyed ??= (async () => {
            try {
              await rdb.destroy()
            } finally {
              await copy.dispose()
            }
          })()),
      }
    },
  }
}

/**
 * A migrated database for one test, in milliseconds after the first: a copy of
 * an original migrated once (SQLite, PGlite: kept in the process and on disk
 * for the next processes) or once per server and set of migrations
 * (PostgreSQL's template database). Same as `testDatabaseFactory(options).create()`:
 * the originals are shared by every factory of the process.
 *
 * @example
 * const t = await createTestDatabase('sqlite::memory:')
 * await insert.assignment(t.db)
 * await t.destroy()
 */
export function createTestDatabase<ServiceTables extends object = {}>(
  urlOrOptions?: string | TestDatabaseOptions,
): Promise<TestDatabase<ServiceTables>> {
  return testDatabaseFactory<ServiceTables>(urlOrOptions).create()
}

/**
 * Drops, on the PostgreSQL server `url` names, every template and test
 * database these helpers made (names starting `rdbt_`), also those a killed
 * test process left behind; returns their names. Templates are kept between
 * runs on purpose (the next run starts without migrating): call this when no
 * test run is going on, e.g. after changing migrations often.
 */
export function dropTestDatabases(url: string): Promise<string[]> {
  return dropTestDatabasesOn(url)
}
