import { camelName } from '../codec/names.js'
import { columnTypes } from '../schema/generated/column-types.js'
import type { Database } from '../schema/generated/database.js'
import { libraryTableName } from '../schema/library-tables.js'

/**
 * One table's row inside a joined result: its columns are selected under
 * prefixed aliases (`blocks.date as b_date`, read back as `bDate`) so that
 * several tables' `id`, `name`, `createdAt`… can share one result row, and a
 * reader compiled once per part builds the table's own row object from them.
 * The codec still decodes every cell by its source column (aliases keep it).
 */
export interface RowPart<T> {
  /** `table.column as prefix_column` for every column, for `.select()`. */
  readonly columns: readonly string[]
  /** The table's row from a result row; null when its id is null (an outer join that found nothing). */
  read(row: Record<string, unknown>): T | null
}

/**
 * @param table the table (camelCase, as on `db`)
 * @param prefix the alias prefix, short and distinct per part of one query
 * @param source what the query calls the table (default `table`; an alias like `source` for a second join of people)
 */
export function rowPart<T>(table: keyof Database, prefix: string, source: string = table): RowPart<T> {
  const snakeTable = libraryTableName(table)
  if (columnTypes[snakeTable] === undefined) throw new Error(`unknown table ${table}`)
  const columns = Object.keys(columnTypes[snakeTable]!)
  if (!columns.includes('id')) throw new Error(`${table} has no id column`)
  const fields = columns.map((c) => ({ key: camelName(c), alias: `${prefix}_${c}` }))
  const body = fields.map((f) => `${JSON.stringify(f.key)}: r[${JSON.stringify(camelName(f.alias))}]`).join(', ')
  const idKey = JSON.stringify(camelName(`${prefix}_id`))
  // eslint-disable-next-line @typescript-eslint/no-implied-eval
  const read = new Function('r', `return r[${idKey}] === null ? null : { ${body} }`) as RowPart<T>['read']
  return { columns: fields.map((f) => `${source}.${f.key} as ${f.alias}`), read }
}
