import { PGlite } from '@electric-sql/pglite'
import Database from 'better-sqlite3'
import { sql } from 'kysely'
import pg from 'pg'
import { afterAll, expect, it } from 'vitest'
import { createDatabase, type DatabaseOptions } from '../src/connect.js'
import { ConnectionError } from '../src/errors.js'
import { forEachDriver, freshUrl, POSTGRES_DIRECT_URL } from './setup.js'

// The service's own connection given to createDatabase (a pg.Pool, a
// better-sqlite3 Database, a PGlite instance): migrations run through it, the
// codecs and the camelCase names apply, and destroy() leaves it open.

/** The service's connection for `driver`, how to check it still works, and how the service closes it. */
async function serviceConnection(driver: string) {
  const url = await freshUrl(driver as never)
  if (driver === 'pg') {
    // the service's pool connects directly (behind the CI's transaction-mode PgBouncer, its direct URL)
    const direct = POSTGRES_DIRECT_URL ? new URL(POSTGRES_DIRECT_URL) : new URL(url)
    direct.pathname = new URL(url).pathname
    direct.searchParams.delete('pooler')
    // sessions in a time zone of the service's choosing: the library leaves them as they are
    const pool = new pg.Pool({ connectionString: direct.toString(), max: 3, options: '-c TimeZone=Asia/Kolkata' })
    return {
      options: { pool } satisfies DatabaseOptions,
      stillOpen: async () => (await pool.query('select 1 as one')).rows[0].one as number,
      close: () => pool.end(),
    }
  }
  if (driver === 'pglite') {
    const pglite = await PGlite.create()
    await pglite.exec("set timezone = 'Asia/Kolkata'")
    return {
      options: { pglite } satisfies DatabaseOptions,
      stillOpen: async () => (await pglite.query<{ one: number }>('select 1 as one')).rows[0]!.one,
      close: () => pglite.close(),
    }
  }
  const database = new Database(':memory:')
  return {
    options: { sqlite: database } satisfies DatabaseOptions,
    stillOpen: async () => (database.prepare('select 1 as one').get() as { one: number }).one,
    close: async () => database.close(),
  }
}

forEachDriver("the service's own connection", ({ driver }) => {
  const closers: (() => Promise<unknown>)[] = []
  afterAll(async () => {
    for (const close of closers.splice(0)) await close()
  })

  it('migrates through it, reads and writes camelCase with the codecs, and destroy() leaves it open', async () => {
    const own = await serviceConnection(driver)
    closers.push(own.close)
    const rdb = await createDatabase(own.options)
    expect(rdb.driver).toBe(driver)
    expect(rdb.url).toMatch(/the service's/)
    await rdb.migrateToLatest()
    expect((await rdb.migrationStatus()).every((m) => m.executedAt !== null)).toBe(true)
    const person = await rdb.db
      .insertInto('people')
      .values({ name: 'Ada Lovelace', type: 'resident', pgyLevel: 2, specialties: ['peds', 'icu'] })
      .returningAll()
      .executeTakeFirstOrThrow()
    expect(person.specialties).toEqual(['peds', 'icu'])
    expect(person.createdAt).toBeInstanceOf(Date)
    const read = await rdb.db.selectFrom('people').selectAll().where('id', '=', person.id).executeTakeFirstOrThrow()
    expect(read).toEqual(person)
    // dates stay calendar dates, timestamps the same instant, whatever the session's time zone
    await rdb.db.insertInto('blocks').values({ date: '2025-07-01', timeOfDay: 'AM', blockNumber: 1 }).execute()
    expect(await rdb.db.selectFrom('blocks').select(['date', 'timeOfDay']).execute()).toEqual([{ date: '2025-07-01', timeOfDay: 'AM' }])
    if (driver !== 'better-sqlite3') {
      const { rows } = await sql<{ t: Date }>`select ${'2025-01-02T03:04:05Z'}::timestamptz as t`.execute(rdb.db)
      expect(rows[0]!.t.toISOString()).toBe('2025-01-02T03:04:05.000Z')
    }
    await rdb.destroy()
    expect(await own.stillOpen()).toBe(1)
    // a second createDatabase on the same connection sees what the first stored
    const again = await createDatabase(own.options)
    expect(await again.db.selectFrom('people').select('name').execute()).toEqual([{ name: 'Ada Lovelace' }])
    await again.destroy()
    expect(await own.stillOpen()).toBe(1)
  })

  it('refuses a URL and a connection together', async () => {
    const own = await serviceConnection(driver)
    closers.push(own.close)
    await expect(createDatabase({ ...own.options, url: 'sqlite::memory:' })).rejects.toThrow(ConnectionError)
    await expect(createDatabase({ ...own.options, url: 'sqlite::memory:' })).rejects.toThrow(/one of url, pool, sqlite or pglite/)
  })
})
