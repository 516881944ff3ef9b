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
 * The exact name mapping of a schema. Generic rules do not round-trip names
 * with digits (`reminder_180_sent` → `reminder180Sent` → `reminder180_sent`),
 * so every table and column name of the schema is mapped through a table built
 * from the schema itself; only names outside it fall back to the generic rules.
 */
export class NameMap {
  readonly #toSnake = new Map<string, string>()
  readonly #toCamel = new Map<string, string>()

  constructor(columnTypes: ColumnTypeMap) {
    for (const [table, columns] of Object.entries(columnTypes)) {
      this.#add(table)
      for (const column of Object.keys(columns)) this.#add(column)
    }
  }

  #add(snake: string): void {
    const camel = camelName(snake)
    const known = this.#toSnake.get(camel)
    if (known !== undefined && known !== snake) {
      throw new Error(`schema names ${known} and ${snake} both map to ${camel}`)
    }
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
