import type { z } from 'zod'
import { parseInput } from './parse-input.js'
import { tableSchemas, type TableSchemas } from './schema/generated/zod/index.js'

export { parseInput }

/** A table of the schema, camelCase as on `db`. */
export type TableName = keyof TableSchemas

/** A row to insert into a table, as its generated insert schema reads it. */
export type InsertRow<T extends TableName> = z.output<TableSchemas[T]['insert']>

/** The columns of an update of a table, as its generated update schema reads them. */
export type UpdateRow<T extends TableName> = z.output<TableSchemas[T]['update']>

/**
 * Validates a row to insert into `table` with the table's generated insert schema
 * (required columns, types, enum values, lengths, CHECK ranges; unknown columns
 * are refused) or throws a ValidationError.
 *
 * @example
 * const row = parseInsert('people', { name: 'Ada', type: 'resident', pgyLevel: 4 })
 * // ValidationError: people: invalid row: pgyLevel: Too big: expected number to be <=3
 */
export function parseInsert<T extends TableName>(table: T, row: unknown): InsertRow<T> {
  return parseInput(tableSchemas[table].insert, row, `${table}: invalid row`) as InsertRow<T>
}

/** Validates the columns of an update of `table` (every column optional) or throws a ValidationError. */
export function parseUpdate<T extends TableName>(table: T, changes: unknown): UpdateRow<T> {
  return parseInput(tableSchemas[table].update, changes, `${table}: invalid update`) as UpdateRow<T>
}
