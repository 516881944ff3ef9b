import type { Kysely } from 'kysely'
import { NameMap } from '../../src/codec/names.js'
import { columnTypes } from '../../src/schema/generated/column-types.js'
import type { SchemaSpec, SpecColumn, SpecForeignKey, SpecTable } from './schema-spec.js'

/**
 * Valid rows for every table of the spec, derived from the spec alone.
 *
 * - Tables come in foreign-key order (parents first; a table's references to
 *   itself do not count).
 * - Row `n` of a table has values of each column's logical type that depend on
 *   `n` (row 0 is the "base" row the database is filled with; rows 1, 2, … are
 *   fresh copies that differ in every column that is not a foreign key).
 * - Every CHECK of the spec is parsed into terms (`col IN (…)`, `col >= 5`,
 *   `col BETWEEN 1 AND 3`, `end_date >= start_date`, `col IS NULL OR …`); enum
 *   columns get the first allowed value, range columns a value inside the range,
 *   compared columns are adjusted so that the comparison holds. A check the parser
 *   cannot read throws: add it to OVERRIDES.
 * - Foreign key columns point at the parent's base row (a reference to the same
 *   table points at the row itself), or at whatever the caller passes.
 * - Every column is filled, nullable ones too, so that a row read back shows
 *   every column's value.
 *
 * Rows are snake_case (`Row`); `toCamel` gives the keys `db` (the codec layer) takes.
 */

export type Row = Record<string, unknown>

/** One condition of a CHECK, on non-null values (SQL: a NULL passes a CHECK). */
export type CheckTerm =
  | { kind: 'in'; column: string; values: (string | number)[] }
  | { kind: 'const'; column: string; op: Comparison; value: number }
  | { kind: 'columns'; left: string; op: Comparison; right: string }

type Comparison = '>=' | '>' | '<=' | '<'

/** A CHECK of the spec, read: the row must satisfy every term (`IS NULL OR` guards are dropped: rows fill every column). */
export interface ParsedCheck {
  name: string
  sql: string
  terms: CheckTerm[]
}

/**
 * Checks the generic parser cannot derive valid or violating values for, keyed
 * `<table>.<check name>` (check names repeat across tables): `valid` columns are
 * set on every row of the table, `violate` gives the update that breaks the check.
 * An entry here replaces the parsed terms. Empty today: all 88 checks of the spec
 * are enum lists (`IN (…)`), constant bounds (`>=`, `BETWEEN`), a comparison of two
 * columns (`end_date >= start_date`), optionally behind `col IS NULL OR`; the
 * parser throws on anything else, which is the cue to add an entry.
 */
export const OVERRIDES: Record<string, { valid: Row; violate: (row: Row) => Row }> = {}

const NAMES = new NameMap(columnTypes)

/** The snake_case row as the camelCase object `db` takes. */
export function toCamel(row: Row): Row {
  return Object.fromEntries(Object.entries(row).map(([k, v]) => [NAMES.toCamel(k), v]))
}

export function camel(name: string): string {
  return NAMES.toCamel(name)
}

/** A uuid no table holds. */
export const MISSING_UUID = 'ffffffff-ffff-4fff-bfff-ffffffffffff'
/** A bigint key no table holds. */
export const MISSING_BIGINT = 2 ** 40

const INTEGER_TYPES = new Set(['integer', 'smallint', 'bigint'])
const NUMBER_TYPES = new Set(['integer', 'smallint', 'bigint', 'float', 'numeric'])
const DAY_MS = 86_400_000
const BASE_DAY = Date.UTC(2025, 0, 1)

// ---------------------------------------------------------------------------
// CHECK parsing

function stripParens(sql: string): string {
  let s = sql.trim()
  while (s.startsWith('(') && s.endsWith(')') && balanced(s.slice(1, -1))) s = s.slice(1, -1).trim()
  return s
}

function balanced(s: string): boolean {
  let depth = 0
  for (const ch of s) {
    if (ch === '(') depth++
    if (ch === ')' && --depth < 0) return false
  }
  return depth === 0
}

function parseLiteral(text: string): string | number {
  const t = text.trim()
  if (t.startsWith("'") && t.endsWith("'")) return t.slice(1, -1).replace(/''/g, "'")
  const n = Number(t)
  if (t === '' || Number.isNaN(n)) throw new Error(`not a literal: ${text}`)
  return n
}

const FLIP: Record<Comparison, Comparison> = { '>=': '<=', '>': '<', '<=': '>=', '<': '>' }

function parseTerm(term: string, columns: Set<string>): CheckTerm {
  const t = stripParens(term)
  let m = /^(\w+) IN \((.*)\)$/is.exec(t)
  if (m && columns.has(m[1]!)) {
    return { kind: 'in', column: m[1]!, values: m[2]!.split(',').map(parseLiteral) }
  }
  m = /^(\w+)\s*(>=|<=|>|<)\s*(\S+)$/.exec(t)
  if (m && columns.has(m[1]!)) {
    const op = m[2] as Comparison
    if (columns.has(m[3]!)) return { kind: 'columns', left: m[1]!, op, right: m[3]! }
    const value = parseLiteral(m[3]!)
    if (typeof value === 'number') return { kind: 'const', column: m[1]!, op, value }
  }
  m = /^(-?[\d.]+)\s*(>=|<=|>|<)\s*(\w+)$/.exec(t)
  if (m && columns.has(m[3]!)) {
    return { kind: 'const', column: m[3]!, op: FLIP[m[2] as Comparison], value: Number(m[1]) }
  }
  throw new Error(`cannot read CHECK term: ${term}`)
}

/** Reads one CHECK into terms; throws when its SQL is outside what the parser knows. */
export function parseCheck(table: SpecTable, check: { name: string; sql: string }): ParsedCheck {
  const columns = new Set(table.columns.map((c) => c.name))
  let sql = stripParens(check.sql)
  // `col IS NULL OR <condition on col>`: rows fill every column, so the condition is what counts
  const guard = /^(\w+) IS NULL OR (.*)$/is.exec(sql)
  if (guard && columns.has(guard[1]!)) sql = stripParens(guard[2]!)
  // `col BETWEEN a AND b` → `col >= a AND col <= b`
  sql = sql.replace(/(\w+) BETWEEN (\S+) AND (\S+)/gi, '$1 >= $2 AND $1 <= $3')
  const terms = sql.split(/\s+AND\s+/i).map((term) => parseTerm(term, columns))
  for (const term of terms) {
    const cols = term.kind === 'columns' ? [term.left, term.right] : [term.column]
    if (guard && !cols.includes(guard[1]!)) throw new Error(`${check.name}: IS NULL guard on another column`)
  }
  return { name: check.name, sql: check.sql, terms }
}

function compare(a: number | string, op: Comparison, b: number | string): boolean {
  switch (op) {
    case '>=':
      return a >= b
    case '>':
      return a > b
    case '<=':
      return a <= b
    case '<':
      return a < b
  }
}

/** Whether a row satisfies a check, as SQL would judge it (NULL operands pass). */
export function satisfies(check: ParsedCheck, row: Row): boolean {
  return check.terms.every((term) => {
    if (term.kind === 'columns') {
      const a = row[term.left]
      const b = row[term.right]
      if (a === null || a === undefined || b === null || b === undefined) return true
      return compare(a as number | string, term.op, b as number | string)
    }
    const v = row[term.column]
    if (v === null || v === undefined) return true
    if (term.kind === 'in') return term.values.includes(v as string | number)
    return compare(v as number, term.op, term.value)
  })
}

// ---------------------------------------------------------------------------
// values

function isoDate(n: number): string {
  return new Date(BASE_DAY + n * DAY_MS).toISOString().slice(0, 10)
}

function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10)
}

function step(column: SpecColumn, value: unknown, direction: 1 | -1): unknown {
  if (column.type === 'date') return addDays(value as string, direction)
  if (NUMBER_TYPES.has(column.type)) return (value as number) + direction * (INTEGER_TYPES.has(column.type) ? 1 : 0.5)
  if (column.type === 'timestamp' || column.type === 'timestamptz') return new Date((value as Date).getTime() + direction * 60_000)
  throw new Error(`cannot order values of ${column.name} (${column.type})`)
}

/** A value of the column's logical type that depends on n (no CHECK applied). */
/** Where the factory's own identity ids start. */
const AUDIT_ID_BASE = 1_000_000

function plainValue(table: string, column: SpecColumn, n: number, tableIndex: number): unknown {
  switch (column.type) {
    case 'uuid':
      return `${tableIndex.toString(16).padStart(8, '0')}-0000-4000-8000-${n.toString(16).padStart(12, '0')}`
    case 'varchar': {
      const text = `${column.name}_${n}`
      return text.length <= column.length! ? text : String(n).slice(-column.length!)
    }
    case 'text':
      return `${table}.${column.name} #${n}`
    case 'integer':
    case 'smallint':
      return n + 1
    case 'bigint':
      // identity ids the database hands out (audit capture writes `transaction`
      // rows from 1) never meet the factory's own
      return column.identity ? AUDIT_ID_BASE + n : n + 1
    case 'float':
      return n + 0.5
    case 'numeric':
      return (n % 10 ** Math.min(6, column.precision! - column.scale!)) + (column.scale! >= 2 ? 0.25 : column.scale! >= 1 ? 0.5 : 0)
    case 'boolean':
      return n % 2 === 0
    case 'date':
      return isoDate(n)
    case 'time': {
      const minutes = (8 * 60 + n) % (24 * 60)
      return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}:00`
    }
    case 'timestamp':
    case 'timestamptz':
      return new Date(BASE_DAY + 12 * 3_600_000 + n * 60_000)
    case 'json':
      return { table, column: column.name, n, tags: ['a', 'b'], nested: { ok: true } }
    case 'string_array':
      return [`${column.name}`, `item ${n}`]
    case 'vector':
      // binary fractions survive float4 storage (pgvector, real[]) exactly
      return Array.from({ length: column.dimensions! }, (_, i) => ((i + n) % 8) * 0.125)
    default:
      throw new Error(`no value for type ${column.type} (${table}.${column.name})`)
  }
}

/** Brings a number into [lo, hi] (either bound optional), still depending on n where it can. */
function intoRange(column: SpecColumn, value: number, n: number, lo?: number, hi?: number): number {
  if ((lo === undefined || value >= lo) && (hi === undefined || value <= hi)) return value
  const integer = INTEGER_TYPES.has(column.type)
  if (lo !== undefined && hi !== undefined) return integer ? lo + (n % (hi - lo + 1)) : lo + (hi - lo) / 2
  if (lo !== undefined) return lo + n
  return hi! - n
}

/** A value that breaks one term, chosen to pass the codec (right type, fits the column). */
function violation(term: CheckTerm, spec: SpecTable, row: Row): Row {
  const column = (name: string) => spec.columns.find((c) => c.name === name)!
  if (term.kind === 'columns') {
    // left op right: move left past right in the wrong direction
    const wrong = term.op === '>=' || term.op === '>' ? -1 : 1
    const left = column(term.left)
    const right = row[term.right]
    return { [term.left]: term.op === '>' || term.op === '<' ? right : step(left, right, wrong) }
  }
  const col = column(term.column)
  if (term.kind === 'in') {
    if (term.values.every((v) => typeof v === 'number')) return { [term.column]: Math.max(...(term.values as number[])) + 1 }
    const fits = (s: string) => col.length === undefined || s.length <= col.length
    const candidate = ['not_a_listed_value', 'zz', 'z'].find((s) => fits(s) && !term.values.includes(s))
    if (!candidate) throw new Error(`no violating text for ${col.name}`)
    return { [term.column]: candidate }
  }
  const delta = INTEGER_TYPES.has(col.type) ? 1 : 0.5
  switch (term.op) {
    case '>=':
      return { [term.column]: term.value - delta }
    case '>':
      return { [term.column]: term.value }
    case '<=':
      return { [term.column]: term.value + delta }
    case '<':
      return { [term.column]: term.value }
  }
}

// ---------------------------------------------------------------------------
// the factory

/** Tables in foreign-key order: every table after the tables it references (itself aside). */
export function tablesInFkOrder(spec: SchemaSpec): string[] {
  const order: string[] = []
  const placed = new Set<string>()
  const pending = Object.keys(spec.tables).sort()
  while (pending.length > 0) {
    const ready = pending.filter((t) =>
      spec.tables[t]!.foreignKeys.every((fk) => fk.references.table === t || placed.has(fk.references.table)),
    )
    if (ready.length === 0) throw new Error(`foreign key cycle among ${pending.join(', ')}`)
    for (const t of ready) {
      placed.add(t)
      order.push(t)
      pending.splice(pending.indexOf(t), 1)
    }
  }
  return order
}

/** The unique column sets of a table: primary key, unique constraints, unique indexes. */
export function uniqueSets(spec: SpecTable): { name: string; columns: string[] }[] {
  return [
    { name: 'primary key', columns: spec.primaryKey },
    ...spec.uniques,
    ...spec.indexes.filter((i) => i.unique).map((i) => ({ name: i.name, columns: i.columns })),
  ]
}

export class RowFactory {
  readonly spec: SchemaSpec
  readonly order: string[]
  readonly checks: Record<string, ParsedCheck[]>
  readonly #tableIndex = new Map<string, number>()
  #next = 1

  constructor(spec: SchemaSpec) {
    this.spec = spec
    this.order = tablesInFkOrder(spec)
    this.order.forEach((t, i) => this.#tableIndex.set(t, i + 1))
    this.checks = Object.fromEntries(
      Object.entries(spec.tables).map(([name, table]) => [
        name,
        table.checks.filter((c) => !OVERRIDES[`${name}.${c.name}`]).map((c) => parseCheck(table, c)),
      ]),
    )
  }

  table(name: string): SpecTable {
    const table = this.spec.tables[name]
    if (!table) throw new Error(`no table ${name} in the spec`)
    return table
  }

  /** A row number no earlier call returned (for fresh rows; 0 is the base row). */
  nextN(): number {
    return this.#next++
  }

  /** The primary key of a row: `{ col: value }`. */
  key(table: string, row: Row): Row {
    return Object.fromEntries(this.table(table).primaryKey.map((c) => [c, row[c]]))
  }

  /**
   * Row n of a table: every column filled, every CHECK satisfied; foreign keys
   * point at the parents' base rows unless `refs` gives the column's value.
   */
  row(table: string, n: number, refs: Row = {}): Row {
    const spec = this.table(table)
    const tableIndex = this.#tableIndex.get(table)!
    const row: Row = {}
    for (const column of spec.columns) row[column.name] = plainValue(table, column, n, tableIndex)
    // CHECK terms on single columns
    const checks = this.checks[table]!
    for (const check of checks) {
      for (const term of check.terms) {
        if (term.kind === 'in') row[term.column] = term.values[0]
      }
    }
    for (const column of spec.columns) {
      let lo: number | undefined
      let hi: number | undefined
      const integer = INTEGER_TYPES.has(column.type)
      for (const check of checks) {
        for (const term of check.terms) {
          if (term.kind !== 'const' || term.column !== column.name) continue
          const exclusive = term.op === '>' || term.op === '<'
          const bound = exclusive ? term.value + (term.op === '>' ? 1 : -1) * (integer ? 1 : 0.5) : term.value
          if (term.op === '>' || term.op === '>=') lo = lo === undefined ? bound : Math.max(lo, bound)
          else hi = hi === undefined ? bound : Math.min(hi, bound)
        }
      }
      if (lo !== undefined || hi !== undefined) row[column.name] = intoRange(column, row[column.name] as number, n, lo, hi)
    }
    // comparisons of two columns: move one side just past the other
    for (const check of checks) {
      for (const term of check.terms) {
        if (term.kind !== 'columns' || satisfies({ ...check, terms: [term] }, row)) continue
        const left = spec.columns.find((c) => c.name === term.left)!
        const up = term.op === '>=' || term.op === '>' ? 1 : -1
        row[term.left] = step(left, row[term.right], up)
      }
    }
    for (const check of spec.checks) {
      const override = OVERRIDES[`${table}.${check.name}`]
      if (override) Object.assign(row, override.valid)
    }
    // foreign keys: the parent's base row, the row itself for a self reference
    for (const fk of spec.foreignKeys) {
      fk.columns.forEach((column, i) => {
        if (column in refs) return
        const parentColumn = fk.references.columns[i]!
        const parent = fk.references.table === table ? row : this.row(fk.references.table, 0)
        row[column] = parent[parentColumn]
      })
    }
    Object.assign(row, refs)
    for (const check of checks) {
      if (!satisfies(check, row)) throw new Error(`row factory: ${table} row ${n} breaks ${check.name} (${check.sql})`)
    }
    return row
  }

  /** The base rows of every table, in foreign-key order. */
  baseRows(): { table: string; row: Row }[] {
    return this.order.map((table) => ({ table, row: this.row(table, 0) }))
  }

  /**
   * The columns to update on a valid row so that exactly this check fails (the
   * first term of the check is broken); the values pass the codec.
   */
  violating(table: string, checkName: string, row: Row): Row {
    const override = OVERRIDES[`${table}.${checkName}`]
    if (override) return override.violate(row)
    const check = this.checks[table]!.find((c) => c.name === checkName)
    if (!check) throw new Error(`no check ${checkName} on ${table}`)
    const change = violation(check.terms[0]!, this.table(table), row)
    if (satisfies(check, { ...row, ...change })) throw new Error(`${checkName}: ${JSON.stringify(change)} does not break it`)
    return change
  }
}

/** Inserts snake_case rows through the codec-aware `db` (camelCase names). */
export async function insertRow(db: Kysely<any>, table: string, row: Row): Promise<void> {
  await db.insertInto(camel(table)).values(toCamel(row)).execute()
}

/** A `where` over a row's primary key, for `db` (camelCase). */
export function whereKey<QB extends { where: (...args: any[]) => QB }>(qb: QB, key: Row): QB {
  return Object.entries(key).reduce((q, [column, value]) => q.where(camel(column), '=', value), qb)
}

/** Fills every table with its base row, parents first; returns the rows inserted. */
export async function fillDatabase(db: Kysely<any>, factory: RowFactory): Promise<Map<string, Row>> {
  const rows = new Map<string, Row>()
  for (const { table, row } of factory.baseRows()) {
    try {
      await insertRow(db, table, row)
    } catch (error) {
      throw new Error(`filling ${table} failed: ${(error as Error).message}`, { cause: error })
    }
    rows.set(table, row)
  }
  return rows
}

/** Rows inserted by a helper, in insertion order (delete them in reverse). */
export type Inserted = { table: string; row: Row }[]

/**
 * A fresh row of `table` (row number from `factory.nextN()`), with `refs` for
 * some columns, NOT inserted. Unique column sets other than those in `keepEqual`
 * that would still equal the base row's (all their columns are foreign keys or
 * given in `refs`) get a fresh parent, which this inserts (recursively).
 * Returns the row and the parents inserted, in order.
 */
export async function prepareFresh(
  db: Kysely<any>,
  factory: RowFactory,
  table: string,
  refs: Row = {},
  keepEqual: string[] = [],
): Promise<{ row: Row; inserted: Inserted }> {
  const spec = factory.table(table)
  const n = factory.nextN()
  const inserted: Inserted = []
  const base = factory.row(table, 0)
  let row = factory.row(table, n, refs)
  for (const set of uniqueSets(spec)) {
    if (set.columns.every((c) => keepEqual.includes(c))) continue
    if (!set.columns.every((c) => sameValue(row[c], base[c]))) continue
    const fk = spec.foreignKeys.find((f: SpecForeignKey) =>
      f.columns.every((c) => set.columns.includes(c) && !(c in refs) && !keepEqual.includes(c)),
    )
    if (!fk || fk.references.table === table) {
      throw new Error(`prepareFresh: ${table}.${set.name} cannot be made different from the base row`)
    }
    const parent = await insertFresh(db, factory, fk.references.table)
    inserted.push(...parent.inserted)
    refs = { ...refs, ...Object.fromEntries(fk.columns.map((c, i) => [c, parent.row[fk.references.columns[i]!]])) }
    row = factory.row(table, n, refs)
  }
  return { row, inserted }
}

/** `prepareFresh`, then inserts the row; `inserted` ends with it. */
export async function insertFresh(
  db: Kysely<any>,
  factory: RowFactory,
  table: string,
  refs: Row = {},
): Promise<{ row: Row; inserted: Inserted }> {
  const fresh = await prepareFresh(db, factory, table, refs)
  await insertRow(db, table, fresh.row)
  return { row: fresh.row, inserted: [...fresh.inserted, { table, row: fresh.row }] }
}

/** Deletes rows a helper inserted, last first (rows a cascade already removed are no-ops). */
export async function deleteInserted(db: Kysely<any>, factory: RowFactory, inserted: Inserted): Promise<void> {
  for (const { table, row } of [...inserted].reverse()) {
    await whereKey(db.deleteFrom(camel(table)), factory.key(table, row)).execute()
  }
}

function sameValue(a: unknown, b: unknown): boolean {
  if (a instanceof Date && b instanceof Date) return a.getTime() === b.getTime()
  return JSON.stringify(a) === JSON.stringify(b)
}
