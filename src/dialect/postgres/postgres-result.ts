import type { NameMap } from '../../codec/names.js'
import { createRowMapper, type RowMapper } from '../../codec/row-mapper.js'

/** How many distinct SQL texts keep a named prepared statement and a row mapper. */
const CACHE_SIZE = 1000

const PREPARABLE = /^\s*(select|insert|update|delete|with)\b/i
const DDL = /^\s*(create|drop|alter|comment)\b/i

interface Shape {
  fields: string[]
  mapper: RowMapper
}

/**
 * What pg and PGlite share above the wire: statement names for reused prepared
 * statements, array rows turned into camelCase objects by a mapper compiled per
 * result shape (cells are already decoded by the type parsers). A schema change
 * forgets every name and shape, so a cached plan never outlives the table it was
 * planned for.
 */
/** How many caches the process made, for their statement names' prefixes. */
let caches = 0

export class PostgresResultCache {
  readonly #names: NameMap
  readonly #statementNames = new Map<string, string>()
  readonly #shapes = new Map<string, Shape>()
  #counter = 0
  // unique in the process: several databases may share a pool (the service's own) and so its sessions' statements
  readonly #prefix = `rdb${++caches}_`

  constructor(names: NameMap) {
    this.#names = names
  }

  /** A prepared-statement name for DML text, or undefined to run it unnamed. */
  statementName(sql: string): string | undefined {
    let name = this.#statementNames.get(sql)
    if (name !== undefined) return name
    if (this.#statementNames.size >= CACHE_SIZE || !PREPARABLE.test(sql)) return undefined
    name = `${this.#prefix}${++this.#counter}`
    this.#statementNames.set(sql, name)
    return name
  }

  /** Forgets one statement's name and shape, so that it is prepared again under a new name. */
  forget(sql: string): void {
    this.#statementNames.delete(sql)
    this.#shapes.delete(sql)
  }

  /** Call after running `sql`: a schema change invalidates names and shapes. */
  afterRun(sql: string): void {
    if (DDL.test(sql)) {
      this.#statementNames.clear()
      this.#shapes.clear()
    }
  }

  mapRows(sql: string, fields: ReadonlyArray<{ name: string }>, rows: readonly unknown[][]): Record<string, unknown>[] {
    if (rows.length === 0) return []
    let shape = this.#shapes.get(sql)
    if (!shape || !sameFields(shape.fields, fields)) {
      const names = fields.map((f) => f.name)
      shape = { fields: names, mapper: createRowMapper(names.map((n) => this.#names.toCamel(n)), []) }
      if (this.#shapes.size >= CACHE_SIZE) this.#shapes.delete(this.#shapes.keys().next().value!)
      this.#shapes.set(sql, shape)
    }
    const mapper = shape.mapper
    const out = new Array(rows.length)
    for (let i = 0; i < rows.length; i++) out[i] = mapper(rows[i]!)
    return out
  }
}

function sameFields(known: string[], fields: ReadonlyArray<{ name: string }>): boolean {
  if (known.length !== fields.length) return false
  for (let i = 0; i < known.length; i++) if (known[i] !== fields[i]!.name) return false
  return true
}
