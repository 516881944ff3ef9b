import type { Kysely, KyselyPlugin } from 'kysely'
import { beforeAll, expect, it } from 'vitest'
import type { Database } from '../src/index.js'
import { COPIES_PER_ADAPTER, placeholder, PreparedQuery } from '../src/repositories/prepared-query.js'
import type { Executor } from '../src/repositories/row-types.js'
import { forEachDriver } from './setup.js'

/** A plugin that changes nothing: a `db.withPlugin(...)` of it compiles the same SQL but is another plugin list. */
const passThrough = (): KyselyPlugin => ({ transformQuery: (args) => args.node, transformResult: async (args) => args.result })

forEachDriver('prepared queries', (ctx) => {
  let db: Kysely<Database>
  beforeAll(async () => {
    const rdb = await ctx.open()
    await rdb.migrateToLatest()
    db = rdb.db
    await db.insertInto('people').values({ name: 'Ana Reyes', type: 'resident' }).execute()
  })

  /** A prepared name lookup that counts its compilations. */
  const countedLookup = () => {
    const counter = { builds: 0 }
    const query = new PreparedQuery([placeholder.text(0)] as const, (on: Executor, [name]) => {
      counter.builds++
      return on.selectFrom('people').select(['name', 'type']).where('name', '=', name)
    })
    return { query, counter }
  }

  it("compiles once per plugin list: a plain db's calls keep their copy after a call through withPlugin", async () => {
    const { query, counter } = countedLookup()
    const plugged = db.withPlugin(passThrough())
    expect(await query.execute(plugged, ['Ana Reyes'])).toEqual([{ name: 'Ana Reyes', type: 'resident' }])
    expect(await query.execute(db, ['Ana Reyes'])).toEqual([{ name: 'Ana Reyes', type: 'resident' }])
    expect(counter.builds).toBe(2)
    for (let i = 0; i < 5; i++) {
      expect(await query.execute(db, ['Ana Reyes'])).toHaveLength(1)
      expect(await query.execute(plugged, ['nobody'])).toEqual([])
    }
    expect(counter.builds).toBe(2)
  })

  it(`keeps at most ${COPIES_PER_ADAPTER} copies a database, giving up the one used least recently`, async () => {
    const { query, counter } = countedLookup()
    const dbs = Array.from({ length: COPIES_PER_ADAPTER + 1 }, () => db.withPlugin(passThrough()))
    for (const each of dbs) await query.execute(each, ['Ana Reyes'])
    expect(counter.builds).toBe(COPIES_PER_ADAPTER + 1)
    // the last COPIES_PER_ADAPTER are kept …
    for (const each of dbs.slice(1)) expect(await query.execute(each, ['Ana Reyes'])).toHaveLength(1)
    expect(counter.builds).toBe(COPIES_PER_ADAPTER + 1)
    // … and the first was given up
    expect(await query.execute(dbs[0]!, ['Ana Reyes'])).toHaveLength(1)
    expect(counter.builds).toBe(COPIES_PER_ADAPTER + 2)
  })

  it("a transaction shares its db's copy", async () => {
    const { query, counter } = countedLookup()
    await query.execute(db, ['Ana Reyes'])
    const rows = await db.transaction().execute((trx) => query.execute(trx, ['Ana Reyes']))
    expect(rows).toEqual([{ name: 'Ana Reyes', type: 'resident' }])
    expect(counter.builds).toBe(1)
  })
})
