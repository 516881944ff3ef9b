import { isDeepStrictEqual } from 'node:util'
import type { Catalog, CatalogTable } from '../../src/dialect/catalog.js'
import { normaliseCheck, normaliseExpression, segments } from '../../src/adopt/sql-text.js'
import type { SchemaSpec, SpecColumn, SpecTable } from './schema-spec.js'

export { normaliseExpression }

export type Dialect = 'postgres' | 'sqlite'

export interface DiffOptions {
  /**
   * Also require the spec's index and unique constraint names, and report
   * foreign keys and CHECKs the spec does not list. Default: false, which judges
   * exactly as `shared/schema/README.md` says.
   */
  strict?: boolean
}

/** The physical types each logical type may have (README "types"), normalised like the catalog. */
const PHYSICAL_TYPES: Record<Dialect, (column: SpecColumn) => string[]> = {
  postgres: (c) => {
    switch (c.type) {
      case 'varchar':
        return [`varchar(${c.length})`]
      case 'numeric':
        return [`numeric(${c.precision},${c.scale})`]
      case 'float':
        return ['double precision']
      case 'json':
        return ['jsonb']
      case 'string_array':
        return ['text[]', 'varchar[]']
      case 'vector':
        return [`vector(${c.dimensions})`, 'real[]']
      default:
        return [c.type]
    }
  },
  sqlite: (c) => {
    switch (c.type) {
      case 'uuid':
        return ['char(36)']
      case 'varchar':
        return [`varchar(${c.length})`]
      case 'smallint':
      case 'bigint':
        return ['integer']
      case 'float':
        return ['real']
      case 'timestamp':
      case 'timestamptz':
        return ['datetime']
      // TEXT affinity: a declared json type would turn numeric JSON text into numbers
      case 'json':
      case 'string_array':
      case 'vector':
        return ['text']
      default:
        return [c.type]
    }
  },
}

/** Normalised default expressions that mean "the current UTC time" (see `normaliseExpression`). */
const NOW_EXPRESSIONS: Record<Dialect, Record<'timestamp' | 'timestamptz', string[]>> = {
  postgres: {
    timestamp: ["now()attimezone'utc'", "timezone('utc',now())", "current_timestampattimezone'utc'"],
    timestamptz: ['now()', 'current_timestamp'],
  },
  sqlite: {
    timestamp: ["strftime('%Y-%m-%dT%H:%M:%fZ','now')"],
    timestamptz: ["strftime('%Y-%m-%dT%H:%M:%fZ','now')"],
  },
}

function splitTopLevel(text: string): string[] {
  const items: string[] = []
  let depth = 0
  let current = ''
  for (const part of segments(text)) {
    if (part.quoted) {
      current += part.text
      continue
    }
    for (const ch of part.text) {
      if (ch === '(' || ch === '[') depth++
      if (ch === ')' || ch === ']') depth--
      if (ch === ',' && depth === 0) {
        items.push(current)
        current = ''
      } else current += ch
    }
  }
  return current === '' ? items : [...items, current]
}

const NOT_A_LITERAL = Symbol('not a literal')

/** The value a normalised default expression denotes, when it is a plain literal. */
function literalValue(expression: string): unknown {
  if (/^'(?:[^']|'')*'$/.test(expression)) return expression.slice(1, -1).replace(/''/g, "'")
  if (/^-?\d+(\.\d+)?(e[+-]?\d+)?$/.test(expression)) return Number(expression)
  if (expression === 'true' || expression === 'false') return expression === 'true'
  if (expression === 'null') return null
  const array = /^array\[(.*)\]$/.exec(expression)
  if (array) return splitTopLevel(array[1]!).map(literalValue)
  return NOT_A_LITERAL
}

/** `{a,"b c"}` → ['a', 'b c'] (PostgreSQL's text form of a one-dimensional array). */
function postgresArray(text: string): unknown[] {
  const inner = text.slice(1, -1)
  if (inner === '') return []
  const items = inner.match(/"(?:[^"\\]|\\.)*"|[^,]+/g) ?? []
  return items.map((item) => (item.startsWith('"') ? item.slice(1, -1).replace(/\\(.)/g, '$1') : item))
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return NOT_A_LITERAL
  }
}

/** Whether a literal read back from the catalog stands for the spec's value on a column of this type. */
function sameLiteral(type: string, expected: unknown, actual: unknown): boolean {
  switch (type) {
    case 'boolean':
      // SQLite stores booleans as 0/1
      return actual === expected || actual === (expected ? 1 : 0)
    case 'integer':
    case 'smallint':
    case 'bigint':
    case 'float':
    case 'numeric':
      return (typeof actual === 'number' || typeof actual === 'string') && Number(actual) === Number(expected)
    case 'json':
      return typeof actual === 'string' && isDeepStrictEqual(parseJson(actual), expected)
    case 'string_array':
    case 'vector': {
      if (Array.isArray(actual)) return isDeepStrictEqual(actual.map(String), (expected as unknown[]).map(String))
      if (typeof actual !== 'string') return false
      const items = actual.startsWith('{') ? postgresArray(actual) : parseJson(actual)
      return Array.isArray(items) && isDeepStrictEqual(items.map(String), (expected as unknown[]).map(String))
    }
    default:
      return actual === String(expected)
  }
}

function defaultDifference(column: SpecColumn, actual: string | null, dialect: Dialect): string | null {
  const expected = column.default
  const shown = actual === null ? 'none' : actual
  // the library generates ids; a database default is allowed but not required
  if (expected?.kind === 'uuid') return null
  if (expected === undefined) return actual === null ? null : `default ${shown}, expected none`
  if (actual === null) return `no default, expected ${expected.kind === 'now' ? 'now' : JSON.stringify(expected.value)}`
  const normalised = normaliseExpression(actual)
  if (expected.kind === 'now') {
    const accepted = NOW_EXPRESSIONS[dialect][column.type === 'timestamptz' ? 'timestamptz' : 'timestamp']
    const candidate = dialect === 'postgres' ? normalised.toLowerCase() : normalised
    return accepted.includes(candidate) ? null : `default ${shown}, expected the current UTC time`
  }
  return sameLiteral(column.type, expected.value, literalValue(normalised))
    ? null
    : `default ${shown}, expected ${JSON.stringify(expected.value)}`
}

const sameList = (a: readonly string[], b: readonly string[]) => isDeepStrictEqual([...a], [...b])
const sameSet = (a: readonly string[], b: readonly string[]) => sameList([...a].sort(), [...b].sort())
const leads = (columns: readonly string[], prefix: readonly string[]) => sameList(columns.slice(0, prefix.length), prefix)
const list = (columns: readonly string[]) => `(${columns.join(', ')})`

function columnDifferences(spec: SpecTable, actual: CatalogTable, dialect: Dialect): string[] {
  const out: string[] = []
  for (const column of spec.columns) {
    const found = actual.columns.find((c) => c.name === column.name)
    if (!found) {
      out.push(`column ${column.name} is missing`)
      continue
    }
    const types = PHYSICAL_TYPES[dialect](column)
    if (!types.includes(found.type)) out.push(`column ${column.name}: type ${found.type}, expected ${types.join(' or ')}`)
    if (found.nullable !== column.nullable) {
      out.push(`column ${column.name}: ${found.nullable ? 'nullable' : 'NOT NULL'}, expected ${column.nullable ? 'nullable' : 'NOT NULL'}`)
    }
    if (column.identity && !found.identity) out.push(`column ${column.name}: not an identity column`)
    const problem = column.identity ? null : defaultDifference(column, found.default, dialect)
    if (problem) out.push(`column ${column.name}: ${problem}`)
  }
  for (const extra of actual.columns.filter((c) => !spec.columns.some((s) => s.name === c.name))) {
    out.push(`column ${extra.name} is not in the spec`)
  }
  return out
}

function keyDifferences(spec: SpecTable, actual: CatalogTable, options: DiffOptions): string[] {
  const out: string[] = []
  if (!sameList(actual.primaryKey, spec.primaryKey)) {
    out.push(`primary key ${list(actual.primaryKey)}, expected ${list(spec.primaryKey)}`)
  }
  for (const fk of spec.foreignKeys) {
    const target = `${list(fk.columns)} -> ${fk.references.table}${list(fk.references.columns)}`
    const found = actual.foreignKeys.find((f) => sameList(f.columns, fk.columns) && f.refTable === fk.references.table)
    if (!found) out.push(`foreign key ${target} is missing`)
    else if (!sameList(found.refColumns, fk.references.columns)) out.push(`foreign key ${target}: references ${list(found.refColumns)}`)
    else if (found.onDelete !== fk.onDelete) out.push(`foreign key ${target}: ON DELETE ${found.onDelete}, expected ${fk.onDelete}`)
  }
  if (options.strict) {
    for (const extra of actual.foreignKeys) {
      const listed = spec.foreignKeys.some((f) => sameList(f.columns, extra.columns) && f.references.table === extra.refTable)
      if (!listed) out.push(`foreign key ${list(extra.columns)} -> ${extra.refTable} is not in the spec`)
    }
  }
  return out
}

function uniqueAndIndexDifferences(spec: SpecTable, actual: CatalogTable, options: DiffOptions): string[] {
  const out: string[] = []
  const uniqueNamed = (name: string, columns: string[]) => actual.uniques.some((u) => u.name === name && sameSet(u.columns, columns))
  for (const unique of spec.uniques) {
    if (!actual.uniques.some((u) => sameSet(u.columns, unique.columns))) out.push(`unique ${unique.name} ${list(unique.columns)} is missing`)
    else if (options.strict && !uniqueNamed(unique.name, unique.columns)) out.push(`unique ${list(unique.columns)} is not named ${unique.name}`)
  }
  // every unique constraint and the primary key are indexes too
  const allIndexes = [...actual.indexes, ...actual.uniques, { name: actual.primaryKeyName ?? '', columns: actual.primaryKey }]
  for (const index of spec.indexes) {
    const present = index.unique
      ? actual.uniques.some((u) => sameSet(u.columns, index.columns))
      : allIndexes.some((i) => leads(i.columns, index.columns))
    const named = allIndexes.some((i) => i.name === index.name && sameList(i.columns, index.columns))
    if (!present) out.push(`${index.unique ? 'unique ' : ''}index ${index.name} ${list(index.columns)} is missing`)
    else if (options.strict && !named) out.push(`index on ${list(index.columns)} is not named ${index.name}`)
  }
  return out
}

function checkDifferences(spec: SpecTable, actual: CatalogTable, dialect: Dialect, options: DiffOptions): string[] {
  const out: string[] = []
  for (const check of spec.checks) {
    const found = actual.checks.find((c) => c.name === check.name)
    if (!found) out.push(`check ${check.name} is missing`)
    // PostgreSQL rewrites CHECK text (casts, ANY(ARRAY[…])), so only SQLite's can be compared
    else if (dialect === 'sqlite' && normaliseCheck(found.sql) !== normaliseCheck(check.sql)) {
      out.push(`check ${check.name}: ${found.sql}, expected ${check.sql}`)
    }
  }
  if (options.strict) {
    for (const extra of actual.checks.filter((c) => !spec.checks.some((s) => s.name === c.name))) {
      out.push(`check ${extra.name} is not in the spec`)
    }
  }
  return out
}

/**
 * The differences between the spec and a database catalog, judged as
 * `shared/schema/README.md` says, for the tables in `tableNames`; tables of the
 * catalog outside `tableNames` are differences too. An empty array means conformant.
 */
export function diffCatalog(
  spec: SchemaSpec,
  catalog: Catalog,
  dialect: Dialect,
  tableNames: readonly string[],
  options: DiffOptions = {},
): string[] {
  const out: string[] = []
  for (const name of tableNames) {
    const expected = spec.tables[name]
    const actual = catalog.tables[name]
    if (!expected) out.push(`${name}: not a table of the spec`)
    else if (!actual) out.push(`${name}: table is missing`)
    else {
      const problems = [
        ...columnDifferences(expected, actual, dialect),
        ...keyDifferences(expected, actual, options),
        ...uniqueAndIndexDifferences(expected, actual, options),
        ...checkDifferences(expected, actual, dialect, options),
      ]
      out.push(...problems.map((p) => `${name}: ${p}`))
    }
  }
  for (const extra of Object.keys(catalog.tables).filter((t) => !tableNames.includes(t))) {
    out.push(`${extra}: table is not expected`)
  }
  return out
}
