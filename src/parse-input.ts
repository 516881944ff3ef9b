import type { z } from 'zod'
import { ValidationError, type ValidationIssue } from './errors.js'

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
