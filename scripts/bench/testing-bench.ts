/**
 * residency-db/testing: the time of one test with a migrated database of its
 * own, made by the helper (a copy of an original migrated once: a PostgreSQL
 * database created from a template, a deserialized SQLite image, a PGlite
 * data directory loaded from its tarball) against migrating one per test
 * (PostgreSQL: reset + migrate on an open database; SQLite and PGlite: open a
 * new in-memory database and migrate it). Each test then runs the same few
 * queries (an assignment with its person, block and rotation, and a read back)
 * and ends (the helper's destroy drops the copy). Medians of interleaved runs;
 * the one-time migration of the original is reported apart.
 *
 *   BENCH_SECTIONS=testing npm run bench   (TEST_POSTGRES_URL for pg)
 *   BENCH_TESTING_RUNS=7 …                 runs per side (default 5; PGlite 3)
 */
import { createDatabase, type ResidencyDatabase } from '../../src/connect.js'
import { scratchPostgresDatabase } from '../support/scratch-database.js'
import { createFactories } from '../../src/testing/factories.js'
import { testDatabaseFactory } from '../../src/testing/test-database.js'
import type { Database } from '../../src/schema/generated/database.js'
import type { Kysely } from 'kysely'
import { median, timeOnce } from './measure.js'

export interface TestingBenchRow {
  runs: number
  /** The helper's one-time migration of the original (0 when a template was already there). */
  prepareMs: number
  medianMs: { helper: number; migratePerTest: number }
  /** migrate-per-test / helper: how many times faster a test starts with the helper. */
  speedup: number
}

const { insert } = createFactories()

/** What each measured test does once its database is there. */
async function queries(db: Kysely<Database>): Promise<void> {
  const assignment = await insert.assignment(db)
  const rows = await db.selectFrom('assignments').innerJoin('blocks', 'blocks.id', 'assignments.blockId').selectAll('assignments').where('personId', '=', assignment.personId).execute()
  if (rows.length !== 1) throw new Error(`expected 1 assignment, got ${rows.length}`)
}

async function compare(runs: number, helper: () => Promise<unknown>, migratePerTest: () => Promise<unknown>, prepareMs: number): Promise<TestingBenchRow> {
  const samples = { helper: [] as number[], migratePerTest: [] as number[] }
  await helper() // warm: the driver loaded, the first copy made
  for (let i = 0; i < runs; i++) {
    const order = i % 2 === 0 ? (['helper', 'migratePerTest'] as const) : (['migratePerTest', 'helper'] as const)
    for (const side of order) samples[side].push(await timeOnce(side === 'helper' ? helper : migratePerTest))
  }
  const medianMs = { helper: median(samples.helper), migratePerTest: median(samples.migratePerTest) }
  return { runs, prepareMs, medianMs, speedup: medianMs.migratePerTest / medianMs.helper }
}

/** One test on a copy made by the helper: create, queries, destroy. */
function helperTest(url: string) {
  const databases = testDatabaseFactory({ url, cacheDir: false })
  return {
    prepare: () => timeOnce(() => databases.prepare()),
    test: async () => {
      const t = await databases.create()
      await queries(t.db)
      await t.destroy()
    },
  }
}

/** In memory: a new database per test, migrated, queried, closed. */
const freshInMemory = (url: string) => async () => {
  const rdb = await createDatabase(url)
  try {
    await rdb.migrateToLatest()
    await queries(rdb.db)
  } finally {
    await rdb.destroy()
  }
}

export async function benchTesting(options: { runs: number; postgresUrl?: string }): Promise<Record<string, TestingBenchRow>> {
  const out: Record<string, TestingBenchRow> = {}
  const sqlite = helperTest('sqlite::memory:')
  out['better-sqlite3'] = await compare(options.runs * 3, sqlite.test, freshInMemory('sqlite::memory:'), await sqlite.prepare())
  if (options.postgresUrl) {
    const pg = helperTest(options.postgresUrl)
    const prepareMs = await pg.prepare()
    // without the helper: one database, reset and migrated again before each test
    const scratch = scratchPostgresDatabase(options.postgresUrl, `rdb_bench_testing_${process.pid}`)
    await scratch.create()
    let rdb: ResidencyDatabase | undefined
    try {
      rdb = await createDatabase({ url: scratch.url, poolSize: 2 })
      await rdb.migrateToLatest()
      const open = rdb
      const resetAndMigrate = async () => {
        await open.migrateReset()
        await open.migrateToLatest()
        await queries(open.db)
      }
      out.pg = await compare(options.runs, pg.test, resetAndMigrate, prepareMs)
    } finally {
      await rdb?.destroy()
      await scratch.cleanup()
    }
  } else {
    console.log('testing: pg skipped (set TEST_POSTGRES_URL or DATABASE_URL)')
  }
  const pglite = helperTest('pglite:')
  out.pglite = await compare(Math.min(options.runs, 3), pglite.test, freshInMemory('pglite:'), await pglite.prepare())
  return out
}

export function reportTesting(results: Record<string, TestingBenchRow>): void {
  console.table(
    Object.fromEntries(
      Object.entries(results).map(([driver, r]) => [
        driver,
        {
          runs: r.runs,
          'helper ms': r.medianMs.helper.toFixed(1),
          'migrate per test ms': r.medianMs.migratePerTest.toFixed(1),
          'migrate / helper': r.speedup.toFixed(1),
          'prepare once ms': r.prepareMs.toFixed(0),
        },
      ]),
    ),
  )
}
