import { type Kysely, type KyselyPlugin, sql } from 'kysely'
import { beforeAll, expect, it } from 'vitest'
import type { Database } from '../src/index.js'
import { COPIES_PER_ADAPTER, placeholder, PreparedQuery } from '../src/repositories/prepared-query.js'
import { rowPart, selection } from '../src/repositories/row-parts.js'
import type { Executor, Person } from '../src/repositories/row-types.js'
import { forEachDriver } from './setup.js'

/** A plugin that changes nothing: a `db.withPlugin(...)` of it compiles the same SQL but is another plugin list. */
const passThrough = (): KyselyPlugin => ({ transformQuery: (args) => args.node, transformResult: async (args) => args.result })

forEachDriver('prepared queries', (ctx) => {
  let db: Kysely<Database>
  beforeAll(async () => {
    const rdb = await ctx.open()
    await rdb.migrateToLatest()
    db = rdb.db
    await db.insertInto('people').values([{ name: 'Ana Reyes', type: 'resident', pgyLevel: 2 }, { name: 'Upper Case', type: 'faculty' }]).execute()
    // an id written by another program in upper case (SQLite keeps the text as given; PostgreSQL's uuid type normalizes it)
    if (ctx.driver === 'better-sqlite3') await sql`update people set id = upper(id) where name = 'Upper Case'`.execute(db)
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

  // ---- rows read as cells ----

  const personPart = rowPart<Person>('people', 'p')
  const columns = selection({ name: 'people.name', person: personPart })
  const everyone = new PreparedQuery([placeholder.text(0)] as const, (on: Executor, [excluded]) =>
    on.selectFrom('people').select(columns.columns as never[]).where('name', '!=', excluded).orderBy('name'),
  )
  const readAll = async (on: Executor) => {
    const result = await everyone.executeCells(on, ['nobody'])
    const read = columns.readersFor(result)
    return { form: Array.isArray(result.rows[0]) ? 'arrays' : 'objects', rows: result.rows.map((row) => ({ name: read.name(row), person: read.person(row), id: read.personId(row) })) }
  }

  it(`comes back as ${ctx.driver === 'pglite' ? 'objects (its Kysely driver passes only the SQL text)' : 'arrays'} on a plain db, and reads as the object form does`, async () => {
    const cells = await readAll(db)
    const objects = await readAll(db.withPlugin(passThrough()))
    expect(cells.form).toBe(ctx.driver === 'pglite' ? 'objects' : 'arrays')
    expect(objects.form).toBe('objects')
    expect(cells.rows).toEqual(objects.rows)
    const [ana, upper] = cells.rows
    expect(ana!.name).toBe('Ana Reyes')
    expect(ana!.person).toMatchObject({ name: 'Ana Reyes', type: 'resident', pgyLevel: 2 })
    // decoded as the object form decodes them: timestamps as Dates, ids in lower case
    expect(ana!.person!.createdAt).toBeInstanceOf(Date)
    expect(upper!.person!.id).toBe(upper!.person!.id.toLowerCase())
    expect(upper!.id).toBe(upper!.person!.id)
  })

  it('reads a field the join makes equal to another from that one cell, without selecting it, in both forms', async () => {
    const twinPart = rowPart<Person>('people', 't', 'twin')
    const plain = selection({ person: personPart, twin: twinPart })
    const shared = selection({ person: personPart, twin: twinPart }, { same: { 'twin.id': 'person.id' } })
    expect(shared.columns).toHaveLength(plain.columns.length - 1)
    expect(shared.columns).not.toContain('twin.id as t_id')
    const twins = (list: typeof plain) =>
      new PreparedQuery([placeholder.text(0)] as const, (on: Executor, [excluded]) =>
        on.selectFrom('people').innerJoin('people as twin', 'twin.id', 'people.id').select(list.columns as never[]).where('people.name', '!=', excluded).orderBy('people.name'),
      )
    const read = async (list: typeof plain, on: Executor) => {
      const result = await twins(list).executeCells(on, ['nobody'])
      const r = list.readersFor(result)
      return result.rows.map((row) => ({ person: r.person(row), twin: r.twin(row), twinId: r.twinId(row) }))
    }
    const expected = await read(plain, db)
    expect(expected.map((row) => row.person!.name)).toEqual(['Ana Reyes', 'Upper Case'])
    for (const on of [db, db.withPlugin(passThrough())]) {
      const rows = await read(shared, on)
      expect(rows).toEqual(expected)
      // the upper-case id of SQLite is decoded from the one cell for both parts
      for (const row of rows) expect([row.twin!.id, row.twinId]).toEqual([row.person!.id.toLowerCase(), row.person!.id.toLowerCase()])
    }
  })

  it('refuses a same-field rule that names no field, or a field that is not selected', () => {
    expect(() => selection({ person: personPart }, { same: { 'person.nickname': 'person.id' } })).toThrow('selection: no field person.nickname')
    expect(() => selection({ person: personPart }, { same: { 'person.id': 'supervisor.id' } })).toThrow('selection: person.id is to be read from supervisor.id, which is not selected')
  })

  it('reads a part whose id is null (an outer join that found nothing) as null', async () => {
    const people = selection({ person: personPart, supervisor: rowPart<Person>('people', 's', 'supervisor') })
    const withSupervisor = new PreparedQuery([placeholder.text(0)] as const, (on: Executor, [name]) =>
      on
        .selectFrom('people')
        .leftJoin('people as supervisor', (join) => join.onRef('supervisor.id', '=', 'people.id').on('supervisor.name', '=', 'nobody'))
        .select(people.columns as never[])
        .where('people.name', '=', name),
    )
    for (const on of [db, db.withPlugin(passThrough())]) {
      const result = await withSupervisor.executeCells(on, ['Ana Reyes'])
      const read = people.readersFor(result)
      expect(read.person(result.rows[0])!.name).toBe('Ana Reyes')
      expect(read.supervisor(result.rows[0])).toBeNull()
      expect(read.supervisorId(result.rows[0])).toBeNull()
    }
  })
})
