import { secretColumns } from '../schema/generated/secret-columns.js'

/** "table.column" of every secret column (database names). */
const SECRET = new Set(Object.entries(secretColumns).flatMap(([table, columns]) => columns.map((c) => `${table}.${c}`)))

/**
 * True for a column that holds a credential or a hash of one (generated rule:
 * scripts/codegen/secret-columns.ts): its values are never quoted in a message.
 * Names are the database's (snake_case); camelCase names are accepted too.
 */
export function isSecretColumn(table: string | undefined, column: string | undefined): boolean {
  if (table === undefined || column === undefined) return false
  return SECRET.has(`${table}.${column}`) || SECRET.has(`${snake(table)}.${snake(column)}`)
}

/** True when a table has a secret column: a database error about its rows may carry one in its details. */
export function hasSecretColumns(table: string | undefined): boolean {
  return table !== undefined && (secretColumns[table] !== undefined || secretColumns[snake(table)] !== undefined)
}

function snake(name: string): string {
  return name.replace(/[A-Z]/g, (ch) => `_${ch.toLowerCase()}`)
}
