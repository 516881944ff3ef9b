import { sql } from 'kysely'
import { afterAll, describe, expect, it } from 'vitest'
import { createDatabase, type ResidencyDatabase } from '../src/connect.js'
import { readPgClientConfig } from '../src/dialect/postgres/pg-client-options.js'
import { POSTGRES_URL } from './setup.js'

// The pg pool's connection settings: URL parameters and options, what the
// server says when a database or role is missing, SSL against the local server.

describe('pg connection settings read from the URL and the options', () => {
  const url = 'postgres://u:secret@db.example:5432/app?connect_timeout=3&statement_timeout=250&application_name=svc&sslmode=require'
  it('takes connect_timeout in seconds and statement_timeout in ms, and removes what pg would read over its config', () => {
    const config = readPgClientConfig(url, {}, 'none', 'masked')
    expect(config.connectionTimeoutMillis).toBe(3000)
    expect(config.pool).toMatchObject({ max: 10, statement_timeout: 250, application_name: 'svc' })
    const params = new URL(config.connectionString).searchParams
    expect(params.get('connect_timeout')).toBeNull()
    expect(params.get('statement_timeout')).toBeNull()
    // sslmode keeps libpq's meaning
    expect(params.get('sslmode')).toBe('require')
    expect(params.get('uselibpqcompat')).toBe('true')
  })
  it('lets the options win over the URL', () => {
    const config = readPgClientConfig(url, { connectTimeoutMs: 500, statementTimeoutMs: 0, applicationName: 'opt', ssl: false, maxUses: 7 }, 'none', 'masked')
    expect(config.connectionTimeoutMillis).toBe(500)
    expect(config.pool).toEqual({ max: 10, application_name: 'opt', maxUses: 7, ssl: false })
    expect(new URL(config.connectionString).searchParams.get('sslmode')).toBeNull()
  })
  it('defaults to a 10 s connect timeout and no statement timeout, and keeps a URL it did not change as given', () => {
    const config = readPgClientConfig('postgres://h/db', {}, 'none', 'masked')
    expect(config).toEqual({ connectionString: 'postgres://h/db', connectionTimeoutMillis: 10_000, pool: { max: 10 } })
  })
  it('refuses a statement timeout behind a transaction-mode pooler, and a negative timeout', () => {
    expect(() => readPgClientConfig('postgres://h/db?statement_timeout=5', {}, 'transaction', 'postgres://h/db')).toThrow(/transaction-mode pooler.*ALTER ROLE/)
    expect(() => readPgClientConfig('postgres://h/db', { connectTimeoutMs: -1 }, 'none', 'postgres://h/db')).toThrow(/connectTimeoutMs .* must be a number/)
  })
})

const behindPooler = POSTGRES_URL !== undefined && new URL(POSTGRES_URL).searchParams.get('pooler') === 'transaction'

describe.skipIf(POSTGRES_URL === undefined)('pg: connection settings against the server', () => {
  const opened: ResidencyDatabase[] = []
  afterAll(async () => {
    for (const rdb of opened.splice(0)) await rdb.destroy()
  })
  const withUrl = (change: (url: URL) => void) => {
    const url = new URL(POSTGRES_URL!)
    change(url)
    return url.toString()
  }
  const open = async (...args: Parameters<typeof createDatabase>) => {
    const rdb = await createDatabase(...args)
    opened.push(rdb)
    return rdb
  }
  const rejection = (promise: Promise<unknown>) => promise.then(() => new Error('opened'), (error: Error) => error)

  // PgBouncer answers for a database it does not know with its own words
  it.skipIf(behindPooler)('a missing database says so, and how to create it', async () => {
    const name = `rdb_missing_${process.pid}`
    const error = await rejection(createDatabase(withUrl((u) => (u.pathname = `/${name}`))))
    expect(error.name).toBe('ConnectionError')
    expect(error.message).toMatch(new RegExp(`^database ${name} does not exist \\(.*\\): create it with createdb ${name}`))
    expect(error.message).not.toMatch(/cannot reach/)
  })

  it.skipIf(behindPooler)('a missing role says so', async () => {
    const role = `rdb_nobody_${process.pid}`
    const error = await rejection(createDatabase(withUrl((u) => ((u.username = role), (u.password = '')))))
    expect(error.name).toBe('ConnectionError')
    // trust authentication tells a missing role; password authentication only that the login failed
    expect(error.message).toMatch(new RegExp(`^(role ${role} does not exist \\(.*\\): create it with createuser ${role}|PostgreSQL at .* refused the login)`))
  })

  it.skipIf(behindPooler)('sslmode=require and the ssl option against a server without SSL: a ConnectionError that says so; sslmode=disable, prefer and allow connect', async () => {
    const admin = await open(POSTGRES_URL!)
    const { rows } = await sql<{ ssl: string }>`select current_setting('ssl') as ssl`.execute(admin.db)
    if (rows[0]!.ssl === 'on') return // this server offers SSL: nothing to refuse
    // one at a time: a second promise created up front would reject unhandled while the first is awaited
    for (const attempt of [() => createDatabase(withUrl((u) => u.searchParams.set('sslmode', 'require'))), () => createDatabase({ url: POSTGRES_URL, ssl: true })]) {
      const error = await rejection(attempt())
      expect(error.name).toBe('ConnectionError')
      expect(error.message).toMatch(/does not support SSL connections.*sslmode=disable/)
    }
    // disable, and prefer and allow (TLS when offered), connect in plain
    for (const mode of ['disable', 'prefer', 'allow']) {
      const plain = await open(withUrl((u) => u.searchParams.set('sslmode', mode)))
      expect((await sql<{ ssl: boolean }>`select ssl from pg_stat_ssl where pid = pg_backend_pid()`.execute(plain.db)).rows).toEqual([{ ssl: false }])
    }
  })

  it.skipIf(behindPooler)('statementTimeoutMs (or statement_timeout= in ms) cancels a longer statement with a StatementTimeoutError; the pool goes on', async () => {
    for (const rdb of [
      await open({ url: POSTGRES_URL, statementTimeoutMs: 200 }),
      await open(withUrl((u) => u.searchParams.set('statement_timeout', '200'))),
      await open({ url: withUrl((u) => u.searchParams.set('statement_timeout', '600000')), statementTimeoutMs: 200 }),
    ]) {
      expect((await sql<{ t: string }>`select current_setting('statement_timeout') as t`.execute(rdb.db)).rows[0]!.t).toBe('200ms')
      const error = await rejection(sql`select pg_sleep(5)`.execute(rdb.db))
      expect(error.name).toBe('StatementTimeoutError')
      expect(error.message).toMatch(/statement timeout/)
      expect((await sql<{ one: number }>`select 1 as one`.execute(rdb.db)).rows).toEqual([{ one: 1 }])
    }
  })

  it.skipIf(!behindPooler)('behind a transaction-mode pooler a statement timeout is refused with a ConnectionError', async () => {
    const error = await rejection(createDatabase({ url: POSTGRES_URL, statementTimeoutMs: 200 }))
    expect(error.name).toBe('ConnectionError')
    expect(error.message).toMatch(/ALTER ROLE/)
  })

  it('applicationName (or application_name=) names the session; maxUses replaces a connection after that many uses', async () => {
    const named = await open({ url: withUrl((u) => u.searchParams.set('application_name', 'from_url')), applicationName: 'rdb_connect_test', poolSize: 1, maxUses: 1 })
    const session = () => sql<{ app: string; pid: number }>`select current_setting('application_name') as app, pg_backend_pid() as pid`.execute(named.db)
    const first = (await session()).rows[0]!
    const second = (await session()).rows[0]!
    expect(first.app).toBe('rdb_connect_test')
    if (!behindPooler) expect(second.pid).not.toBe(first.pid)
  })

  /** Waits up to `ms` for `check` to hold, polling every 50 ms. */
  const eventually = async (check: () => Promise<boolean>, ms: number) => {
    const deadline = Date.now() + ms
    while (!(await check())) {
      if (Date.now() > deadline) return false
      await new Promise((resolve) => setTimeout(resolve, 50))
    }
    return true
  }

  it.skipIf(behindPooler)('idleTimeoutMs closes an idle session of the pool; the next query opens another', async () => {
    const admin = await open(POSTGRES_URL!)
    const app = `rdb_idle_${process.pid}`
    const sessions = async () => (await sql<{ n: number }>`select count(*)::int as n from pg_stat_activity where application_name = ${app}`.execute(admin.db)).rows[0]!.n
    const idle = await open({ url: POSTGRES_URL, applicationName: app, idleTimeoutMs: 200 })
    const pid = async () => (await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(idle.db)).rows[0]!.pid
    const first = await pid()
    expect(await sessions()).toBe(1)
    expect(await eventually(async () => (await sessions()) === 0, 5_000)).toBe(true)
    expect(await pid()).not.toBe(first)
  })

  it.skipIf(behindPooler)('maxLifetimeSeconds replaces a session older than that, also one in steady use', async () => {
    const aged = await open({ url: POSTGRES_URL, poolSize: 1, maxLifetimeSeconds: 1 })
    const pid = async () => (await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(aged.db)).rows[0]!.pid
    const first = await pid()
    expect(await eventually(async () => (await pid()) !== first, 5_000)).toBe(true)
  })
})
