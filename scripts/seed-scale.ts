/**
 * npm run seed: builds a realistic residency program through the library.
 *
 *   npm run seed -- --scale               ten academic years, 150 people, ~986,000 assignments
 *   npm run seed -- --years 2             a smaller program
 *   npm run seed -- --scale --compare     also inserts the same rows with the raw driver into a
 *                                         second fresh database and compares rows per second
 *   npm run seed -- --scale --reset       first reverts every migration of the target (destroys its data)
 *
 * Target: DATABASE_URL, else sqlite:./residency-scale.db (re-created on each run).
 * Prints progress lines with percent and rows/s, and the totals at the end.
 */
import { rmSync } from 'node:fs'
import BetterSqlite3 from 'better-sqlite3'
import pg from 'pg'
import { scratchPostgresDatabase } from './support/scratch-database.js'
import { createDatabase, type ResidencyDatabase } from '../src/connect.js'
import { parseDatabaseUrl } from '../src/database-url.js'
import { SqliteAuditSession } from '../src/audit/sqlite-audit-session.js'
import { seedScaleProgram, type ScaleProgram } from './seed-scale-program.js'
import { rawPgInserter, rawSqliteInserter } from './seed-raw-insert.js'

const DEFAULT_URL = 'sqlite:./residency-scale.db'

interface Args {
  years: number
  compare: boolean
  reset: boolean
}

function parseArgs(argv: string[]): Args {
  const args: Args = { years: 1, compare: false, reset: false }
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]
    if (a === '--scale') args.years = 10
    else if (a === '--compare') args.compare = true
    else if (a === '--reset') args.reset = true
    else if (a === '--years') args.years = Number(argv[++i])
    else throw new Error(`unknown argument ${a}; expected --scale, --years N, --compare, --reset`)
  }
  if (!Number.isInteger(args.years) || args.years < 1 || args.years > 50) throw new Error('--years takes 1 to 50')
  return args
}

function removeSqlite(path: string): void {
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${path}${suffix}`, { force: true })
}

/** Opens the target empty: a default SQLite file is re-created; anything else must be empty (or --reset). */
async function openEmpty(url: string, reset: boolean): Promise<ResidencyDatabase> {
  const target = parseDatabaseUrl(url)
  if (url === DEFAULT_URL && target.kind === 'sqlite') removeSqlite(target.path)
  const rdb = await createDatabase(url)
  if (reset) await rdb.migrateReset()
  await rdb.migrateToLatest()
  const { n } = await rdb.db.selectFrom('blocks').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()
  if (Number(n) > 0) {
    await rdb.destroy()
    throw new Error(`${rdb.url} already has data: seed into an empty database, or pass --reset to revert every migration first`)
  }
  return rdb
}

function report(label: string, program: ScaleProgram): number {
  const rate = program.assignmentInsert.rows / (program.assignmentInsert.ms / 1000)
  console.log(
    `${label}: ${program.assignmentInsert.rows.toLocaleString('en')} assignments in ${(program.assignmentInsert.ms / 1000).toFixed(1)} s: ${Math.round(rate).toLocaleString('en')} rows/s`,
  )
  return rate
}

/** A second fresh database next to the first, and how to drop it. */
async function secondDatabase(url: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const target = parseDatabaseUrl(url)
  if (target.kind === 'sqlite') {
    const path = `${target.path}.raw-compare.db`
    removeSqlite(path)
    return { url: `sqlite:${path}`, drop: async () => removeSqlite(path) }
  }
  if (target.kind === 'pg') {
    const scratch = scratchPostgresDatabase(target.connectionString, `rdb_seed_raw_${process.pid}`)
    await scratch.create()
    return { url: scratch.url, drop: scratch.cleanup }
  }
  throw new Error('--compare needs a SQLite or PostgreSQL URL')
}

/** The same program in a second database, its assignments inserted by the raw driver. */
async function seedRaw(url: string, years: number): Promise<ScaleProgram> {
  const target = parseDatabaseUrl(url)
  const rdb = await createDatabase(url)
  await rdb.migrateToLatest()
  try {
    if (target.kind === 'sqlite') {
      const raw = new BetterSqlite3(target.path)
      raw.pragma('foreign_keys = ON')
      raw.pragma('journal_mode = WAL')
      // the audit triggers call these functions, as they do on the library's connections
      const session = new SqliteAuditSession(raw)
      const insert = rawSqliteInserter(raw, () => session.afterStatement(false))
      try {
        return await seedScaleProgram(rdb.db, { years, progress: (l) => console.log(`  raw ${l}`), insertYear: async (_db, rows) => void insert(rows) })
      } finally {
        raw.close()
      }
    }
    const client = new pg.Client({ connectionString: url })
    await client.connect()
    const insert = rawPgInserter(client)
    try {
      return await seedScaleProgram(rdb.db, { years, progress: (l) => console.log(`  raw ${l}`), insertYear: async (_db, rows) => void (await insert(rows)) })
    } finally {
      await client.end()
    }
  } finally {
    await rdb.destroy()
  }
}

const args = parseArgs(process.argv.slice(2))
const url = process.env.DATABASE_URL ?? DEFAULT_URL
console.log(`seeding ${args.years} academic year${args.years === 1 ? '' : 's'} into ${url.replace(/:[^:@/]*@/, ':***@')}`)
const rdb = await openEmpty(url, args.reset)
const started = performance.now()
let program: ScaleProgram
try {
  program = await seedScaleProgram(rdb.db, { years: args.years, progress: (line) => console.log(`  ${line}`) })
} finally {
  await rdb.destroy()
}
console.log(`done in ${((performance.now() - started) / 1000).toFixed(1)} s:`, program.counts)
const libraryRate = report('library (insertAssignments)', program)

if (args.compare) {
  const second = await secondDatabase(url)
  try {
    console.log(`raw comparison: the same program into ${second.url.replace(/:[^:@/]*@/, ':***@')}`)
    const rawRate = report('raw driver (batched insert)', await seedRaw(second.url, args.years))
    console.log(`library / raw time: ${(rawRate / libraryRate).toFixed(2)} (target <= 1.5)`)
  } finally {
    await second.drop()
  }
} else {
  console.log('(pass --compare to measure the raw driver on the same rows)')
}
