import type { Kysely } from 'kysely'
import { beforeAll, describe, expect, it } from 'vitest'
import { z } from 'zod'
import { tableSchemas } from '../src/schema/generated/zod/index.js'
import { forEachDriver } from './setup.js'
import { RowFactory, camel, fillDatabase, prepareFresh, toCamel, type Row } from './support/row-factory.js'
import { loadSchemaSpec } from './support/schema-spec.js'

// The generated types must tell the truth about the values `db` returns (Kysely
// never checks). The zod row schemas have exactly the generated types (see
// test/types/schema.test-d.ts), so parsing what each driver returns with them,
// strictly, checks every column of every table at run time: a timestamp that came
// back as a string, a date as a Date, an array as JSON text, would fail here.

const spec = loadSchemaSpec()
const factory = new RowFactory(spec)
const tables = Object.keys(spec.tables).sort()
type Schemas = (typeof tableSchemas)[keyof typeof tableSchemas]

function schemasOf(table: string): Schemas {
  return tableSchemas[camel(table) as keyof typeof tableSchemas]
}

function issues(schema: z.ZodType, value: unknown): string[] {
  return schema.safeParse(value).error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`) ?? []
}

/** The row schema refusing any column it does not know. */
function strictRow(table: string): z.ZodType {
  return z.strictObject(schemasOf(table).row.shape)
}

/** The columns an insert must give: those the insert schema requires, and the primary key. */
function minimalRow(table: string, row: Row): Row {
  const shape = schemasOf(table).insert.shape as Record<string, z.ZodType>
  const key = spec.tables[table]!.primaryKey.map(camel)
  const camelRow = toCamel(row)
  return Object.fromEntries(
    Object.keys(shape)
      .filter((column) => key.includes(column) || !shape[column]!.safeParse(undefined).success)
      .map((column) => [column, camelRow[column]]),
  )
}

describe('the generated insert schemas', () => {
  it.each(tables)('%s: accept a valid row with every column set', (table) => {
    expect(issues(schemasOf(table).insert, toCamel(factory.row(table, 0)))).toEqual([])
  })
})

forEachDriver('the generated row schemas describe what db returns', (ctx) => {
  let db: Kysely<any>

  beforeAll(async () => {
    const rdb = await ctx.open()
    await rdb.migrateToLatest()
    db = rdb.db as unknown as Kysely<any>
    await fillDatabase(db, factory)
  })

  it.each(tables)('%s: a row with every column set, and one with only the required columns', async (table) => {
    const rows = await db.selectFrom(camel(table)).selectAll().execute()
    expect(rows.length).toBeGreaterThan(0)
    for (const row of rows) expect(issues(strictRow(table), row)).toEqual([])

    // the columns left out come back with their defaults, typed as the schema says
    const { row: fresh } = await prepareFresh(db, factory, table)
    const minimal = minimalRow(table, fresh)
    expect(issues(schemasOf(table).insert, minimal)).toEqual([])
    const inserted = await db.insertInto(camel(table)).values(minimal).returningAll().executeTakeFirstOrThrow()
    expect(issues(strictRow(table), inserted)).toEqual([])
  })
})
