import type { ColumnTypeMap } from '../schema/logical-types.js'

/**
 * snake_case → camelCase: every `_x` becomes `X`; digits stay as they are
 * (`reminder_180_sent` → `reminder180Sent`, `n1_pass` → `n1Pass`).
 */
export function camelName(snake: string): string {
  // a leading underscore is part of the name (`_count`), not a word break
  return snake.replace(/(?<=[A-Za-z0-9])_([a-z0-9])/g, (_, ch: string) => ch.toUpperCase())
}

/** camelCase → snake_case for names the schema does not know (user aliases). */
export function snakeName(camel: string): string {
  return camel.replace(/[A-Z]/g, (ch) => `_${ch.toLowerCase()}`)
}

/**
 * Table and column names (snake_case) with their camelCase names, as codegen
 * emits them for the library's schema: one `snake camel` pair a line (a string
 * is read faster at start-up than an object literal of ~1,000 keys).
 */
export type SchemaNames = string

/** Every table and column name of `columnTypes` with its camelCase name, sorted; fails on two names with one camelCase name. */
export function schemaNamesOf(columnTypes: ColumnTypeMap): SchemaNames {
  const snakes = new Set<string>()
  for (const [table, columns] of Object.entries(columnTypes)) {
    snakes.add(table)
    for (const column of Object.keys(columns)) snakes.add(column)
  }
  const names = new NameMap(columnTypes) // throws on a collision
  return [...snakes]
    .sort()
    .map((snake) => `${snake} ${names.toCamel(snake)}\n`)
    .join('')
}

/**
 * The exact name mapping of a schema. Generic rules do not round-trip names
 * with digits (`reminder_180_sent` → `reminder180Sent` → `reminder180_sent`),
 * so every table and column name of the schema is mapped through a table built
 * from the schema itself; only names outside it fall back to the generic rules.
 * The library's names come mapped and checked by codegen (`known`: the
 * generated `schemaNames`, no regular expression at start-up); the names of
 * `columnTypes` (a service's tables) are mapped here and checked against them.
 */
export class NameMap {
  readonly #toSnake = new Map<string, string>()
  readonly #toCamel = new Map<string, string>()

  constructor(columnTypes: ColumnTypeMap, known: SchemaNames = '') {
    const words = known.trim().split(/\s+/)
    for (let i = 0; i + 1 < words.length; i += 2) {
      this.#toSnake.set(words[i + 1]!, words[i]!)
      this.#toCamel.set(words[i]!, words[i + 1]!)
    }
    for (const [table, columns] of Object.entries(columnTypes)) {
      this.#add(table)
      for (const column of Object.keys(columns)) this.#add(column)
    }
  }

  #add(snake: string): void {
    if (this.#toCamel.has(snake)) return
    const camel = camelName(snake)
    const known = this.#toSnake.get(camel)
    if (known !== undefined) throw new Error(`schema names ${known} and ${snake} both map to ${camel}`)
    this.#toSnake.set(camel, snake)
    this.#toCamel.set(snake, camel)
  }

  /** The database name of a TypeScript name. */
  toSnake(name: string): string {
    return this.#toSnake.get(name) ?? snakeName(name)
  }

  /** The TypeScript name of a database name. */
  toCamel(name: string): string {
    return this.#toCamel.get(name) ?? camelName(name)
  }
}
