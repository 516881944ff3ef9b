import { type CompiledQuery, type KyselyPlugin, createQueryId } from 'kysely'
import { v7 as uuidv7 } from 'uuid'
import { camelName } from '../codec/names.js'
import { fitLimit, toJsonText, toTimestampString } from '../codec/values.js'
import { dialectOf } from '../dialect/dialect.js'
import { columnLimits } from '../schema/generated/column-limits.js'
import { columnTypes, insertDefaults } from '../schema/generated/column-types.js'
import type { Database } from '../schema/generated/database.js'
import type { ColumnLimit, InsertDefault, LogicalType } from '../schema/logical-types.js'
import { samePlugins } from './prepared-query.js'
import type { Executor } from './row-types.js'

/** A validated row: camelCase columns, values as the table's zod insert schema returns them. */
type Row = Readonly<Record<string, unknown>>

/**
 * The codec's encoding of an already validated value, per logical type, for
 * the types whose encoding is the same on every dialect (checked against the
 * compiler, see `insertTemplate`). Booleans differ (1/0 on SQLite) and are
 * taken from the compiler's own encoding of `true` and `false`.
 */
/** -0 as 0, as the codec's number encoders store it. */
const number = (v: unknown) => (v === 0 ? 0 : v)

const ENCODERS: Partial<Record<LogicalType, (value: unknown) => unknown>> = {
  uuid: (v) => (v as string).toLowerCase(),
  varchar: (v) => v,
  text: (v) => v,
  date: (v) => v,
  integer: number,
  smallint: number,
  float: number,
  numeric: number,
  timestamp: (v) => toTimestampString(v, {}),
  timestamptz: (v) => toTimestampString(v, {}),
  json: (v) => toJsonText(v, {}),
}

/** A sample value per logical type: its encoding is compared with the compiler's. */
const SAMPLES: Partial<Record<LogicalType, unknown>> = {
  uuid: 'FFFFFFFF-FFFF-4FFF-BFFF-000000000001',
  varchar: "'", // a quote, and within every varchar(n)
  text: "it's",
  date: '2000-02-29',
  integer: 7,
  smallint: 7,
  float: 0.5,
  numeric: 0.5,
  timestamp: new Date(Date.UTC(2000, 1, 29, 12, 30)),
  timestamptz: new Date(Date.UTC(2000, 1, 29, 12, 30)),
  json: { a: [1, 'b'] },
  boolean: true,
}

interface Column {
  /** camelCase, as on `db` */
  name: string
  logical: LogicalType
  /** What an absent value becomes: generated, a literal, or null. */
  fill: InsertDefault | null
  /** The varchar length or numeric precision its values are fitted to, with the column's database names. */
  limit?: { limit: ColumnLimit; table: string; column: string }
}

interface Template {
  compiled: CompiledQuery
  encoders: ((value: unknown) => unknown)[]
  /** The executor's plugins it was compiled with (withSchema and the like change the SQL). */
  plugins: readonly KyselyPlugin[]
}

/** Templates per database (adapter) and statement shape; row counts vary only in a batch's tail. */
const templates = new WeakMap<object, Map<string, Template | null>>()
const TEMPLATES_PER_ADAPTER = 32

/**
 * Inserts validated rows into `table` in multi-row INSERT statements of as many
 * rows as the dialect's bound-parameter limit allows (SQLite 32,766,
 * PostgreSQL 65,535), in one transaction: the caller's when `db` is one.
 *
 * Each statement's SQL is compiled once per shape (columns, row count) by the
 * dialect's own compiler and reused with the rows' encoded values; building a
 * Kysely query per batch would cost more than the insert. Absent values get the
 * table's insert defaults exactly as `InsertDefaultsPlugin` fills them (UUIDv7
 * ids and one "now" for the whole call for 'uuid'/'now'; literals), else null.
 *
 * @returns the ids of the inserted rows, in input order (every table with an `id` column)
 */
export async function insertInBatches(db: Executor, table: keyof Database & string, rows: readonly Row[]): Promise<string[]> {
  if (rows.length === 0) return []
  const dialect = dialectOf(db)
  const snakeTable = dialect.schema.names.toSnake(table)
  const columns = columnsOf(snakeTable, rows)
  const idIndex = columns.findIndex((c) => c.name === 'id')
  const perBatch = Math.floor(dialect.maxBindParameters / columns.length)
  const now = new Date()
  const ids = new Array<string>(rows.length)

  const run = async (tx: Executor): Promise<void> => {
    for (let start = 0; start < rows.length; start += perBatch) {
      const count = Math.min(perBatch, rows.length - start)
      const template = insertTemplate(tx, table, columns, count)
      if (template === null) {
        await tx.insertInto(table).values(filledRows(rows.slice(start, start + count), columns, now, ids, start) as never[]).execute()
        continue
      }
      const width = columns.length
      const parameters = new Array<unknown>(count * width)
      for (let r = 0; r < count; r++) {
        const row = rows[start + r]!
        for (let c = 0; c < width; c++) {
          const column = columns[c]!
          let value = row[column.name]
          if (value === undefined) value = generate(column.fill, now)
          if (c === idIndex) ids[start + r] = (value as string).toLowerCase()
          parameters[r * width + c] = value === null ? null : template.encoders[c]!(value)
        }
      }
      const { compiled } = template
      await tx.executeQuery({ query: compiled.query, queryId: createQueryId(), sql: compiled.sql, parameters })
    }
  }
  if (db.isTransaction) await run(db)
  else await db.transaction().execute(run)
  return ids
}

/** The columns a set of rows gives, plus those the library fills ('uuid', 'now'), in table order. */
function columnsOf(snakeTable: string, rows: readonly Row[]): Column[] {
  const given = new Set<string>()
  for (const row of rows) for (const key in row) if (row[key] !== undefined) given.add(key)
  const defaults = insertDefaults[snakeTable] ?? {}
  const limits = columnLimits[snakeTable] ?? {}
  const out: Column[] = []
  for (const [snake, logical] of Object.entries(columnTypes[snakeTable]!)) {
    const name = camelName(snake)
    const fill = defaults[snake] ?? null
    if (!given.has(name) && fill !== 'uuid' && fill !== 'now') continue
    const limit = limits[snake]
    out.push(limit ? { name, logical, fill, limit: { limit, table: snakeTable, column: snake } } : { name, logical, fill })
  }
  return out
}

/** The general path, for tables with a type the templates do not cover: Kysely encodes each batch. */
function filledRows(batch: readonly Row[], columns: Column[], now: Date, ids: string[], offset: number): Row[] {
  return batch.map((row, r) => {
    const out: Record<string, unknown> = {}
    for (const column of columns) out[column.name] = row[column.name] === undefined ? generate(column.fill, now) : row[column.name]
    if (typeof out.id === 'string') ids[offset + r] = out.id.toLowerCase()
    return out
  })
}

function generate(fill: InsertDefault | null, now: Date): unknown {
  if (fill === null) return null
  if (fill === 'uuid') return uuidv7()
  if (fill === 'now') return now
  return fill.literal
}

/**
 * The compiled INSERT for `count` rows of `columns`, and one encoder per column
 * that binds exactly what the compiler binds: compiled once from sample rows
 * and checked value by value against the compiler's parameters.
 */
function insertTemplate(db: Executor, table: keyof Database & string, columns: Column[], count: number): Template | null {
  const executor = db.getExecutor()
  let byShape = templates.get(executor.adapter)
  if (byShape === undefined) {
    byShape = new Map()
    templates.set(executor.adapter, byShape)
  }
  const key = `${table}|${columns.map((c) => c.name).join(',')}|${count}`
  let template = byShape.get(key)
  // an executor with other plugins (db.withSchema('x')) compiles other SQL: never reuse across them
  if (template && !samePlugins(template.plugins, executor.plugins)) return compileTemplate(db, table, columns, count)
  if (template === undefined) {
    template = compileTemplate(db, table, columns, count)
    // bounded: a long-running process meets many tail sizes; the oldest shape goes first
    if (byShape.size >= TEMPLATES_PER_ADAPTER) byShape.delete(byShape.keys().next().value!)
    byShape.set(key, template)
  }
  return template
}

function compileTemplate(db: Executor, table: keyof Database & string, columns: Column[], count: number): Template | null {
  if (columns.some((c) => !(c.logical in SAMPLES))) return null
  const sample = Object.fromEntries(columns.map((c) => [c.name, SAMPLES[c.logical]]))
  const compiled = db
    .insertInto(table)
    .values(Array.from({ length: count }, () => sample) as never[])
    .compile()
  const width = columns.length
  if (compiled.parameters.length !== count * width) return null
  const encoders = columns.map((c, i) => {
    const bound = compiled.parameters[(count - 1) * width + i]
    if (c.logical === 'boolean') return booleanEncoder(db, table, c)
    const plain = ENCODERS[c.logical]!
    const fit = c.limit
    const encode = fit ? (value: unknown) => fitLimit(plain(value), fit.limit, fit) : plain
    const mine = encode(SAMPLES[c.logical])
    if (mine !== bound) throw new Error(`insertInBatches: ${table}.${c.name} binds ${String(bound)}, expected ${String(mine)}`)
    return encode
  })
  return { compiled, encoders, plugins: db.getExecutor().plugins }
}

/** Booleans as the compiler binds them on this dialect (true/false or 1/0). */
function booleanEncoder(db: Executor, table: keyof Database & string, column: Column): (value: unknown) => unknown {
  const bound = (value: boolean) =>
    db
      .updateTable(table)
      .set({ [column.name]: value } as never)
      .compile().parameters[0]
  const [yes, no] = [bound(true), bound(false)]
  return (value) => (value ? yes : no)
}
