/**
 * The cost of audit capture on writes: `insertAssignments` of one academic
 * year (20 residents × 730 half-days = 14,600 rows, one transaction) and a bulk
 * update of 10,000 assignments (one statement setting `notes` and `updatedAt`,
 * neither indexed: the cheapest update there is, so the highest ratio), each on a database with the
 * audit triggers and on one where the bench dropped them (with the DDL helper's
 * own drop: the library has no switch to turn capture off). Both databases get
 * the same data; each round runs both, in alternating order, and deletes the
 * rows again (untimed). Medians of the rounds; the ratio is captured / bare.
 *
 *   npm run bench:audit                  better-sqlite3 (a file, WAL) and PGlite,
 *                                        and pg when DATABASE_URL / TEST_POSTGRES_URL names a server
 *   BENCH_ROUNDS=15 npm run bench:audit  more rounds
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { pathToFileURL } from 'node:url'
import { sql } from 'kysely'
import pg from 'pg'
import { createDatabase, type ResidencyDatabase } from '../../src/connect.js'
import { ddl } from '../../src/dialect/ddl-types.js'
import type { DriverName } from '../../src/dialect/dialect.js'
import { insertAssignments } from '../../src/repositories/assignments.js'
import { generateAcademicYearBlocks } from '../../src/repositories/blocks.js'
import { median, timeOnce } from './measure.js'

const AUDITED = ['absences', 'assignments', 'schedule_runs', 'swap_records']
const RESIDENTS = 20
const UPDATED = 10_000

export interface AuditBenchCase {
  /** Median ms with the audit triggers. */
  captured: number
  /** Median ms without them. */
  bare: number
  /** captured / bare. */
  ratio: number
}

export type AuditBenchResult = Record<'insertAssignments' | 'update10k', AuditBenchCase>

interface Target {
  url: string
  cleanup(): Promise<void>
}



/** A migrated database with 20 residents and academic year 2025's blocks; `bare` without audit triggers. */
async function prepare(url: string, bare: boolean) {
  const rdb = await createDatabase({ url, poolSize: 2 })
  await rdb.migrateToLatest()
  if (bare) {
    const plain = rdb.db.withoutPlugins()
    for (const table of AUDITED) for (const statement of ddl(plain).dropAuditTriggers(table)) await statement.execute(plain)
  }
  const people = await rdb.db
    .insertInto('people')
    .values(Array.from({ length: RESIDENTS }, (_, i) => ({ name: `Resident ${i + 1}`, type: 'resident', pgyLevel: (i % 3) + 1 })))
    .returning('id')
    .execute()
  await generateAcademicYearBlocks(rdb.db, { academicYear: 2025 })
  const blocks = await rdb.db.selectFrom('blocks').select('id').orderBy('date').orderBy('timeOfDay').execute()
  const year = people.flatMap((p) =>
    blocks.map((b, k) => ({
      blockId: b.id,
      personId: p.id,
      role: 'primary' as const,
      notes: k % 7 === 0 ? 'clinic' : null,
      explainJson: k % 5 === 0 ? { rule: 'coverage', weight: k } : null,
    })),
  )
  return { rdb, year }
}

async function benchDriver(targets: [Target, Target], rounds: number): Promise<AuditBenchResult> {
  const captured = await prepare(targets[0].url, false)
  const bare = await prepare(targets[1].url, true)
  const samples = { insertAssignments: { captured: [] as number[], bare: [] as number[] }, update10k: { captured: [] as number[], bare: [] as number[] } }
  try {
    // round 0 warms up caches and the JIT and is not counted
    for (let round = 0; round <= rounds; round++) {
      const order = round % 2 === 0 ? (['captured', 'bare'] as const) : (['bare', 'captured'] as const)
      for (const variant of order) {
        const { rdb, year } = variant === 'captured' ? captured : bare
        const db = rdb.db
        const inserted = await timeOnce(() => insertAssignments(db, { assignments: year }))
        const updated = await timeOnce(() =>
          db
            .updateTable('assignments')
            .set({ notes: `round ${round}`, updatedAt: new Date() })
            .where('id', 'in', (eb) => eb.selectFrom('assignments').select('id').orderBy('id').limit(UPDATED))
            .execute(),
        )
        await db.deleteFrom('assignments').execute()
        if (rdb.dialect === 'postgres') await sql`vacuum analyze`.execute(db)
        if (round > 0) {
          samples.insertAssignments[variant].push(inserted)
          samples.update10k[variant].push(updated)
        }
      }
    }
  } finally {
    await captured.rdb.destroy()
    await bare.rdb.destroy()
    for (const t of targets) await t.cleanup()
  }
  const result = (s: { captured: number[]; bare: number[] }): AuditBenchCase => {
    const c = median(s.captured)
    const b = median(s.bare)
    return { captured: c, bare: b, ratio: c / b }
  }
  return { insertAssignments: result(samples.insertAssignments), update10k: result(samples.update10k) }
}

function sqliteTargets(): [Target, Target] {
  const file = (name: string) => `${tmpdir()}/residency-audit-bench-${process.pid}-${name}.db`
  const target = (name: string): Target => ({
    url: `sqlite:${file(name)}`,
    cleanup: async () => {
      for (const suffix of ['', '-wal', '-shm']) rmSync(`${file(name)}${suffix}`, { force: true })
    },
  })
  return [target('captured'), target('bare')]
}

async function pgTargets(url: string): Promise<[Target, Target]> {
  const target = async (name: string): Promise<Target> => {
    const database = `rdb_audit_bench_${process.pid}_${name}`
    const admin = async (text: string) => {
      const client = new pg.Client({ connectionString: url })
      await client.connect()
      try {
        await client.query(text)
      } finally {
        await client.end()
      }
    }
    await admin(`drop database if exists ${database} with (force)`)
    await admin(`create database ${database}`)
    const u = new URL(url)
    u.pathname = `/${database}`
    return { url: u.toString(), cleanup: () => admin(`drop database if exists ${database} with (force)`) }
  }
  return [await target('captured'), await target('bare')]
}

const pgliteTargets = (): [Target, Target] => [
  { url: 'pglite:', cleanup: async () => {} },
  { url: 'pglite:', cleanup: async () => {} },
]

/** Runs the audit bench on better-sqlite3, PGlite and, given a URL, pg. */
export async function benchAudit(options: { rounds: number; postgresUrl?: string }): Promise<Partial<Record<DriverName, AuditBenchResult>>> {
  const out: Partial<Record<DriverName, AuditBenchResult>> = {}
  out['better-sqlite3'] = await benchDriver(sqliteTargets(), options.rounds)
  out.pglite = await benchDriver(pgliteTargets(), options.rounds)
  if (options.postgresUrl) out.pg = await benchDriver(await pgTargets(options.postgresUrl), options.rounds)
  return out
}

export function reportAudit(results: Partial<Record<DriverName, AuditBenchResult>>): void {
  console.table(
    Object.entries(results).flatMap(([driver, r]) =>
      Object.entries(r).map(([operation, c]) => ({
        driver,
        operation,
        'captured ms': c.captured.toFixed(1),
        'bare ms': c.bare.toFixed(1),
        'captured / bare': c.ratio.toFixed(2),
      })),
    ),
  )
}

if (import.meta.url === pathToFileURL(process.argv[1]!).href) {
  const rounds = Number(process.env.BENCH_ROUNDS ?? 9)
  const postgresUrl = process.env.TEST_POSTGRES_URL ?? process.env.DATABASE_URL
  console.log(`audit capture: insertAssignments of a year and an update of ${UPDATED} assignments, median of ${rounds} rounds`)
  const results = await benchAudit({ rounds, postgresUrl })
  reportAudit(results)
  mkdirSync('bench', { recursive: true })
  writeFileSync('bench/audit.json', `${JSON.stringify({ rounds, node: process.version, date: new Date().toISOString(), ...results }, null, 2)}\n`)
  console.log('wrote bench/audit.json')
}
