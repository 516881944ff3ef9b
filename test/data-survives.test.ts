import type { Kysely } from 'kysely'
import { beforeAll, describe, expect, it } from 'vitest'
import type { ResidencyDatabase } from '../src/connect.js'
import { readCatalog } from '../src/dialect/catalog.js'
import { RowFactory, camel, fillDatabase, insertRow, toCamel, type Row } from './support/row-factory.js'
import { loadSchemaSpec } from './support/schema-spec.js'
import { forEachDriver } from './setup.js'

// "Data survives": every table holds a valid row; taking the last migration down
// and up again leaves every other table's rows exactly as they were. The audit
// tables are the exception that proves the rule: capture writes them, and the
// triggers' migration gives existing rows a first version when it goes up, so
// there every row must still be there, and new ones may join them.

const spec = loadSchemaSpec()
const factory = new RowFactory(spec)
const tables = Object.keys(spec.tables).sort()
const auditTables = new Set(tables.filter((t) => t === 'transaction' || spec.tables[t]!.versionOf !== undefined))

/** Every row of a table, decoded, in primary-key order (as JSON text, so Dates compare too). */
async function rowsOf(db: Kysely<any>, table: string): Promise<Row[]> {
  const rows = (await db.selectFrom(camel(table)).selectAll().execute()) as Row[]
  const keys = spec.tables[table]!.primaryKey.map(camel)
  const sortKey = (r: Row) => JSON.stringify(keys.map((k) => r[k]), (_k, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v))
  return rows.sort((a, b) => (sortKey(a) < sortKey(b) ? -1 : sortKey(a) > sortKey(b) ? 1 : 0))
}

forEachDriver('data survives the last migration going down and up', (ctx) => {
  let rdb: ResidencyDatabase
  let db: Kysely<any>
  const before = new Map<string, Row[]>()
  let lastTables: string[] = []

  beforeAll(async () => {
    rdb = await ctx.open()
    await rdb.migrateToLatest()
    db = rdb.db as unknown as Kysely<any>
    await fillDatabase(db, factory)
    for (const table of tables) before.set(table, await rowsOf(db, table))
  })

  it('every one of the 100 tables holds at least one row, read back as it was written', () => {
    expect(tables).toHaveLength(100)
    const counts = Object.fromEntries(tables.map((t) => [t, before.get(t)!.length]))
    expect(Object.entries(counts).filter(([, n]) => n < 1)).toEqual([])
    for (const table of tables) {
      const written = toCamel(factory.row(table, 0))
      if (auditTables.has(table)) expect(before.get(table), table).toContainEqual(written)
      else expect(before.get(table), table).toEqual([written])
    }
  })

  it('down then up on the last migration: the other tables keep exactly their rows', async () => {
    const status = await rdb.migrationStatus()
    const last = status.at(-1)!
    expect(last.executedAt).not.toBeNull()

    const tablesBefore = Object.keys((await readCatalog(db)).tables)
    const down = await rdb.migrateDown()
    expect(down.map((s) => s.name)).toEqual([last.name])
    const tablesDown = Object.keys((await readCatalog(db)).tables)
    lastTables = tablesBefore.filter((t) => !tablesDown.includes(t)).sort()
    // the last migration may create tables (then only some) or none (triggers)
    expect(tablesDown.length).toBeGreaterThan(0)
    expect(lastTables.every((t) => spec.tables[t] !== undefined)).toBe(true)

    const up = await rdb.migrateUp()
    expect(up.map((s) => s.name)).toEqual([last.name])
    expect(Object.keys((await readCatalog(db)).tables).sort()).toEqual([...tablesBefore].sort())

    const untouched = tables.filter((t) => !lastTables.includes(t))
    expect(untouched.length + lastTables.length).toBe(100)
    for (const table of untouched) {
      const after = await rowsOf(db, table)
      // soft: one failing table does not hide the others
      if (auditTables.has(table)) expect.soft(after, table).toEqual(expect.arrayContaining(before.get(table)!))
      else expect.soft(after, table).toEqual(before.get(table))
    }
  })

  describe('the tables the last migration recreated', () => {
    it('are empty and take their rows again', async () => {
      for (const table of lastTables) {
        expect(await rowsOf(db, table), table).toEqual([])
        await insertRow(db, table, factory.row(table, 0))
        expect(await rowsOf(db, table), table).toEqual(before.get(table))
      }
    })
  })
})
