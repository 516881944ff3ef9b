import { type LogEvent, sql } from 'kysely'
import { beforeAll, expect, it } from 'vitest'
import type { ResidencyDatabase } from '../src/connect.js'
import { UniqueViolationError } from '../src/errors.js'
import { forEachDriver } from './setup.js'

// The `log` option in Kysely's shape: every query and every failed query, with
// its SQL, duration and parameters, and the values bound to secret columns
// (src/schema/secret-columns.ts) replaced by '***'.

const SECRET = '$argon2id$v=19$m=65536$not-a-real-hash'

forEachDriver('query log', ({ open }) => {
  const events: LogEvent[] = []
  let rdb: ResidencyDatabase
  beforeAll(async () => {
    rdb = await open({ log: (event) => void events.push(event) })
    await rdb.migrateToLatest()
  })
  const since = (start: number) => events.slice(start)

  it('logs each query with its SQL, parameters and duration; a secret column value is ***', async () => {
    const start = events.length
    await rdb.db.insertInto('users').values({ username: 'ada', email: 'ada@example.org', hashedPassword: SECRET, role: 'coordinator' }).execute()
    const found = await rdb.db.selectFrom('users').select(['username']).where('hashedPassword', '=', SECRET).where('email', '=', 'ada@example.org').execute()
    expect(found).toEqual([{ username: 'ada' }])
    const logged = since(start)
    const insert = logged.find((e) => e.level === 'query' && /insert into "users"/.test(e.query.sql))
    const select = logged.find((e) => e.level === 'query' && /from "users"/.test(e.query.sql))
    expect(insert, JSON.stringify(logged.map((e) => e.query.sql))).toBeDefined()
    expect(select).toBeDefined()
    for (const event of [insert!, select!]) {
      expect(event.queryDurationMillis).toBeGreaterThanOrEqual(0)
      expect(JSON.stringify(event)).not.toContain(SECRET)
      expect(event.query.parameters).toContain('***')
    }
    // the other values are logged as bound
    expect(insert!.query.parameters).toContain('ada@example.org')
    expect(select!.query.parameters).toEqual(['***', 'ada@example.org'])
  })

  it('redacts a secret column set by an update', async () => {
    const start = events.length
    await rdb.db.updateTable('users').set({ hashedPassword: `${SECRET}-2` }).where('username', '=', 'ada').execute()
    const update = since(start).find((e) => e.level === 'query' && /update "users"/.test(e.query.sql))
    expect(update?.query.parameters).toContain('***')
    expect(update?.query.parameters).toContain('ada')
    expect(JSON.stringify(update)).not.toContain(SECRET)
  })

  it('logs a failed query as an error event with the library error and redacted parameters', async () => {
    const start = events.length
    const error = await rdb.db
      .insertInto('users')
      .values({ username: 'ada', email: 'other@example.org', hashedPassword: SECRET })
      .execute()
      .then(() => undefined, (e: unknown) => e)
    expect(error).toBeInstanceOf(UniqueViolationError)
    const failed = since(start).filter((e) => e.level === 'error')
    expect(failed).toHaveLength(1)
    expect(failed[0]!.level === 'error' && failed[0]!.error).toBe(error)
    expect(failed[0]!.query.parameters).toContain('***')
    expect(JSON.stringify(failed[0]!.query)).not.toContain(SECRET)
  })

  it('logs raw SQL as written (its parameters belong to no known column)', async () => {
    const start = events.length
    await sql`select ${'plain'} as v`.execute(rdb.db)
    const raw = since(start).find((e) => e.level === 'query')
    expect(raw?.query.parameters).toEqual(['plain'])
  })
})
