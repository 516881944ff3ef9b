import { camelName, snakeName } from '../codec/names.js'
import { columnTypes } from './generated/column-types.js'

/**
 * The database (snake_case) name of one of the library's own tables, given as
 * on `db` (camelCase). For code that is written against the library's tables
 * only; names of a database's tables, service tables included, come from its
 * schema context (`dialectOf(db).schema.names`).
 */
export function libraryTableName(table: string): string {
  const guess = snakeName(table)
  if (columnTypes[guess] !== undefined && camelName(guess) === table) return guess
  const snake = Object.keys(columnTypes).find((name) => camelName(name) === table)
  if (snake === undefined) throw new Error(`unknown table ${table}`)
  return snake
}
