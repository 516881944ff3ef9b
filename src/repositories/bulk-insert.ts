import { type CompiledQuery, type KyselyPlugin, createQueryId } from 'kysely'
import { uuidv7 } from '../codec/uuid-v7.js'
import { type ColumnEncoder, insertColumnEncoders } from '../codec/codec-compiler.js'
import { camelName } from '../codec/names.js'
import { dialectOf } from '../dialect/dialect.js'
import { columnTypes, insertDefaults } from '../schema/generated/column-types.js'
import type { Database } from '../schema/generated/database.js'
import type { InsertDefault } from '../schema/logical-types.js'
import { samePlugins } from './prepared-query.js'
import type { Executor } from './row-types.js'

/** A validated row: camelCase columns, values as the table's zod insert schema returns them. */
type Row = Readonly<Record<string, unknown>>

interface Column {
  /** camelCase, as on `db` */
  name: string
  /** What an absent value becomes: generated, a literal, or null. */
  fill: InsertDefault | null
}

interface Template {
  compiled: CompiledQuery
  /** The codec's encoder of each column, as the compiler binds its values. */
  encoders: readonly ColumnEncoder[]
  /** The executor's plugins it was compiled with (withSchema and the like change the SQL). */
  plugins: readonly KyselyPlugin[]
}

/** Templates per database (adapter) and statement shape; row counts vary only in a batch's tail. */
const templates = new WeakMap<object, Map<string, Template>>()
const TEMPLATES_PER_ADAPTER = 32

/**
 * Inserts validated rows into `table` in multi-row INSERT statements of as many
 * rows as the dialect's bound-parameter limit allows (SQLite 32,766,
 * PostgreSQL 65,535), in one transaction: the caller's when `db` is one.
 *
 * Each statement's SQL is compiled once per shape (columns, row count) by the
 * dialect's own compiler and reused with the rows' values, each encoded (and
 * so checked) by the codec compiler's encoder of its column: one value path,
 * the same binding a Kysely insert of those rows gets. Building a Kysely query
 * per batch would cost more than the insert. Absent values get the
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
  const width = columns.length
  const idIndex = columns.findIndex((c) => c.name === 'id')
  const perBatch = Math.floor(dialect.maxBindParameters / width)
  const now = new Date()
  const ids = new Array<string>(rows.length)

  const run = async (tx: Executor): Promise<void> => {
    for (let start = 0; start < rows.length; start += perBatch) {
      const count = Math.min(perBatch, rows.length - start)
      const { compiled, encoders } = insertTemplate(tx, table, columns, count)
      // what the library fills alike in every row ("now", literals, null) is encoded once per batch
      const filled = columns.map((c, i) => (c.fill === 'uuid' ? undefined : encoders[i]!(generate(c.fill, now))))
      const parameters = new Array<unknown>(count * width)
      let p = 0
      for (let r = 0; r < count; r++) {
        const row = rows[start + r]!
        for (let c = 0; c < width; c++) {
          const column = columns[c]!
          const value = row[column.name]
          let bound: unknown
          if (value !== undefined) bound = encoders[c]!(value)
          else if (column.fill === 'uuid') bound = encoders[c]!(uuidv7())
          else bound = filled[c]
          if (c === idIndex) ids[start + r] = bound as string
          parameters[p++] = bound
        }
      }
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
  const out: Column[] = []
  for (const snake of Object.keys(columnTypes[snakeTable]!)) {
    const name = camelName(snake)
    const fill = defaults[snake] ?? null
    if (!given.has(name) && fill !== 'uuid' && fill !== 'now') continue
    out.push({ name, fill })
  }
  return out
}

function generate(fill: InsertDefault | null, now: Date): unknown {
  if (fill === null) return null
  if (fill === 'uuid') return uuidv7()
  if (fill === 'now') return now
  return fill.literal
}

/** The compiled INSERT for `count` rows of `columns`, and the codec's encoder of each column. */
function insertTemplate(db: Executor, table: keyof Database & string, columns: Column[], count: number): Template {
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

/**
 * Compiles the statement once from rows of nulls (every value a parameter, of
 * any type), and takes the encoders from the codec compiler that compiled it:
 * the bulk path binds exactly what Kysely would for the same rows.
 */
function compileTemplate(db: Executor, table: keyof Database & string, columns: Column[], count: number): Template {
  const sample = Object.fromEntries(columns.map((c) => [c.name, null]))
  const compiled = db
    .insertInto(table)
    .values(Array.from({ length: count }, () => sample) as never[])
    .compile()
  const encoders = insertColumnEncoders(compiled)
  if (encoders === undefined || encoders.length !== columns.length || compiled.parameters.length !== count * columns.length) {
    throw new Error(`insertInBatches: ${table} did not compile to ${count} rows of the ${columns.length} columns given`)
  }
  return { compiled, encoders, plugins: db.getExecutor().plugins }
}
