import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { sql } from 'kysely'
import { afterAll, expect, it } from 'vitest'
import { createDatabase, type ResidencyDatabase } from '../src/connect.js'
import { runScript } from './support/child-process.js'
import { forEachDriver, POSTGRES_URL } from './setup.js'

// A lost connection, for real, in a child process (test/support/connection-loss-child.ts),
// so that a crash (pg's unhandled 'error' event) fails the test, not the runner.
// On pg the child terminates its own backends (by its application_name or pid);
// PGlite has no connection to lose, but its instance can close under running calls.
// SQLite has neither: the suite does not apply there.

const CHILD = 'test/support/connection-loss-child.ts'
const TIMEOUT = 240_000

interface Failures {
  retryable: number
  commitUnknown: number
  closed: number
  unexpected: string[]
}

interface StormReport {
  acked: { singles: string[]; batches: string[]; audited: string[] }
  failures: Failures
  ops: number
  next: true | string
}

/** Runs one scenario against `url`; the child must live to print its report and exit 0. */
async function scenario<T>(name: string, url: string): Promise<T> {
  const result = await runScript(CHILD, [name, url], {}, TIMEOUT - 10_000)
  expect(result.stderr, `the child died (${result.code ?? result.signal})`).not.toMatch(/Unhandled 'error' event|triggerUncaughtException/)
  expect(result.code, result.stderr).toBe(0)
  const line = /^report (.*)$/m.exec(result.stdout)
  expect(line, result.stdout).not.toBeNull()
  return JSON.parse(line![1]!) as T
}

/** The same server, the database `rdb` is on (rdb.url has its password masked). */
async function urlOf(rdb: ResidencyDatabase): Promise<string> {
  const { rows } = await sql<{ name: string }>`select current_database() as name`.execute(rdb.db)
  const url = new URL(POSTGRES_URL!)
  url.pathname = `/${rows[0]!.name}`
  return url.toString()
}

/** What the storm left behind: acknowledged writes present, batches whole, one open version per live row. */
async function checkStorm(rdb: ResidencyDatabase, report: StormReport): Promise<void> {
  const { db } = rdb
  expect(report.failures.unexpected).toEqual([])
  const ids = [...report.acked.singles, ...report.acked.audited]
  if (ids.length > 0) {
    const found = await db.selectFrom('assignments').select(['id', 'notes']).where('id', 'in', ids).execute()
    expect(found.map((r) => r.id).sort()).toEqual([...ids].sort())
    for (const r of found) if (report.acked.audited.includes(r.id)) expect(r.notes).toBe(`audited-${r.id}`)
  }
  // every batch is all or nothing, and every acknowledged one is all there
  const batches = await db
    .selectFrom('assignments')
    .select((eb) => ['notes', eb.fn.countAll().as('n')])
    .where('notes', 'like', 'batch-%')
    .groupBy('notes')
    .execute()
  for (const b of batches) expect(Number(b.n), b.notes!).toBe(10)
  const stored = new Set(batches.map((b) => b.notes))
  for (const tag of report.acked.batches) expect(stored.has(tag), tag).toBe(true)
  // no audited transaction left an 'audited' row without its update
  const halfAudited = await db.selectFrom('assignments').select('id').where('notes', '=', 'audited').execute()
  expect(halfAudited).toEqual([])
  // one open version per live row, none for a row that is not there
  const { rows } = await sql<{ bad: number }>`
    select count(*)::int as bad from (
      select a.id, count(v.id) as open
      from assignments a left join assignments_version v on v.id = a.id and v.end_transaction_id is null
      group by a.id having count(v.id) <> 1
      union all
      select v.id, count(*) from assignments_version v
      where v.end_transaction_id is null and not exists (select 1 from assignments a where a.id = v.id)
      group by v.id
    ) broken`.execute(db)
  expect(rows[0]!.bad).toBe(0)
  expect(report.next).toBe(true)
}

forEachDriver('a lost connection', (ctx) => {
  const pg = ctx.driver === 'pg'

  it.runIf(pg)(
    'backends terminated during a storm of reads, writes, batches and audited transactions: the process lives, failures are retryable ConnectionErrors, nothing partial',
    async () => {
      const rdb = await ctx.open()
      const report = await scenario<StormReport & { killed: number }>('storm', await urlOf(rdb))
      expect(report.killed).toBeGreaterThan(0)
      expect(report.failures.retryable).toBeGreaterThan(0)
      await checkStorm(rdb, report)
    },
    TIMEOUT,
  )

  it.runIf(pg)(
    'a transaction idle between two statements: it rejects with a retryable ConnectionError, its first write is rolled back, the next call succeeds',
    async () => {
      const rdb = await ctx.open()
      const report = await scenario<{ failed: boolean; failures: Failures; next: true | string }>('idleTransaction', await urlOf(rdb))
      expect(report.failed).toBe(true)
      expect(report.failures).toEqual({ retryable: 1, commitUnknown: 0, closed: 0, unexpected: [] })
      expect(report.next).toBe(true)
      const left = await rdb.db.selectFrom('assignments').select('id').where('notes', '=', 'idle-tx').execute()
      expect(left).toEqual([])
    },
    TIMEOUT,
  )

  it.runIf(pg)(
    'clients idle in the pool: the pool drops them and the next calls succeed',
    async () => {
      const rdb = await ctx.open()
      const report = await scenario<{ killed: number; next: Array<true | string> }>('idlePool', await urlOf(rdb))
      expect(report.killed).toBeGreaterThan(0)
      expect(report.next).toEqual([true, true, true, true])
    },
    TIMEOUT,
  )

  it.runIf(pg)(
    'a statement in flight: it rejects with a retryable ConnectionError and the next call succeeds',
    async () => {
      const rdb = await ctx.open()
      const report = await scenario<{ killed: number; failures: Failures; next: true | string }>('inFlight', await urlOf(rdb))
      expect(report.failures).toEqual({ retryable: 1, commitUnknown: 0, closed: 0, unexpected: [] })
      expect(report.next).toBe(true)
    },
    TIMEOUT,
  )

  it.runIf(pg)(
    'migrate latest losing its connection: a retryable ConnectionError, and a rerun completes the schema',
    async () => {
      const rdb = await ctx.open()
      const report = await scenario<{ killed: number; failures: Failures; rerun: number | string; pending: number }>(
        'migration',
        await urlOf(rdb),
      )
      expect(report.failures).toEqual({ retryable: 1, commitUnknown: 0, closed: 0, unexpected: [] })
      expect(typeof report.rerun).toBe('number')
      expect(report.pending).toBe(0)
    },
    TIMEOUT,
  )

  const dirs: string[] = []
  afterAll(() => {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true })
  })

  it.runIf(ctx.driver === 'pglite')(
    'the instance closed under a storm: calls in flight finish, fail with a ConnectionError, or (not yet at a connection when destroy() began) with Kysely\'s use-after-destroy error; the directory opens again with nothing partial',
    async () => {
      const dir = mkdtempSync(join(tmpdir(), 'rdb-pglite-closed-'))
      dirs.push(dir)
      const report = await scenario<StormReport & { again: true | string }>('pgliteClosed', `pglite:${dir}`)
      expect(report.ops).toBeGreaterThan(0)
      expect(report.again).toBe(true)
      // a call after destroy() is Kysely's own use-after-destroy error, not a crash
      expect(report.next).toMatch(/destroyed/)
      const rdb = await createDatabase(`pglite:${dir}`)
      try {
        await checkStorm(rdb, { ...report, next: true })
      } finally {
        await rdb.destroy()
      }
    },
    TIMEOUT,
  )
})
