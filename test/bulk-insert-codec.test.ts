import type { Kysely } from 'kysely'
import { beforeAll, expect, it } from 'vitest'
import { CodecError, type Database } from '../src/index.js'
import { insertInBatches } from '../src/repositories/bulk-insert.js'
import { forEachDriver } from './setup.js'

// The bulk insert has no encoders of its own: every value goes through the
// codec compiler's encoder of its column, so it stores exactly what a Kysely
// insert of the same rows stores, and refuses what that insert refuses.
forEachDriver('bulk insert: one value path with the codec', (ctx) => {
  let db: Kysely<Database>
  let personId: string
  let blockIds: string[]

  beforeAll(async () => {
    const rdb = await ctx.open()
    await rdb.migrateToLatest()
    db = rdb.db
    personId = (await db.insertInto('people').values({ name: 'R', type: 'resident', pgyLevel: 1 }).returning('id').executeTakeFirstOrThrow()).id
    blockIds = (
      await db
        .insertInto('blocks')
        .values([0, 1, 2, 3].map((i) => ({ date: `2025-07-0${i + 1}`, timeOfDay: 'AM' as const, blockNumber: 1, isWeekend: i % 2 === 0 })))
        .returning('id')
        .execute()
    ).map((b) => b.id)
  })

  const row = (blockId: string) => ({
    blockId: blockId.toUpperCase(),
    personId,
    role: 'primary' as const,
    explainJson: { why: ['a', 1], nested: { ok: true } },
    confidence: -0,
    activityOverride: 'clinic   ', // varchar(255): kept as given (within the limit)
    createdAt: new Date(Date.UTC(2024, 1, 29, 12, 30, 45, 678)),
  })

  const stored = (ids: string[]) =>
    db
      .selectFrom('assignments')
      .select(['blockId', 'personId', 'role', 'explainJson', 'confidence', 'activityOverride', 'createdAt'])
      .where('id', 'in', ids)
      .orderBy('blockId')
      .execute()

  it('stores the same values as a Kysely insert of the same rows', async () => {
    const viaKysely = await db.insertInto('assignments').values([row(blockIds[0]!), row(blockIds[1]!)]).returning('id').execute()
    const viaBulk = await insertInBatches(db, 'assignments', [row(blockIds[2]!), row(blockIds[3]!)])
    const strip = (rows: Awaited<ReturnType<typeof stored>>) => rows.map(({ blockId: _, ...rest }) => rest)
    expect(strip(await stored(viaBulk))).toEqual(strip(await stored(viaKysely.map((r) => r.id))))
    expect(viaBulk.every((id) => id === id.toLowerCase())).toBe(true)
    expect((await stored(viaBulk)).map((r) => r.blockId)).toEqual([blockIds[2], blockIds[3]].sort())
  })

  it('refuses a bad value with the codec error naming its column, and writes nothing', async () => {
    const before = await db.selectFrom('assignments').select('id').execute()
    const error = await insertInBatches(db, 'assignments', [{ ...row(blockIds[0]!), personId: 'not-a-uuid' }]).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(CodecError)
    expect((error as CodecError).message).toMatch(/^assignments\.person_id: expected a UUID string/)
    expect(await db.selectFrom('assignments').select('id').execute()).toEqual(before)
  })
})
