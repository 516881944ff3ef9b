// Run by test/faults-connection-loss.test.ts in a child process, so that a
// crash (an unhandled 'error' event) fails the test instead of the runner.
//   tsx test/support/connection-loss-child.ts <scenario> <url>
// Kills only its own backends: those whose application_name is this process's.
// Prints one line `report <json>` and exits 0 when it ran to the end.
import pg from 'pg'
import { type Kysely, sql } from 'kysely'
import { createDatabase, type ResidencyDatabase } from '../../src/connect.js'
import { ConnectionError } from '../../src/errors.js'
import { withAuditContext } from '../../src/audit/with-audit-context.js'
import { createAssignment, insertAssignments, updateAssignment } from '../../src/repositories/assignments.js'
import { getPersonSchedule } from '../../src/repositories/schedule.js'
import { seedAuditFixture, type AuditFixture } from './audit-fixtures.js'

const [scenario, baseUrl] = process.argv.slice(2) as [string, string]
const APP = `rdb_fault_${process.pid}`
const BATCH = 10
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** How each failed call failed: the library's retryable ConnectionError, an honest unknown commit, or anything else. */
interface Failures {
  retryable: number
  commitUnknown: number
  closed: number
  unexpected: string[]
}

/**
 * `destroyed`: the scenario calls destroy() during the storm. A call that had
 * started but not yet reached a connection when destroy() began then gets
 * Kysely's own use-after-destroy error (as any later call does), which counts
 * as closed; in every other scenario it is unexpected.
 */
function classify(error: unknown, failures: Failures, destroyed = false): void {
  if (error instanceof ConnectionError && error.retryable && /may be retried/.test(error.message)) failures.retryable++
  else if (error instanceof ConnectionError && /may or may not have been committed/.test(error.message)) failures.commitUnknown++
  else if (error instanceof ConnectionError && /closed/.test(error.message)) failures.closed++
  else if (destroyed && error instanceof Error && error.message === 'driver has already been destroyed') failures.closed++
  else failures.unexpected.push(`${(error as Error).name}: ${(error as Error).message} (retryable ${(error as { retryable?: unknown }).retryable})`)
}

function withAppName(url: string): string {
  if (!/^postgres/.test(url)) return url
  const u = new URL(url)
  u.searchParams.set('application_name', APP)
  return u.toString()
}

/** A pg client of its own (no application_name) that terminates this process's backends. */
async function killer(url: string) {
  const admin = new pg.Client({ connectionString: url })
  await admin.connect()
  return {
    /** Terminates every backend of this process; how many there were. */
    killAll: async () => {
      const { rows } = await admin.query(
        'select pg_terminate_backend(pid) as killed from pg_stat_activity where application_name = $1 and pid <> pg_backend_pid()',
        [APP],
      )
      return rows.length
    },
    killPid: (pid: number) => admin.query('select pg_terminate_backend($1)', [pid]),
    end: () => admin.end(),
  }
}

const backendPid = async (db: Kysely<any>) =>
  Number((await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(db)).rows[0]!.pid)

/** Unused (person, block) pairs, so that no write of the storm collides with another. */
function pairs(fixture: AuditFixture) {
  let next = 0
  const total = fixture.blocks.length * fixture.people.length
  return Object.assign(() => {
    const i = next++
    const blockId = fixture.blocks[i % fixture.blocks.length]!.id
    const personId = fixture.people[Math.floor(i / fixture.blocks.length)]
    if (personId === undefined) throw new Error('the storm ran out of (person, block) pairs: seed more')
    return { personId, blockId, role: 'primary' as const }
  }, { left: () => total - next })
}

/**
 * Reads, single writes, batches and audited transactions from 8 concurrent
 * callers while `interrupt` runs (until it calls `stop`, if it does), and `calmMs` after. Returns what was acknowledged.
 */
async function storm(
  rdb: ResidencyDatabase,
  fixture: AuditFixture,
  calmMs: number,
  interrupt: (stop: () => void) => Promise<void>,
  options: { destroys?: boolean } = {},
) {
  const { db } = rdb
  const pair = pairs(fixture)
  const acked = { singles: [] as string[], batches: [] as string[], audited: [] as string[] }
  const failures: Failures = { retryable: 0, commitUnknown: 0, closed: 0, unexpected: [] }
  let ops = 0
  let batchNo = 0
  let stopped = false
  const worker = async (w: number) => {
    for (let i = 0; !stopped; i++) {
      // PGlite answers in microtasks: yield so that timers (the interrupt) run
      await new Promise((resolve) => setImmediate(resolve))
      // a fast run may use up the seeded pairs before the fault is over: the storm then ends, it does not fail
      if (pair.left() < 8 * (BATCH + 1)) stopped = true
      if (stopped) break
      try {
        switch ((w + i) % 4) {
          case 0:
            await getPersonSchedule(db, { personId: fixture.people[0]!, from: '2025-07-01', to: '2025-07-10' })
            break
          case 1:
            acked.singles.push((await createAssignment(db, { ...pair(), notes: 'single' })).id)
            break
          case 2: {
            const tag = `batch-${++batchNo}`
            await insertAssignments(db, { assignments: Array.from({ length: BATCH }, () => ({ ...pair(), notes: tag })) })
            acked.batches.push(tag)
            break
          }
          case 3: {
            const id = await withAuditContext(db, { userId: 'storm' }, async (trx) => {
              const row = await createAssignment(trx, { ...pair(), notes: 'audited' })
              await updateAssignment(trx, { id: row.id, updatedAt: row.updatedAt, changes: { notes: `audited-${row.id}` } })
              return row.id
            })
            acked.audited.push(id)
            break
          }
        }
        ops++
      } catch (error) {
        classify(error, failures, options.destroys)
      }
    }
  }
  const stop = async () => {
    await interrupt(() => (stopped = true))
    await sleep(calmMs)
    stopped = true
  }
  await Promise.all([...Array.from({ length: 8 }, (_, w) => worker(w)), stop()])
  return { acked, failures, ops }
}

/** Whether a call after the fault succeeds (on pg the pool must have dropped the dead clients). */
async function nextCallWorks(rdb: ResidencyDatabase): Promise<boolean | string> {
  try {
    await rdb.db.selectFrom('people').select('id').limit(1).execute()
    return true
  } catch (error) {
    return `${(error as Error).name}: ${(error as Error).message}`
  }
}

async function open(url: string, fixture: boolean) {
  const rdb = await createDatabase(withAppName(url))
  await rdb.migrateToLatest()
  return { rdb, fixture: fixture ? await seedAuditFixture(rdb.db, 100, 60) : undefined }
}

const scenarios: Record<string, () => Promise<unknown>> = {
  /** pg: every backend terminated every 250 ms during a storm, 12 times, then 1 s of calm. */
  async storm() {
    const { rdb, fixture } = await open(baseUrl, true)
    const kill = await killer(baseUrl)
    let rounds = 0
    let killed = 0
    const result = await storm(rdb, fixture!, 1500, async () => {
      for (; rounds < 12; rounds++) {
        await sleep(250)
        killed += await kill.killAll()
      }
    })
    await sleep(300)
    const next = await nextCallWorks(rdb)
    await kill.end()
    await rdb.destroy()
    return { ...result, rounds, killed, next }
  },

  /** pg: the backend of an open transaction, idle between two statements, is terminated. */
  async idleTransaction() {
    const { rdb, fixture } = await open(baseUrl, true)
    const kill = await killer(baseUrl)
    let error: unknown
    try {
      await withAuditContext(rdb.db, { userId: 'idle' }, async (trx) => {
        await createAssignment(trx, { personId: fixture!.people[0]!, blockId: fixture!.blocks[0]!.id, role: 'primary', notes: 'idle-tx' })
        await kill.killPid(await backendPid(trx))
        // idle between two statements while the server ends the session: pg emits 'error' on the checked-out client
        await sleep(300)
        await createAssignment(trx, { personId: fixture!.people[1]!, blockId: fixture!.blocks[0]!.id, role: 'primary', notes: 'idle-tx' })
      })
    } catch (e) {
      error = e
    }
    const next = await nextCallWorks(rdb)
    const failures: Failures = { retryable: 0, commitUnknown: 0, closed: 0, unexpected: [] }
    if (error) classify(error, failures)
    await kill.end()
    await rdb.destroy()
    return { failed: error !== undefined, failures, next, message: (error as Error | undefined)?.message }
  },

  /** pg: every client idle in the pool is terminated; the next calls get fresh connections. */
  async idlePool() {
    const { rdb } = await open(baseUrl, false)
    // fill the pool with a few idle clients
    await Promise.all(Array.from({ length: 4 }, () => sql`select pg_sleep(0.05)`.execute(rdb.db)))
    const kill = await killer(baseUrl)
    const killed = await kill.killAll()
    await sleep(300)
    const results = []
    for (let i = 0; i < 4; i++) results.push(await nextCallWorks(rdb))
    await kill.end()
    await rdb.destroy()
    return { killed, next: results }
  },

  /** pg: the backend running a statement is terminated mid-statement. */
  async inFlight() {
    const { rdb } = await open(baseUrl, false)
    const kill = await killer(baseUrl)
    const failures: Failures = { retryable: 0, commitUnknown: 0, closed: 0, unexpected: [] }
    const running = sql`select pg_sleep(5)`.execute(rdb.db).then(
      () => failures.unexpected.push('pg_sleep(5) completed: the backend was not terminated'),
      (error: unknown) => classify(error, failures),
    )
    await sleep(300)
    const killed = await kill.killAll()
    await running
    // killAll also ended the pool's idle clients: as in idlePool, the pool drops each when its
    // termination notice arrives; a call before that can meet one (a retryable ConnectionError)
    await sleep(300)
    const next = await nextCallWorks(rdb)
    await kill.end()
    await rdb.destroy()
    return { killed, failures, next }
  },

  /** pg: backends terminated during `migrate latest`; a rerun completes it. */
  async migration() {
    const rdb = await createDatabase(withAppName(baseUrl))
    const kill = await killer(baseUrl)
    const failures: Failures = { retryable: 0, commitUnknown: 0, closed: 0, unexpected: [] }
    let killed = 0
    const kills: Promise<void>[] = []
    // each time a migration completes, every backend of this process is terminated: the
    // kill lands while the next migration runs (each takes tens of ms), whatever the speed
    // of the machine (polling for an active backend could miss a fast run)
    const onProgress = () => {
      kills.push(
        kill.killAll().then(
          (n) => void (killed += n),
          (error: unknown) => void failures.unexpected.push(`the kill failed: ${String(error)}`),
        ),
      )
    }
    await rdb.migrateToLatest({ onProgress }).then(
      () => failures.unexpected.push('migrate latest completed although its backends were terminated after each migration'),
      (error: unknown) => classify(error, failures),
    )
    await Promise.all(kills)
    await sleep(300)
    const rerun = await rdb.migrateToLatest().then(
      (steps) => steps.length,
      (error: Error) => `${error.name}: ${error.message}`,
    )
    const pending = (await rdb.migrationStatus()).filter((m) => m.executedAt === null).length
    await kill.end()
    await rdb.destroy()
    return { killed, failures, rerun, pending }
  },

  /** PGlite: the database is closed while a storm runs: the calls in flight complete or fail with a ConnectionError. */
  async pgliteClosed() {
    const { rdb, fixture } = await open(baseUrl, true)
    const result = await storm(rdb, fixture!, 0, async (stop) => {
      await sleep(1000)
      stop()
      // calls in flight meet the closed instance; no new call starts after this
      await rdb.destroy()
    }, { destroys: true })
    const next = await nextCallWorks(rdb)
    // the directory is intact: it opens again
    const reopened = await createDatabase(baseUrl)
    const again = await nextCallWorks(reopened)
    await reopened.destroy()
    return { ...result, next, again }
  },
}

const run = scenarios[scenario]
if (!run) throw new Error(`unknown scenario ${scenario}`)
console.log(`report ${JSON.stringify(await run())}`)
