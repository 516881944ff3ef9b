import type { z } from 'zod'
import { ValidationError, type ValidationIssue } from './errors.js'
import { tableSchemas, type TableSchemas } from './schema/zod/index.js'

/**
 * Validates input with a zod schema and returns the parsed value, or throws a
 * ValidationError listing every issue with its field path (`['pgyLevel']`,
 * `['holidays', 0, 'date']`), so that nothing invalid reaches the database.
 *
 * @param label what the input is, to start the message with (default 'invalid input')
 *
 * @example
 * const person = parseInput(newPersonSchema, body, 'new person')
 * await db.insertInto('people').values(person).execute()
 */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown, label = 'invalid input'): z.output<S> {
  const result = schema.safeParse(input)
  if (result.success) return result.data
  const issues: ValidationIssue[] = result.error.issues.map((issue) => ({
    path: issue.path.filter((key): key is string | number => typeof key !== 'symbol'),
    code: issue.code,
    message: issue.message,
  }))
  const summary = issues.map((i) => (i.path.length > 0 ? `${i.path.join('.')}: ${i.message}` : i.message)).join('; ')
  throw new ValidationError(`${label}: ${summary}`, issues)
}

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
