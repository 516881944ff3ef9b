/**
 * The domain workflows against the same writes by hand on the raw driver:
 * `executeSwap` of an absorb swap (a faculty member's week, 14 half-days) and
 * `replaceScheduleAssignments` of a 28-day block of a program (30 people on
 * every half-day: 1,680 rows deleted and 1,680 inserted). The hand-written
 * side sends the same statements a careful service would: the swap locked
 * (FOR UPDATE on PostgreSQL, BEGIN IMMEDIATE on SQLite), both faculty members
 * locked (PostgreSQL), the week read in id order, one UPDATE of the moved
 * assignments, the swap stamped and returned (as `executeSwap` returns it);
 * the range's blocks read, the range deleted and the rows inserted in
 * multi-row INSERTs of as many rows as the parameter limit allows. Both sides write the same audited tables (the triggers cost the
 * same). Each round times one call of each side, in alternating order, each
 * after the state was put back (untimed, on that side's connection); medians
 * of the rounds (five times as many for the swap).
 */
import { mkdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import Database from 'better-sqlite3'
import pg from 'pg'
import { uuidv7 } from '../../src/codec/uuid-v7.js'
import { createDatabase, type ResidencyDatabase } from '../../src/connect.js'
import { SqliteAuditSession } from '../../src/audit/sqlite-audit-session.js'
import { executeSwap } from '../../src/repositories/execute-swap.js'
import { replaceScheduleAssignments } from '../../src/repositories/replace-schedule-assignments.js'
import { addDays } from '../../src/repositories/iso-dates.js'
import { median, timeOnce } from './measure.js'
import { scratchPostgresDatabase } from '../support/scratch-database.js'

const FROM = '2025-09-04'
const TO = addDays(FROM, 27)
const WEEK = '2025-09-08'
const PEOPLE = 30

/** The raw driver, as a service would use it: SQL text with $n parameters. */
interface Raw {
  query(text: string, params?: unknown[]): Promise<Record<string, unknown>[]>
  begin(): Promise<void>
  commit(): Promise<void>
  close(): Promise<void>
  readonly postgres: boolean
  readonly maxParams: number
  timestamp(d: Date): unknown
}

function rawSqlite(file: string): Raw {
  const db = new Database(file)
  // the same connection settings the library opens with: foreign keys checked, WAL
  db.pragma('foreign_keys = ON')
  db.pragma('busy_timeout = 5000')
  db.pragma('recursive_triggers = ON')
  // the audit triggers call these functions: a program writing audited tables registers them
  const audit = new SqliteAuditSession(db)
  const cache = new Map<string, Database.Statement>()
  const prep = (text: string) => {
    let s = cache.get(text)
    if (!s) cache.set(text, (s = db.prepare(text.replace(/\$\d+/g, '?'))))
    return s
  }
  return {
    postgres: false,
    maxParams: 32_766,
    timestamp: (d) => d.toISOString(),
    query: async (text, params = []) => {
      const s = prep(text)
      const rows = s.reader ? (s.all(...params) as Record<string, unknown>[]) : (s.run(...params), [])
      audit.afterStatement(false)
      return rows
    },
    begin: async () => void db.exec('begin immediate'),
    commit: async () => {
      db.exec('commit')
      audit.afterStatement(false)
    },
    close: async () => void db.close(),
  }
}

async function rawPg(url: string): Promise<Raw> {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  return {
    postgres: true,
    maxParams: 65_535,
    timestamp: (d) => d,
    query: async (text, params = []) => (await client.query(text, params)).rows,
    begin: async () => void (await client.query('begin')),
    commit: async () => void (await client.query('commit')),
    close: () => client.end(),
  }
}

interface Seeded {
  swapId: string
  source: string
  target: string
  runId: string
  rows: { blockId: string; personId: string; role: 'primary' }[]
}

async function seed(rdb: ResidencyDatabase): Promise<Seeded> {
  const db = rdb.db
  const people = await db
    .insertInto('people')
    .values(Array.from({ length: PEOPLE }, (_, i) => (i < 2 ? { name: `Dr. F${i}`, type: 'faculty' as const, facultyRole: 'core' as const } : { name: `R${i}`, type: 'resident' as const, pgyLevel: 1 })))
    .returning('id')
    .execute()
  const blocks = await db
    .insertInto('blocks')
    .values(Array.from({ length: 56 }, (_, i) => ({ date: addDays(FROM, i >> 1), timeOfDay: i % 2 ? ('PM' as const) : ('AM' as const), blockNumber: 3 })))
    .returning(['id', 'date'])
    .execute()
  const [source, target] = [people[0]!.id, people[1]!.id]
  // the target faculty member works every half-day but the swap week
  const rows = people.flatMap((p) =>
    blocks.filter((b) => p.id !== target || b.date < WEEK || b.date > addDays(WEEK, 6)).map((b) => ({ blockId: b.id, personId: p.id, role: 'primary' as const })),
  )
  await db.insertInto('assignments').values(rows).execute()
  const swap = await db.insertInto('swapRecords').values({ sourceFacultyId: source, targetFacultyId: target, sourceWeek: WEEK, swapType: 'absorb', status: 'approved' }).returning('id').executeTakeFirstOrThrow()
  const run = await db.insertInto('scheduleRuns').values({ startDate: FROM, endDate: TO, algorithm: 'bench', status: 'running' }).returning('id').executeTakeFirstOrThrow()
  return { swapId: swap.id, source, target, runId: run.id, rows }
}

async function rawExecuteSwap(raw: Raw, s: Seeded): Promise<void> {
  await raw.begin()
  const lock = raw.postgres ? ' for update' : ''
  const [swap] = await raw.query(`select * from swap_records where id = $1${lock}`, [s.swapId])
  if (swap!.status !== 'approved') throw new Error('not approved')
  if (raw.postgres) await raw.query('select id from people where id in ($1, $2) order by id for no key update', [s.source, s.target])
  const week = await raw.query(
    'select a.id, a.person_id, a.block_id, b.date, b.time_of_day from assignments a join blocks b on b.id = a.block_id where a.person_id in ($1, $2) and b.date >= $3 and b.date <= $4 order by a.id',
    [s.source, s.target, WEEK, addDays(WEEK, 6)],
  )
  const ids = week.filter((r) => r.person_id === s.source).map((r) => r.id)
  const now = raw.timestamp(new Date())
  await raw.query(`update assignments set person_id = $1, updated_at = $2 where id in (${ids.map((_, i) => `$${i + 3}`).join(', ')})`, [s.target, now, ...ids])
  await raw.query("update swap_records set status = 'executed', executed_at = $1, executed_by_id = $2 where id = $3 returning *", [now, null, s.swapId])
  await raw.commit()
}

async function rawReplace(raw: Raw, s: Seeded): Promise<void> {
  await raw.begin()
  await raw.query('select id from blocks where date >= $1 and date <= $2', [FROM, TO])
  await raw.query('delete from assignments where block_id in (select id from blocks where date >= $1 and date <= $2)', [FROM, TO])
  const now = raw.timestamp(new Date())
  const width = 7
  const perBatch = Math.floor(raw.maxParams / width)
  for (let start = 0; start < s.rows.length; start += perBatch) {
    const batch = s.rows.slice(start, start + perBatch)
    const values = batch.map((_, r) => `(${Array.from({ length: width }, (_, c) => `$${r * width + c + 1}`).join(', ')})`).join(', ')
    const params = batch.flatMap((row) => [uuidv7(), row.blockId, row.personId, row.role, s.runId, now, now])
    await raw.query(`insert into assignments (id, block_id, person_id, role, schedule_run_id, created_at, updated_at) values ${values}`, params)
  }
  await raw.commit()
}

/** Puts the swap back to approved and the week back to its source (untimed), on the library's connection … */
async function undoSwap(rdb: ResidencyDatabase, s: Seeded): Promise<void> {
  await rdb.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('assignments')
      .set({ personId: s.source })
      .where('personId', '=', s.target)
      .where('blockId', 'in', (eb) => eb.selectFrom('blocks').select('id').where('date', '>=', WEEK).where('date', '<=', addDays(WEEK, 6)))
      .execute()
    await trx.updateTable('swapRecords').set({ status: 'approved', executedAt: null }).where('id', '=', s.swapId).execute()
  })
}

/** … and the same on the raw driver's. */
async function rawUndoSwap(raw: Raw, s: Seeded): Promise<void> {
  await raw.begin()
  await raw.query('update assignments set person_id = $1 where person_id = $2 and block_id in (select id from blocks where date >= $3 and date <= $4)', [
    s.source,
    s.target,
    WEEK,
    addDays(WEEK, 6),
  ])
  await raw.query("update swap_records set status = 'approved', executed_at = null where id = $1", [s.swapId])
  await raw.commit()
}

export interface WorkflowFigures {
  executeSwap: { library: number; raw: number; ratio: number }
  replaceScheduleAssignments: { library: number; raw: number; ratio: number }
}

interface Workflow {
  library: () => Promise<unknown>
  raw: () => Promise<unknown>
  /** Puts the state back before each timed call, untimed, on the connection of the side about to run. */
  reset: { library: () => Promise<unknown>; raw: () => Promise<unknown> }
  /** Samples per side: a swap takes a millisecond, where the noise of a shared machine is as large. */
  rounds: number
}

async function benchOne(rdb: ResidencyDatabase, raw: Raw, rounds: number): Promise<WorkflowFigures> {
  const s = await seed(rdb)
  const nothing = async () => {}
  const workflows: Record<keyof WorkflowFigures, Workflow> = {
    // SQLite: a connection whose last write was not its own rereads its pages, so each
    // side is reset on its own connection just before its call, as a service's one
    // connection would find them
    executeSwap: {
      library: () => executeSwap(rdb.db, { swapId: s.swapId }),
      raw: () => rawExecuteSwap(raw, s),
      reset: { library: () => undoSwap(rdb, s), raw: () => rawUndoSwap(raw, s) },
      rounds: rounds * 5,
    },
    // each side's delete and insert follow the other side's: both alike
    replaceScheduleAssignments: {
      library: () => replaceScheduleAssignments(rdb.db, { scheduleRunId: s.runId, from: FROM, to: TO, assignments: s.rows }),
      raw: () => rawReplace(raw, s),
      reset: { library: nothing, raw: nothing },
      rounds,
    },
  }
  const out = {} as WorkflowFigures
  for (const [name, workflow] of Object.entries(workflows) as [keyof WorkflowFigures, Workflow][]) {
    const samples = { library: [] as number[], raw: [] as number[] }
    for (let round = -2; round < workflow.rounds; round++) {
      for (const which of round % 2 ? (['library', 'raw'] as const) : (['raw', 'library'] as const)) {
        await workflow.reset[which]()
        const ms = await timeOnce(workflow[which])
        if (round >= 0) samples[which].push(ms)
      }
    }
    const library = median(samples.library)
    const rawMs = median(samples.raw)
    out[name] = { library: round3(library), raw: round3(rawMs), ratio: round3(library / rawMs) }
  }
  return out
}

const round3 = (x: number) => Math.round(x * 1000) / 1000

export async function benchWorkflows(options: { rounds: number; postgresUrl?: string }): Promise<Record<string, WorkflowFigures>> {
  const results: Record<string, WorkflowFigures> = {}
  const dir = `${tmpdir()}/rdb-workflow-bench-${process.pid}`
  mkdirSync(dir, { recursive: true })
  try {
    const file = `${dir}/bench.db`
    const rdb = await createDatabase(`sqlite:${file}`)
    await rdb.migrateToLatest()
    const raw = rawSqlite(file)
    try {
      results['better-sqlite3'] = await benchOne(rdb, raw, options.rounds)
    } finally {
      await raw.close()
      await rdb.destroy()
    }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
  if (options.postgresUrl) {
    const scratch = scratchPostgresDatabase(options.postgresUrl, `rdb_workflow_bench_${process.pid}`)
    await scratch.create()
    try {
      const rdb = await createDatabase(scratch.url)
      await rdb.migrateToLatest()
      const raw = await rawPg(scratch.url)
      try {
        results.pg = await benchOne(rdb, raw, options.rounds)
      } finally {
        await raw.close()
        await rdb.destroy()
      }
    } finally {
      await scratch.cleanup()
    }
  }
  for (const [driver, figures] of Object.entries(results)) {
    console.log(`\nworkflows on ${driver} (median ms per call)`)
    console.table(Object.fromEntries(Object.entries(figures).map(([k, v]) => [k, { library: v.library, raw: v.raw, 'library / raw': v.ratio }])))
  }
  return results
}
