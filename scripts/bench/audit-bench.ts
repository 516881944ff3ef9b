/**
 * The cost of audit capture on writes: `insertAssignments` of one academic
 * year of a program (135 people × 730 half-days = 98,550 rows, one transaction)
 * and a bulk update of 10,000 assignments (one statement setting `notes` and
 * `updatedAt`, neither indexed: the cheapest update there is, so the highest
 * ratio). Three databases get the same data:
 *
 * - `captured`: as migrated, the audit triggers record every change;
 * - `bare`: the bench dropped the triggers (with the DDL helper's own drop: the
 *   library has no switch to turn capture off);
 * - `floor`: for the update only, the triggers are dropped just before it
 *   (untimed) and the update runs in one transaction with the writes the
 *   version layout requires, written by hand as set-based SQL: one
 *   `transaction` row, closing the 10,000 open versions, inserting 10,000 new
 *   ones. No trigger can record the change for less, so floor / bare is the
 *   lowest ratio the schema allows and captured / floor is what the triggers add.
 *
 * Each round runs every database in rotated order and deletes the rows again
 * (untimed, recorded on `captured` and `floor`, so both keep the same history).
 * Medians of the rounds.
 *
 *   npm run bench:audit                  better-sqlite3 (a file, WAL) and PGlite,
 *                                        and pg when DATABASE_URL / TEST_POSTGRES_URL names a server
 *   BENCH_ROUNDS=9 npm run bench:audit   more rounds (default 5)
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { pathToFileURL } from 'node:url'
import { type Kysely, sql } from 'kysely'
import { createDatabase, type ResidencyDatabase } from '../../src/connect.js'
import { auditDdl } from '../../migrations/support/v1/audit-ddl.js'
import type { DriverName } from '../../src/dialect/dialect.js'
import { columnTypes } from '../../src/schema/generated/column-types.js'
import type { Database } from '../../src/schema/generated/database.js'
import { insertAssignments } from '../../src/repositories/assignments.js'
import { generateAcademicYearBlocks } from '../../src/repositories/blocks.js'
import { median, timeOnce } from './measure.js'
import { scratchPostgresDatabase } from '../support/scratch-database.js'

const AUDITED = ['absences', 'assignments', 'schedule_runs', 'swap_records']
const PEOPLE = 135
const UPDATED = 10_000

/** The assignments columns in database order, as the triggers and the hand-written version writes name them. */
const ASSIGNMENT_COLUMNS = Object.keys(columnTypes.assignments!)

const VARIANTS = ['captured', 'bare', 'floor'] as const
type Variant = (typeof VARIANTS)[number]

export interface AuditBenchCase {
  /** Median ms with the audit triggers. */
  captured: number
  /** Median ms without them. */
  bare: number
  /** captured / bare. */
  ratio: number
  /** Median ms of the same write plus the version writes by hand (update only). */
  floor?: number
  /** floor / bare: the lowest ratio the version layout allows. */
  floorRatio?: number
}

export type AuditBenchResult = Record<'insertAssignments' | 'update10k', AuditBenchCase>

interface Target {
  url: string
  cleanup(): Promise<void>
}

/** A migrated database with the program's people and academic year 2025's blocks; `bare` without audit triggers. */
async function prepare(url: string, variant: Variant) {
  const rdb = await createDatabase({ url, poolSize: 2 })
  await rdb.migrateToLatest()
  if (variant === 'bare') await dropTriggers(rdb, AUDITED)
  const people = await rdb.db
    .insertInto('people')
    .values(Array.from({ length: PEOPLE }, (_, i) => ({ name: `Person ${i + 1}`, type: 'resident', pgyLevel: (i % 3) + 1 })))
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

// the triggers as the audit-triggers migration installs them (its frozen helper)
const captureDdl = (rdb: ResidencyDatabase) => auditDdl({ name: rdb.dialect, vector: false })

async function dropTriggers(rdb: ResidencyDatabase, tables: readonly string[]): Promise<void> {
  const plain = rdb.db.withoutPlugins()
  for (const table of tables) for (const statement of captureDdl(rdb).dropTriggers(table)) await statement.execute(plain)
}

async function installAssignmentTriggers(rdb: ResidencyDatabase): Promise<void> {
  const plain = rdb.db.withoutPlugins()
  for (const statement of captureDdl(rdb).triggers('assignments', ASSIGNMENT_COLUMNS, ['id'])) await statement.execute(plain)
}

/** The first UPDATED assignments by id: the rows every variant updates. */
const CHOSEN = `SELECT id FROM assignments ORDER BY id LIMIT ${UPDATED}`

function update(db: Kysely<Database>, round: number) {
  return db
    .updateTable('assignments')
    .set({ notes: `round ${round}`, updatedAt: new Date() })
    .where('id', 'in', (eb) => eb.selectFrom('assignments').select('id').orderBy('id').limit(UPDATED))
    .execute()
}

/** The columns `update` changes: their `_mod` flags are true in its versions. */
const UPDATED_COLUMNS = new Set(['notes', 'updated_at'])
const TRACKED = ASSIGNMENT_COLUMNS.filter((c) => c !== 'id')

/**
 * The update and, by hand, the version writes capture makes for it, in one
 * transaction: the rows as updated, with the `_mod` flags this update sets
 * (known here, so no comparison is paid for).
 */
function updateWithHandWrittenVersions(rdb: ResidencyDatabase, round: number) {
  return rdb.db.transaction().execute(async (trx) => {
    await update(trx, round)
    const { id: tx } = await trx.insertInto('transaction').values({ issuedAt: new Date() }).returning('id').executeTakeFirstOrThrow()
    // the unary plus keeps SQLite on the key (it is a no-op on PostgreSQL)
    await sql.raw(`UPDATE assignments_version SET end_transaction_id = ${tx}
      WHERE id IN (${CHOSEN}) AND +end_transaction_id IS NULL AND transaction_id <> ${tx}`).execute(trx)
    const targets = [...ASSIGNMENT_COLUMNS, 'transaction_id', 'operation_type', ...TRACKED.map((c) => `${c}_mod`)]
    const values = [...ASSIGNMENT_COLUMNS, String(tx), '1', ...TRACKED.map((c) => (UPDATED_COLUMNS.has(c) ? 'true' : 'false'))]
    await sql.raw(`INSERT INTO assignments_version (${targets.join(', ')})
      SELECT ${values.join(', ')} FROM assignments WHERE id IN (${CHOSEN})`).execute(trx)
  })
}

async function benchDriver(targets: Record<Variant, Target>, rounds: number): Promise<AuditBenchResult> {
  const dbs = {} as Record<Variant, Awaited<ReturnType<typeof prepare>>>
  for (const variant of VARIANTS) dbs[variant] = await prepare(targets[variant].url, variant)
  const samples = Object.fromEntries(VARIANTS.map((v) => [v, { insert: [] as number[], update: [] as number[] }])) as Record<
    Variant,
    { insert: number[]; update: number[] }
  >
  try {
    // round 0 warms up caches and the JIT and is not counted
    for (let round = 0; round <= rounds; round++) {
      const order = VARIANTS.map((_, i) => VARIANTS[(i + round) % VARIANTS.length]!)
      for (const variant of order) {
        const { rdb, year } = dbs[variant]
        const db = rdb.db
        const inserted = await timeOnce(() => insertAssignments(db, { assignments: year }))
        let updated: number
        if (variant === 'floor') {
          await dropTriggers(rdb, ['assignments'])
          updated = await timeOnce(() => updateWithHandWrittenVersions(rdb, round))
          await installAssignmentTriggers(rdb)
        } else {
          updated = await timeOnce(() => update(db, round))
        }
        await db.deleteFrom('assignments').execute()
        if (rdb.dialect === 'postgres') await sql`vacuum analyze`.execute(db)
        if (round > 0) {
          samples[variant].insert.push(inserted)
          samples[variant].update.push(updated)
        }
        process.stderr.write('.')
      }
    }
  } finally {
    process.stderr.write('\n')
    for (const variant of VARIANTS) await dbs[variant].rdb.destroy()
    for (const variant of VARIANTS) await targets[variant].cleanup()
  }
  const result = (op: 'insert' | 'update', withFloor: boolean): AuditBenchCase => {
    const c = median(samples.captured[op])
    const b = median(samples.bare[op])
    const f = median(samples.floor[op])
    return { captured: c, bare: b, ratio: c / b, ...(withFloor ? { floor: f, floorRatio: f / b } : {}) }
  }
  return { insertAssignments: result('insert', false), update10k: result('update', true) }
}

function sqliteTargets(): Record<Variant, Target> {
  const file = (name: string) => `${tmpdir()}/residency-audit-bench-${process.pid}-${name}.db`
  const target = (name: string): Target => ({
    url: `sqlite:${file(name)}`,
    cleanup: async () => {
      for (const suffix of ['', '-wal', '-shm']) rmSync(`${file(name)}${suffix}`, { force: true })
    },
  })
  return byVariant(target)
}

async function pgTargets(url: string): Promise<Record<Variant, Target>> {
  const targets = byVariant((name) => scratchPostgresDatabase(url, `rdb_audit_bench_${process.pid}_${name}`))
  for (const variant of VARIANTS) await targets[variant].create()
  return targets
}

const pgliteTargets = (): Record<Variant, Target> => byVariant(() => ({ url: 'pglite:', cleanup: async () => {} }))

function byVariant<T>(make: (variant: Variant) => T): Record<Variant, T> {
  return Object.fromEntries(VARIANTS.map((v) => [v, make(v)])) as Record<Variant, T>
}

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
        'floor ms': c.floor?.toFixed(1) ?? '',
        'floor / bare': c.floorRatio?.toFixed(2) ?? '',
      })),
    ),
  )
}

if (import.meta.url === pathToFileURL(process.argv[1]!).href) {
  const rounds = Number(process.env.BENCH_ROUNDS ?? 5)
  const postgresUrl = process.env.TEST_POSTGRES_URL ?? process.env.DATABASE_URL
  console.log(`audit capture: insertAssignments of a year and an update of ${UPDATED} assignments, median of ${rounds} rounds`)
  const results = await benchAudit({ rounds, postgresUrl })
  reportAudit(results)
  mkdirSync('bench', { recursive: true })
  writeFileSync('bench/audit.json', `${JSON.stringify({ rounds, node: process.version, date: new Date().toISOString(), ...results }, null, 2)}\n`)
  console.log('wrote bench/audit.json')
}
