import { execFileSync } from 'node:child_process'
import { type Kysely, sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { adminQuery } from '../scripts/support/scratch-database.js'
import { queryOnce, waitForReplay } from '../scripts/support/wait-for-replay.js'
import { createDatabase, type ResidencyDatabase } from '../src/connect.js'
import { ReplicaHealth, ReplicaRouter } from '../src/dialect/postgres/replica-router.js'
import { getHalfDay } from '../src/repositories/schedule.js'

// Read replicas: the router alone (no server), then against a real streaming
// replica of the TEST_POSTGRES_URL server (the CI's .ci/replica.sh):
// TEST_REPLICA_URL is its URL (any database); TEST_REPLICA_CLUSTER
// ("<version>/<name>", this run's own cluster) lets the failover test stop it.

describe('replica router', () => {
  const handle = (name: string) => ({ name }) as unknown as Kysely<unknown>
  it('hands out the replicas in turn, skips one marked down, and uses the primary when none is up', async () => {
    const a = new ReplicaHealth('a', 50)
    const b = new ReplicaHealth('b', 50)
    const primary = handle('primary')
    const router = new ReplicaRouter(primary, [
      { health: a, db: handle('a') },
      { health: b, db: handle('b') },
    ])
    const names = () => Array.from({ length: 4 }, () => (router.reader() as unknown as { name: string }).name)
    expect(names()).toEqual(['a', 'b', 'a', 'b'])
    a.markDown()
    expect(names()).toEqual(['b', 'b', 'b', 'b'])
    b.markDown()
    expect(names()).toEqual(['primary', 'primary', 'primary', 'primary'])
    await new Promise((r) => setTimeout(r, 80))
    expect(new Set(names())).toEqual(new Set(['a', 'b']))
  })
})

const PRIMARY = process.env.TEST_POSTGRES_URL ?? process.env.DATABASE_URL
const REPLICA = process.env.TEST_REPLICA_URL
const CLUSTER = process.env.TEST_REPLICA_CLUSTER
const reason = !REPLICA ? 'TEST_REPLICA_URL is unset (.ci/run starts a streaming replica and sets it)' : !PRIMARY ? 'TEST_POSTGRES_URL is unset' : ''

const onDatabase = (base: string, name: string) => {
  const url = new URL(base)
  url.pathname = `/${name}`
  return url.toString()
}

/** Waits until the replica has replayed the primary's WAL up to now. */
const caughtUp = () => waitForReplay(PRIMARY!, REPLICA!, 90_000)

const inRecovery = async (db: Kysely<any>) => (await sql<{ r: boolean }>`select pg_is_in_recovery() as r`.execute(db)).rows[0]!.r

describe.skipIf(reason !== '')(`pg with a streaming replica${reason ? ` (skipped: ${reason})` : ''}`, () => {
  const name = `rdb_replica_${process.pid}`
  let rdb: ResidencyDatabase
  const date = '2025-07-01'

  beforeAll(async () => {
    await adminQuery(PRIMARY!, `drop database if exists ${name} with (force)`)
    await adminQuery(PRIMARY!, `create database ${name}`)
    rdb = await createDatabase({ url: onDatabase(PRIMARY!, name), replicas: [onDatabase(REPLICA!, name)], replicaRetryMs: 300 })
    await rdb.migrateToLatest()
    await caughtUp()
  }, 180_000)
  afterAll(async () => {
    await queryOnce(onDatabase(REPLICA!, name), 'select pg_wal_replay_resume()').catch(() => {})
    await rdb?.destroy()
    await adminQuery(PRIMARY!, `drop database if exists ${name} with (force)`)
  })

  it('sends read functions and rdb.replica to the replica; writes, transactions and rdb.primary to the primary', async () => {
    expect(await inRecovery(rdb.replica)).toBe(true)
    expect(await inRecovery(rdb.db)).toBe(false)
    expect(await inRecovery(rdb.primary)).toBe(false)
    expect(await rdb.db.transaction().execute((trx) => inRecovery(trx))).toBe(false)

    // with replay paused, what only the primary has shows where each read ran
    await queryOnce(onDatabase(REPLICA!, name), 'select pg_wal_replay_pause()')
    await rdb.db.insertInto('blocks').values({ date, timeOfDay: 'AM', blockNumber: 0 }).execute()
    expect(await getHalfDay(rdb.db, { date, timeOfDay: 'AM' })).toBeNull()
    expect((await getHalfDay(rdb.primary, { date, timeOfDay: 'AM' }))?.block.date).toBe(date)
    expect(await rdb.db.transaction().execute(async (trx) => (await getHalfDay(trx, { date, timeOfDay: 'AM' }))?.block.date)).toBe(date)
  })

  it('shows a write on the replica once it has replayed the primary up to the write (lag)', async () => {
    await queryOnce(onDatabase(REPLICA!, name), 'select pg_wal_replay_resume()')
    await caughtUp()
    expect((await getHalfDay(rdb.db, { date, timeOfDay: 'AM' }))?.block.date).toBe(date)
  })

  it.skipIf(!CLUSTER)(
    `serves reads from the primary while the replica is stopped, and uses the replica again once it is back${CLUSTER ? '' : ' (skipped: TEST_REPLICA_CLUSTER is unset)'}`,
    async () => {
      const [version, cluster] = CLUSTER!.split('/')
      execFileSync('pg_ctlcluster', [version!, cluster!, 'stop', '-m', 'fast'])
      try {
        await rdb.db.insertInto('blocks').values({ date, timeOfDay: 'PM', blockNumber: 0 }).execute()
        // the first read finds the replica gone and is answered by the primary
        expect((await getHalfDay(rdb.db, { date, timeOfDay: 'PM' }))?.block.date).toBe(date)
        expect(await inRecovery(rdb.replica)).toBe(false)
      } finally {
        execFileSync('pg_ctlcluster', [version!, cluster!, 'start'])
      }
      await caughtUp()
      await new Promise((r) => setTimeout(r, 400))
      expect(await inRecovery(rdb.replica)).toBe(true)
      expect((await getHalfDay(rdb.db, { date, timeOfDay: 'PM' }))?.block.date).toBe(date)
    },
    // a cluster restart and the replay after it take a while on a busy machine
    240_000,
  )
})
