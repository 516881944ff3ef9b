import { readFileSync } from 'node:fs'
import { sql } from 'kysely'
import { beforeAll, describe, expect, it } from 'vitest'
import type { ResidencyDatabase } from '../src/connect.js'
import { CodecError } from '../src/errors.js'
import { insertInBatches } from '../src/repositories/bulk-insert.js'
import { columnLimits } from '../src/schema/generated/column-limits.js'
import { forEachDriver } from './setup.js'

// varchar(n) and numeric(p, s) hold the same values on every driver: PostgreSQL
// enforces them and SQLite does not, so the codec layer checks every written
// value, before the database is touched, with PostgreSQL's rules.

interface SpecColumn {
  name: string
  type: string
  length?: number
  precision?: number
  scale?: number
}
const spec = JSON.parse(readFileSync(new URL('./fixtures/schema-spec.json', import.meta.url), 'utf8')) as {
  tables: Record<string, { columns: SpecColumn[] }> | Array<{ name: string; columns: SpecColumn[] }>
}
const specTables = Array.isArray(spec.tables) ? spec.tables : Object.entries(spec.tables).map(([name, t]) => ({ name, ...t }))

describe('the generated column limits', () => {
  it('are the spec\'s varchar lengths and numeric precisions, column for column', () => {
    const fromSpec: Record<string, Record<string, unknown>> = {}
    for (const table of specTables) {
      for (const c of table.columns) {
        const limit =
          c.type === 'varchar' && c.length !== undefined
            ? { maxLength: c.length }
            : c.type === 'numeric' && c.precision !== undefined
              ? { precision: c.precision, scale: c.scale ?? 0 }
              : undefined
        if (limit) (fromSpec[table.name] ??= {})[c.name] = limit
      }
    }
    expect(columnLimits).toEqual(fromSpec)
    expect(Object.values(fromSpec).flatMap(Object.keys).length).toBeGreaterThan(300)
  })
})

/** 255 characters, 510 UTF-16 units: PostgreSQL counts characters. */
const ASTRAL_255 = '𝄞'.repeat(255)

forEachDriver('column limits', ({ driver, open }) => {
  let rdb: ResidencyDatabase

  beforeAll(async () => {
    rdb = await open()
    await rdb.migrateToLatest()
  })

  const countPeople = async () => (await rdb.db.selectFrom('people').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n

  it('refuses a varchar value one character too long, naming the column, and writes nothing', async () => {
    const before = await countPeople()
    const error = await rdb.db
      .insertInto('people')
      .values({ name: 'x'.repeat(256), type: 'resident' })
      .execute()
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(CodecError)
    expect(error).toMatchObject({ table: 'people', column: 'name' })
    expect((error as Error).message).toMatch(/^people\.name: expected at most 255 characters \(varchar\(255\)\), got 256/)
    expect(await countPeople()).toBe(before)
  })

  it('stores exactly n characters, also when they take 2n UTF-16 units, and reads them back', async () => {
    const [row] = await rdb.db.insertInto('people').values({ name: ASTRAL_255, type: 'resident' }).returning(['id', 'name']).execute()
    expect(row!.name).toBe(ASTRAL_255)
    const error = await rdb.db
      .updateTable('people')
      .set({ name: `${ASTRAL_255}a` })
      .where('id', '=', row!.id)
      .execute()
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(CodecError)
    const stored = await rdb.db.selectFrom('people').select('name').where('id', '=', row!.id).executeTakeFirstOrThrow()
    expect(stored.name).toBe(ASTRAL_255)
  })

  it('checks the two-argument set(column, value) too, and encodes it', async () => {
    const [row] = await rdb.db.insertInto('people').values({ name: 'Set', type: 'resident' }).returning('id').execute()
    await expect(rdb.db.updateTable('people').set('name', 'x'.repeat(256)).where('id', '=', row!.id).execute()).rejects.toThrow(
      /^people\.name: expected at most 255 characters/,
    )
    await expect(rdb.db.updateTable('people').set('createdAt', 'garbage').where('id', '=', row!.id).execute()).rejects.toThrow(CodecError)
    const stored = await rdb.db.selectFrom('people').select(['name', 'createdAt']).where('id', '=', row!.id).executeTakeFirstOrThrow()
    expect(stored.name).toBe('Set')
    expect(stored.createdAt).toBeInstanceOf(Date)
  })

  it('cuts excess characters that are all spaces, as PostgreSQL does, and refuses any other excess', async () => {
    const [row] = await rdb.db
      .insertInto('people')
      .values({ name: 'Spaces', type: 'resident', primaryDuty: `${'d'.repeat(254)}e   ` })
      .returning(['id', 'primaryDuty'])
      .execute()
    expect(row!.primaryDuty).toBe(`${'d'.repeat(254)}e`)
    await expect(
      rdb.db.updateTable('people').set({ primaryDuty: `${'d'.repeat(255)}  x` }).where('id', '=', row!.id).execute(),
    ).rejects.toThrow(CodecError)
  })

  it('checks every row of a multi-row insert and upsert updates', async () => {
    const before = await countPeople()
    await expect(
      rdb.db
        .insertInto('people')
        .values([
          { name: 'fits', type: 'resident' },
          { name: 'fits too', type: 'resident', primaryDuty: 'd'.repeat(256) },
        ])
        .execute(),
    ).rejects.toThrow(/people\.primary_duty: expected at most 255 characters/)
    const id = '01890000-0000-7000-8000-000000000001'
    await rdb.db.insertInto('people').values({ id, name: 'Upsert', type: 'resident' }).execute()
    await expect(
      rdb.db
        .insertInto('people')
        .values({ id, name: 'Upsert', type: 'resident' })
        .onConflict((oc) => oc.column('id').doUpdateSet({ email: 'e'.repeat(256) }))
        .execute(),
    ).rejects.toThrow(/people\.email: expected at most 255 characters/)
    expect(await countPeople()).toBe(before + 1)
  })

  it('lets a compared value be of any length: a filter is not a write', async () => {
    const rows = await rdb.db.selectFrom('people').select('id').where('name', '=', 'x'.repeat(300)).execute()
    expect(rows).toEqual([])
  })

  // stored as PostgreSQL stores it: rounded half away from zero on the decimal form sent
  // (2.675 is 2.67499… in binary, yet '2.675' rounds up), refused with nine digits before the point
  it.each([
    [99_999_999.99, 99_999_999.99],
    [-99_999_999.994, -99_999_999.99],
    [2.675, 2.68],
    [0.005, 0.01],
    [0.004, 0],
    [99_999_999.995, 'refused'], // rounds to 100000000.00
    [100_000_000, 'refused'],
    [1e21, 'refused'],
  ] as const)('numeric(10, 2) runtime_seconds = %s: %s', async (value, stored) => {
    const insert = rdb.db
      .insertInto('scheduleRuns')
      .values({ startDate: '2025-07-01', endDate: '2025-07-31', algorithm: 'greedy', status: 'done', runtimeSeconds: value })
      .returning(['id', 'runtimeSeconds'])
    if (stored !== 'refused') {
      const [row] = await insert.execute()
      expect(row!.runtimeSeconds).toBe(stored)
      const read = await rdb.db.selectFrom('scheduleRuns').select('runtimeSeconds').where('id', '=', row!.id).executeTakeFirstOrThrow()
      expect(read.runtimeSeconds).toBe(stored)
    } else {
      await expect(insert.execute()).rejects.toThrow(
        new CodecError(`schedule_runs.runtime_seconds: expected an absolute value below 1e8 (numeric(10, 2)), got ${value}`, 'schedule_runs', 'runtime_seconds'),
      )
    }
  })

  it('fits the rows of the bulk insert path (reused compiled INSERTs) the same way', async () => {
    const run = { startDate: '2025-07-01', endDate: '2025-07-31', algorithm: 'greedy', status: 'done' }
    const [id] = await insertInBatches(rdb.db, 'scheduleRuns', [{ ...run, runtimeSeconds: 2.675 }])
    const read = await rdb.db.selectFrom('scheduleRuns').select('runtimeSeconds').where('id', '=', id!).executeTakeFirstOrThrow()
    expect(read.runtimeSeconds).toBe(2.68)
    await expect(insertInBatches(rdb.db, 'scheduleRuns', [run, { ...run, algorithm: 'a'.repeat(51) }])).rejects.toThrow(
      /^schedule_runs\.algorithm: expected at most 50 characters/,
    )
  })

  // a raw sql parameter has no known column: PostgreSQL's own check, translated, is all there is
  if (driver === 'better-sqlite3') {
    it('stores a too-long raw sql parameter (SQLite enforces no length; the README says so)', async () => {
      const id = '01890000-0000-7000-8000-000000000002'
      await sql`insert into people (id, name, type) values (${id}, ${'x'.repeat(300)}, 'resident')`.execute(rdb.db)
      const row = await rdb.db.selectFrom('people').select('name').where('id', '=', id).executeTakeFirstOrThrow()
      expect(row.name).toHaveLength(300)
    })
  } else {
    it('turns PostgreSQL\'s refusal of a too-long raw sql parameter into a CodecError with the cause', async () => {
      const before = await countPeople()
      const error = await sql`insert into people (id, name, type) values (${'01890000-0000-7000-8000-000000000003'}, ${'x'.repeat(300)}, 'resident')`
        .execute(rdb.db)
        .catch((e: unknown) => e)
      expect(error).toBeInstanceOf(CodecError)
      expect((error as Error).message).toContain('value too long for type character varying(255)')
      expect((error as CodecError & { cause: { code: string } }).cause.code).toBe('22001')
      expect(await countPeople()).toBe(before)
    })

    it('turns an out-of-range raw integer into a CodecError, but leaves arithmetic overflow the database\'s error', async () => {
      const stored = sql`insert into people (id, name, type, pgy_level) values (${'01890000-0000-7000-8000-000000000004'}, 'Big', 'resident', ${2 ** 40})`
      await expect(stored.execute(rdb.db)).rejects.toThrow(CodecError)
      const overflow = await sql`select 2147483647::int + 1 as n`.execute(rdb.db).catch((e: unknown) => e)
      expect(overflow).not.toBeInstanceOf(CodecError)
      expect((overflow as { code?: string }).code).toBe('22003')
    })
  }
})
