import { type Kysely, sql } from 'kysely'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { adminQuery } from '../scripts/support/scratch-database.js'
import { createDatabase, type ResidencyDatabase } from '../src/connect.js'
import { ConnectionError } from '../src/errors.js'
import { generateAcademicYearBlocks } from '../src/repositories/blocks.js'
import { getPersonSchedule } from '../src/repositories/schedule.js'
import { withAuditContext } from '../src/audit/with-audit-context.js'
import { readPoolerMode } from '../src/dialect/postgres/pg-pooler.js'
import type { Database } from '../src/schema/generated/database.js'

describe('pooler mode from the URL or the option', () => {
  const url = 'postgres://u:secret@db.example:6432/app?sslmode=disable&pooler=transaction'
  it('reads ?pooler= and removes it from the URL given to pg, keeping the other parameters', () => {
    const { connectionString, mode } = readPoolerMode(url, undefined, 'masked')
    expect(mode).toBe('transaction')
    expect(new URL(connectionString).searchParams.get('pooler')).toBeNull()
    expect(new URL(connectionString).searchParams.get('sslmode')).toBe('disable')
  })
  it('lets the option win over the URL; session mode and no parameter are a direct connection', () => {
    expect(readPoolerMode(url, 'session', 'masked').mode).toBe('none')
    expect(readPoolerMode('postgres://h/db', undefined, 'masked')).toEqual({ connectionString: 'postgres://h/db', mode: 'none' })
  })
  it('refuses an unknown mode with a ConnectionError naming the accepted ones', () => {
    expect(() => readPoolerMode('postgres://h/db?pooler=statement', undefined, 'postgres://h/db')).toThrow(
      expect.objectContaining({ name: 'ConnectionError', message: expect.stringMatching(/unknown pooler mode 'statement'.*'transaction', 'session' or 'none'/) }),
    )
  })
})

// A transaction-mode PgBouncer (the CI's .ci/pgbouncer.sh) in front of the
// server of TEST_POSTGRES_URL: TEST_PGBOUNCER_URL is its URL (any database).
const BOUNCER = process.env.TEST_PGBOUNCER_URL
const DIRECT = process.env.TEST_POSTGRES_URL ?? process.env.DATABASE_URL
const reason = !BOUNCER ? 'TEST_PGBOUNCER_URL is unset (.ci/run starts a PgBouncer and sets it)' : !DIRECT ? 'TEST_POSTGRES_URL is unset' : ''

const withDatabase = (base: string, name: string, search = '') => {
  const url = new URL(base)
  url.pathname = `/${name}`
  url.search = search
  return url.toString()
}

describe.skipIf(reason !== '')(`pg behind a transaction-mode PgBouncer${reason ? ` (skipped: ${reason})` : ''}`, () => {
  const name = `rdb_pooler_${process.pid}`
  const opened: ResidencyDatabase[] = []
  let pooled: ResidencyDatabase
  const open = async (search: string, options = {}) => {
    const rdb = await createDatabase({ url: withDatabase(BOUNCER!, name, search), ...options })
    opened.push(rdb)
    return rdb
  }

  beforeAll(async () => {
    await adminQuery(DIRECT!, `drop database if exists ${name} with (force)`)
    await adminQuery(DIRECT!, `create database ${name}`)
    pooled = await open('?pooler=transaction', { migrationUrl: withDatabase(DIRECT!, name) })
    await pooled.migrateToLatest()
  })
  afterAll(async () => {
    for (const rdb of opened.splice(0)) await rdb.destroy()
    await adminQuery(DIRECT!, `drop database if exists ${name} with (force)`)
  })

  it('runs the same queries many times from many clients over shared server connections (unnamed statements)', async () => {
    const backends = new Set<number>()
    const rounds = await Promise.all(
      Array.from({ length: 40 }, async () => {
        // the sleep keeps server connections busy, so that PgBouncer must use several
        const { rows } = await sql<{ pid: number }>`select pg_backend_pid() as pid, pg_sleep(0.05)::text as slept`.execute(pooled.db)
        backends.add(rows[0]!.pid)
        return getPersonSchedule(pooled.db, { personId: '00000000-0000-4000-8000-000000000001', from: '2025-07-01', to: '2025-07-31' })
      }),
    )
    expect(rounds.every((r) => r.length === 0)).toBe(true)
    expect(backends.size).toBeGreaterThan(1)
  })

  it('keeps every session in UTC, whatever server connection serves it (TimeZone startup parameter, tracked by PgBouncer)', async () => {
    const zones = await Promise.all(
      Array.from({ length: 20 }, async () => (await sql<{ zone: string }>`select current_setting('TimeZone') as zone`.execute(pooled.db)).rows[0]!.zone),
    )
    expect(new Set(zones)).toEqual(new Set(['UTC']))
  })

  it('keeps the audit context to its own transaction (set_config(…, true)): the next transaction on that server connection has none', async () => {
    const { rows } = await withAuditContext(pooled.db, { userId: 'pooled@example.org' }, (trx) =>
      sql<{ pid: number; user: string | null }>`select pg_backend_pid() as pid, nullif(current_setting('residency_db.user_id', true), '') as user`.execute(trx),
    )
    const after = await Promise.all(
      Array.from({ length: 10 }, async () =>
        (await sql<{ pid: number; user: string | null }>`select pg_backend_pid() as pid, nullif(current_setting('residency_db.user_id', true), '') as user`.execute(pooled.db)).rows[0]!,
      ),
    )
    expect(after.some((r) => r.pid === rows[0]!.pid)).toBe(true)
    expect(after.map((r) => r.user)).toEqual(after.map(() => null))
  })

  it('streams through the pooler (pg-cursor keeps its implicit transaction, so its server connection, until it closes)', async () => {
    await generateAcademicYearBlocks(pooled.db, { academicYear: 2030 })
    const blocks = (db: Kysely<Database>) => db.selectFrom('blocks').selectAll().where('date', '>=', '2030-07-01').orderBy('date').orderBy('timeOfDay')
    const query = blocks(pooled.db)
    const executed = await query.execute()
    expect(executed).toHaveLength(730)
    const streams = await Promise.all(
      Array.from({ length: 8 }, async () => {
        const rows = []
        for await (const row of query.stream(7)) rows.push(row)
        return rows
      }),
    )
    for (const rows of streams) expect(rows).toEqual(executed)
    for (let i = 0; i < 12; i++) for await (const _ of query.stream(3)) break
    const inTransaction = await pooled.db.transaction().execute(async (trx) => {
      const rows = []
      for await (const row of blocks(trx).stream(50)) rows.push(row)
      return rows
    })
    expect(inTransaction).toEqual(executed)
    expect(await getPersonSchedule(pooled.db, { personId: '00000000-0000-4000-8000-000000000001', from: '2030-07-01', to: '2030-07-31' })).toEqual([])
  }, 30_000)

  it('refuses migrations without a direct migrationUrl, saying why and what to do', async () => {
    const plain = await open('?pooler=transaction')
    const error = await plain.migrateDown().catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ConnectionError)
    expect((error as Error).message).toMatch(/session-level advisory lock.*direct URL/s)
    expect((await plain.migrationStatus()).every((m) => m.executedAt !== null)).toBe(true)
  })

  it('without the pooler mode, a named prepared statement breaks once PgBouncer gives the client another server connection (what the mode is for)', async () => {
    const named = await open('', { poolSize: 1 })
    const statement = () => sql<{ pid: number }>`select pg_backend_pid() as pid where ${1}::int = 1`.execute(named.db)
    const preparedOn = (await statement()).rows[0]!.pid
    // Other clients hold server connections in open transactions until one of
    // them holds the one the statement was prepared on (PgBouncer hands out the
    // last freed first, so usually the first client does); 10 server
    // connections per pool leave the library's client some other one.
    const holders: pg.Client[] = []
    try {
      let held = false
      while (!held && holders.length < 8) {
        const client = new pg.Client({ connectionString: withDatabase(BOUNCER!, name) })
        holders.push(client)
        await client.connect()
        await client.query('begin')
        held = (await client.query<{ pid: number }>('select pg_backend_pid() as pid')).rows[0]!.pid === preparedOn
      }
      expect(held).toBe(true)
      const error = await statement().catch((e: unknown) => e)
      expect(String(error)).toMatch(/prepared statement .* does not exist/)
    } finally {
      for (const client of holders) await client.end().catch(() => undefined)
    }
  })
})
