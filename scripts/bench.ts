/**
 * npm run bench: the codec layer's cost. Selects assignments joined to blocks
 * (a 60-row and a 1,000-row result) through `db`, and the same SQL on the raw
 * driver (better-sqlite3, PGlite, pg) in its fastest form (a reused prepared statement reading array rows,
 * objects built in plain code), plus the raw object-mode figure. Medians of
 * several rounds; writes bench/results.json.
 *
 *   npm run bench                         better-sqlite3, and pg when DATABASE_URL /
 *                                         TEST_POSTGRES_URL names a server
 *   BENCH_ROUNDS=21 npm run bench         more rounds (default 15; the audit section 9)
 *   BENCH_SCALE=small npm run bench       the repository section on two academic years instead of ten
 *   BENCH_SECTIONS=codec npm run bench    only some sections (codec, repositories, audit, cold-start, scale-out, workflows, testing);
 *                                         each run writes its sections into bench/results.json
 *   cold-start measures the built package: run `npm run build` first
 *
 * Then the query repositories at a program's scale (scripts/bench/repositories-bench.ts),
 * and the four core patterns through PgBouncer and on a replica against the direct
 * connection (scripts/bench/scale-out-bench.ts: TEST_PGBOUNCER_URL, TEST_REPLICA_URL).
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { sql } from 'kysely'
import Database from 'better-sqlite3'
import pg from 'pg'
import { PGlite } from '@electric-sql/pglite'
import { createDatabase, type ResidencyDatabase } from '../src/connect.js'
import { seedBenchData, type BenchData } from './bench/seed-bench-data.js'
import { measure } from './bench/measure.js'
import { benchAudit, reportAudit } from './bench/audit-bench.js'
import { benchRepositories } from './bench/repositories-bench.js'
import { benchColdStart, reportColdStart } from './bench/cold-start-bench.js'
import { benchScaleOut } from './bench/scale-out-bench.js'
import { benchWorkflows } from './bench/workflow-bench.js'
import { benchTesting, reportTesting } from './bench/testing-bench.js'

const POSTGRES_URL = process.env.TEST_POSTGRES_URL ?? process.env.DATABASE_URL
// 15 rounds of 150 ms: on the shared 2-core machine a median of 9 still moved
// a 60-row query's ratio by ±0.1 from run to run; the rounds are cheap next to seeding
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 15)
// each audit round writes an academic year and updates 10,000 rows
const AUDIT_ROUNDS = Number(process.env.BENCH_ROUNDS ?? 9)

const SQL = `select "assignments"."id", "assignments"."role", "assignments"."notes", "assignments"."explain_json", "assignments"."created_at", "blocks"."date", "blocks"."time_of_day", "blocks"."block_number", "blocks"."is_weekend" from "assignments" inner join "blocks" on "blocks"."id" = "assignments"."block_id" where "assignments"."person_id" = $1 and "blocks"."date" >= $2 and "blocks"."date" <= $3 order by "blocks"."date", "blocks"."time_of_day"`

interface Row {
  id: string
  role: string
  notes: string | null
  explainJson: unknown
  createdAt: Date | null
  date: string
  timeOfDay: string
  blockNumber: number
  isWeekend: boolean | null
}

/** The library's form: a query a user writes against `db`. */
function libraryQuery(rdb: ResidencyDatabase, personId: string, from: string, to: string): Promise<unknown[]> {
  return rdb.db
    .selectFrom('assignments')
    .innerJoin('blocks', 'blocks.id', 'assignments.blockId')
    .select([
      'assignments.id',
      'assignments.role',
      'assignments.notes',
      'assignments.explainJson',
      'assignments.createdAt',
      'blocks.date',
      'blocks.timeOfDay',
      'blocks.blockNumber',
      'blocks.isWeekend',
    ])
    .where('assignments.personId', '=', personId)
    .where('blocks.date', '>=', from)
    .where('blocks.date', '<=', to)
    .orderBy('blocks.date')
    .orderBy('blocks.timeOfDay')
    .execute()
}

function sqliteRow(r: unknown[]): Row {
  return {
    id: r[0] as string,
    role: r[1] as string,
    notes: r[2] as string | null,
    explainJson: r[3] === null ? null : JSON.parse(r[3] as string),
    createdAt: r[4] === null ? null : new Date(r[4] as string),
    date: r[5] as string,
    timeOfDay: r[6] as string,
    blockNumber: r[7] as number,
    isWeekend: r[8] === null ? null : r[8] !== 0,
  }
}

function pgRow(r: unknown[]): Row {
  return {
    id: r[0] as string,
    role: r[1] as string,
    notes: r[2] as string | null,
    explainJson: r[3],
    createdAt: r[4] as Date | null,
    date: r[5] as string,
    timeOfDay: r[6] as string,
    blockNumber: r[7] as number,
    isWeekend: r[8] as boolean | null,
  }
}

interface Case {
  label: string
  rows: number
  from: string
  to: string
}

function cases(data: BenchData): Case[] {
  return [
    { label: '60 rows', rows: 60, from: data.firstDate, to: data.addDays(data.firstDate, 29) },
    { label: '1000 rows', rows: 1000, from: data.firstDate, to: data.addDays(data.firstDate, 499) },
  ]
}

async function benchSqlite(): Promise<Record<string, Record<'library' | 'rawArrays' | 'rawObjects', number>>> {
  // library and raw driver read the same file (from the page cache), compacted once
  const file = `${tmpdir()}/residency-bench-${process.pid}.db`
  const rdb = await createDatabase(`sqlite:${file}`)
  await rdb.migrateToLatest()
  const data = await seedBenchData(rdb.db)
  await sql`vacuum`.execute(rdb.db)
  const raw = new Database(file, { readonly: true })
  const sqliteSql = SQL.replace(/\$\d/g, '?')
  const arrayStmt = raw.prepare(sqliteSql).raw(true)
  const objectStmt = raw.prepare(sqliteSql)
  const out: Record<string, Record<"library" | "rawArrays" | "rawObjects", number>> = {}
  for (const c of cases(data)) {
    const params = [data.personId, c.from, c.to]
    const check = await libraryQuery(rdb, data.personId, c.from, c.to)
    if (check.length !== c.rows) throw new Error(`expected ${c.rows} rows, got ${check.length}`)
    out[c.label] = await measure(ROUNDS, {
      library: () => libraryQuery(rdb, data.personId, c.from, c.to),
      rawArrays: () => (arrayStmt.all(...params) as unknown[][]).map(sqliteRow),
      rawObjects: () => objectStmt.all(...params),
    })
  }
  raw.close()
  await rdb.destroy()
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${file}${suffix}`, { force: true })
  return out
}

async function benchPg(url: string): Promise<Record<string, Record<"library" | "rawArrays" | "rawObjects", number>>> {
  const name = `rdb_bench_${process.pid}`
  const admin = new pg.Client({ connectionString: url })
  await admin.connect()
  await admin.query(`drop database if exists ${name}`)
  await admin.query(`create database ${name}`)
  const target = new URL(url)
  target.pathname = `/${name}`
  const rdb = await createDatabase({ url: target.toString(), poolSize: 1 })
  try {
    await rdb.migrateToLatest()
    const data = await seedBenchData(rdb.db)
    // as a server whose autovacuum has caught up: statistics, and no vacuum of the seed starting mid-measurement
    await sql`vacuum analyze`.execute(rdb.db)
    // raw pg: dates as strings (the default would shift them), everything else pg's defaults
    const client = new pg.Client({
      connectionString: target.toString(),
      types: { getTypeParser: (oid: number, format?: 'text' | 'binary') => (oid === 1082 ? (v: string) => v : pg.types.getTypeParser(oid, format as 'text')) },
    })
    await client.connect()
    const out: Record<string, Record<"library" | "rawArrays" | "rawObjects", number>> = {}
    for (const c of cases(data)) {
      const values = [data.personId, c.from, c.to]
      out[c.label] = await measure(ROUNDS, {
        library: () => libraryQuery(rdb, data.personId, c.from, c.to),
        rawArrays: async () =>
          ((await client.query({ name: 'bench_array', text: SQL, values, rowMode: 'array' })).rows as unknown[][]).map(pgRow),
        rawObjects: async () => (await client.query({ name: 'bench_object', text: SQL, values })).rows,
      })
    }
    await client.end()
    return out
  } finally {
    await rdb.destroy()
    await admin.query(`drop database if exists ${name} with (force)`)
    await admin.end()
  }
}

async function benchPglite(): Promise<Record<string, Record<"library" | "rawArrays" | "rawObjects", number>>> {
  // one PGlite instance: the library uses it as a service's own, the raw side queries it directly
  const pglite = await PGlite.create()
  const rdb = await createDatabase({ pglite })
  try {
    await rdb.migrateToLatest()
    const data = await seedBenchData(rdb.db)
    // raw PGlite: dates as strings (the default would make local-time Dates), everything else its defaults
    const parsers = { 1082: (v: string) => v }
    const out: Record<string, Record<"library" | "rawArrays" | "rawObjects", number>> = {}
    for (const c of cases(data)) {
      const values = [data.personId, c.from, c.to]
      out[c.label] = await measure(ROUNDS, {
        library: () => libraryQuery(rdb, data.personId, c.from, c.to),
        rawArrays: async () => ((await pglite.query<unknown[]>(SQL, values, { rowMode: 'array', parsers })).rows as unknown[][]).map(pgRow),
        rawObjects: async () => (await pglite.query(SQL, values, { parsers })).rows,
      })
    }
    return out
  } finally {
    await rdb.destroy()
    await pglite.close()
  }
}

function report(driver: string, results: Record<string, Record<"library" | "rawArrays" | "rawObjects", number>>) {
  const table = Object.entries(results).map(([label, m]) => ({
    driver,
    result: label,
    'library ms': m.library.toFixed(3),
    'raw arrays ms': m.rawArrays.toFixed(3),
    'raw objects ms': m.rawObjects.toFixed(3),
    'library / raw arrays': (m.library / m.rawArrays).toFixed(2),
    'raw objects / raw arrays': (m.rawObjects / m.rawArrays).toFixed(2),
  }))
  console.table(table)
  return Object.fromEntries(
    Object.entries(results).map(([label, m]) => [
      label,
      {
        medianMs: { library: m.library, rawArrays: m.rawArrays, rawObjects: m.rawObjects },
        ratio: { libraryVsRawArrays: m.library / m.rawArrays, rawObjectsVsRawArrays: m.rawObjects / m.rawArrays },
      },
    ]),
  )
}

const SECTIONS = new Set((process.env.BENCH_SECTIONS ?? 'codec,repositories,audit,cold-start,scale-out,workflows,testing').split(','))
const RESULTS_FILE = 'bench/results.json'
// sections not run this time keep their last figures
const results: Record<string, unknown> = existsSync(RESULTS_FILE) ? JSON.parse(readFileSync(RESULTS_FILE, 'utf8')) : {}
Object.assign(results, { rounds: ROUNDS, node: process.version, date: new Date().toISOString() })
if (SECTIONS.has('codec')) {
  console.log(`codec layer: assignments ⋈ blocks, median of ${ROUNDS} rounds`)
  results['better-sqlite3'] = report('better-sqlite3', await benchSqlite())
  results.pglite = report('PGlite', await benchPglite())
  if (POSTGRES_URL) results.pg = report('pg', await benchPg(POSTGRES_URL))
  else console.log('pg: skipped (set DATABASE_URL or TEST_POSTGRES_URL to include it)')
}
if (SECTIONS.has('repositories')) {
  results.repositories = await benchRepositories({
    rounds: ROUNDS,
    scale: process.env.BENCH_SCALE === 'small' ? 'small' : 'full',
    postgresUrl: POSTGRES_URL,
  })
}
if (SECTIONS.has('audit')) {
  console.log(`audit capture on writes (npm run bench:audit), median of ${AUDIT_ROUNDS} rounds`)
  const audit = await benchAudit({ rounds: AUDIT_ROUNDS, postgresUrl: POSTGRES_URL })
  reportAudit(audit)
  results.audit = audit
}
if (SECTIONS.has('cold-start')) {
  const runs = Number(process.env.BENCH_COLD_RUNS ?? 11)
  console.log(`cold start: spawn to first query result on a SQLite file, ${runs} fresh processes each, medians`)
  const cold = await benchColdStart(runs)
  reportColdStart(cold)
  results.coldStart = cold
}
if (SECTIONS.has('scale-out')) {
  console.log(`\nscale-out: the four core patterns direct, through PgBouncer (transaction mode) and on a replica, median of ${ROUNDS} rounds`)
  const scaleOut = await benchScaleOut({
    rounds: ROUNDS,
    scale: process.env.BENCH_SCALE === 'small' ? 'small' : 'full',
    postgresUrl: POSTGRES_URL,
    pgbouncerUrl: process.env.TEST_PGBOUNCER_URL,
    replicaUrl: process.env.TEST_REPLICA_URL,
  })
  if (scaleOut) results.scaleOut = scaleOut
}
mkdirSync('bench', { recursive: true })
if (SECTIONS.has('workflows')) {
  console.log('\nworkflows: executeSwap and replaceScheduleAssignments vs the same writes by hand')
  results.workflows = await benchWorkflows({ rounds: Math.max(ROUNDS, 15), postgresUrl: POSTGRES_URL })
}
if (SECTIONS.has('testing')) {
  const runs = Number(process.env.BENCH_TESTING_RUNS ?? 5)
  console.log('\ntesting: one test on its own migrated database, residency-db/testing (a copy) vs migrating one per test, medians')
  const testing = await benchTesting({ runs, postgresUrl: POSTGRES_URL })
  reportTesting(testing)
  results.testing = testing
}
writeFileSync(RESULTS_FILE, `${JSON.stringify(results, null, 2)}\n`)
console.log(`wrote ${RESULTS_FILE}`)
