import { sql } from 'kysely'
import { beforeAll, expect, it } from 'vitest'
import type { ResidencyDatabase } from '../src/connect.js'
import { forEachDriver } from './setup.js'

// A computed result column comes back as the same value on every driver when
// the function keeps its argument's type: max(created_at) is a Date, not
// SQLite's ISO text; coalesce(flag, false) is a boolean, not SQLite's 0.

forEachDriver('computed columns', ({ driver, open }) => {
  let rdb: ResidencyDatabase
  let createdAt: Date

  beforeAll(async () => {
    rdb = await open()
    await rdb.migrateToLatest()
    createdAt = new Date(Date.UTC(2025, 6, 1, 8, 30, 0, 125))
    await rdb.db
      .insertInto('people')
      .values([
        { name: 'A', type: 'resident', performsProcedures: null, specialties: ['peds', 'im'], createdAt },
        { name: 'B', type: 'faculty', performsProcedures: true, specialties: null, createdAt: new Date(createdAt.getTime() - 86_400_000) },
      ])
      .execute()
  })

  it('aggregates keep their column type: timestamps, dates, booleans, arrays', async () => {
    const row = await rdb.db
      .selectFrom('people')
      .select((eb) => [eb.fn.max('createdAt').as('latest'), eb.fn.min('createdAt').as('earliest'), eb.fn.max('specialties').as('specialties')])
      .executeTakeFirstOrThrow()
    expect(row).toEqual({ latest: createdAt, earliest: new Date(createdAt.getTime() - 86_400_000), specialties: ['peds', 'im'] })
  })

  it('coalesce and nullif keep the type of their first argument', async () => {
    const rows = await rdb.db
      .selectFrom('people')
      .select((eb) => [
        'name',
        eb.fn.coalesce('performsProcedures', sql<boolean>`false`).as('procedures'),
        eb.fn<string[] | null>('nullif', [eb.ref('specialties'), eb.val(null)]).as('specialties'),
      ])
      .orderBy('name')
      .execute()
    expect(rows).toEqual([
      { name: 'A', procedures: false, specialties: ['peds', 'im'] },
      { name: 'B', procedures: true, specialties: null },
    ])
  })

  it('a window function and a function of a function are decoded too', async () => {
    const rows = await rdb.db
      .selectFrom('people')
      .select((eb) => ['name', eb.fn.max('createdAt').over().as('latest'), eb.fn.coalesce(eb.fn.max('createdAt').over(), eb.ref('createdAt')).as('either')])
      .orderBy('name')
      .execute()
    expect(rows).toEqual([
      { name: 'A', latest: createdAt, either: createdAt },
      { name: 'B', latest: createdAt, either: createdAt },
    ])
  })

  it('RETURNING of a computed column is decoded too', async () => {
    const [row] = await rdb.db
      .insertInto('people')
      .values({ name: 'C', type: 'resident', createdAt })
      .returning((eb) => [eb.fn.coalesce('createdAt', sql<Date>`null`).as('created'), eb.fn.coalesce('canScreen', sql<boolean>`false`).as('screens')])
      .execute()
    expect(row).toEqual({ created: createdAt, screens: false })
    await rdb.db.deleteFrom('people').where('name', '=', 'C').execute()
  })

  it('the same text run first as raw sql, then built, is decoded when built', async () => {
    const text = 'select min("created_at") as "first" from "people"'
    await sql.raw(text).execute(rdb.db)
    const built = rdb.db.selectFrom('people').select((eb) => eb.fn.min('createdAt').as('first'))
    expect(built.compile().sql).toBe(text)
    expect(await built.executeTakeFirstOrThrow()).toEqual({ first: new Date(createdAt.getTime() - 86_400_000) })
  })

  it('a common table expression named like a table does not lend it the table\'s types', async () => {
    const row = await rdb.db
      .with('people', (db) => db.selectNoFrom(sql<string>`cast('2025-07-01 08:30' as text)`.as('createdAt')))
      .selectFrom('people')
      .select((eb) => eb.fn.max('createdAt').as('latest'))
      .executeTakeFirstOrThrow()
    expect(row).toEqual({ latest: '2025-07-01 08:30' })
  })

  // PostgreSQL refuses a union of a timestamp and a text column; SQLite runs it, and must not
  // decode the second branch's text as the first branch's timestamp
  it.runIf(driver === 'better-sqlite3')('a union is not decoded as its first branch (SQLite only: PostgreSQL refuses mixed types)', async () => {
    const rows = await rdb.db
      .selectFrom('people')
      .select((eb) => eb.fn.max('createdAt').as('x'))
      // typed as the first branch: the mixed types are the point
      .unionAll((db) => db.selectFrom('people').select((eb) => eb.fn.max('name').as('x')) as never)
      .execute()
    expect(rows).toEqual([{ x: createdAt.toISOString() }, { x: 'B' }])
  })

  it('a function of anything else is left as the database returns it', async () => {
    const row = await rdb.db
      .selectFrom('people')
      .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn<string>('upper', [eb.ref('name')]).as('upper')])
      .where('name', '=', 'A')
      .groupBy('name')
      .executeTakeFirstOrThrow()
    expect(row).toEqual({ n: 1, upper: 'A' })
  })
})
