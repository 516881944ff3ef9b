import type { Kysely, Selectable } from 'kysely'
import { describe, expectTypeOf, test } from 'vitest'
import type { Database } from '../../src/schema/generated/database.js'
import { build, insert, testDatabaseFactory } from '../../src/testing.js'

// Type tests of residency-db/testing (type-checked by `npm test`, nothing runs).

declare const db: Kysely<Database>

describe('residency-db/testing', () => {
  test('insert returns the row as selected; build an insertable row with its id', async () => {
    expectTypeOf(await insert.person(db)).toEqualTypeOf<Selectable<Database['people']>>()
    expectTypeOf(await insert.swap(db)).toEqualTypeOf<Selectable<Database['swapRecords']>>()
    expectTypeOf(build.block().id).toEqualTypeOf<string>()
    const row = build.person({ type: 'faculty' })
    await db.insertInto('people').values(row).execute()
  })

  test('overrides are checked against the table', async () => {
    // @ts-expect-error 'visitor' is not a person type
    build.person({ type: 'visitor' })
    // @ts-expect-error assignments have no such column
    await insert.assignment(db, { shift: 'night' })
    // @ts-expect-error a built assignment must name its person and block (build inserts no parents)
    build.assignment({ role: 'primary' })
  })

  test("a service's tables: db keeps them, the factories still take it", async () => {
    interface Notes {
      notes: { id: string; body: string }
    }
    const t = await testDatabaseFactory<Notes>('sqlite::memory:').create()
    expectTypeOf(await t.db.selectFrom('notes').select('body').executeTakeFirstOrThrow()).toEqualTypeOf<{ body: string }>()
    await insert.assignment(t.db)
    await t.db.transaction().execute((trx) => insert.person(trx))
  })
})
