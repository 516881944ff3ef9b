import { z } from 'zod'
import { ValidationError, type ValidationIssue } from '../errors.js'

/** A calendar date as 'YYYY-MM-DD' (2027-02-29 is refused, 2028-02-29 accepted). */
export const isoDate = z.iso.date()

/** A row id: any 8-4-4-4-12 hex UUID, as the codec layer accepts (not only RFC versions). */
export const rowId = z.guid()

/**
 * Validates a function's params object, or throws a ValidationError listing every
 * issue with its field path, before anything reaches the database.
 */
export function parseParams<S extends z.ZodType>(fn: string, schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input)
  if (result.success) return result.data
  const issues: ValidationIssue[] = result.error.issues.map((issue) => ({
    path: issue.path.filter((key): key is string | number => typeof key !== 'symbol'),
    code: issue.code,
    message: issue.message,
  }))
  const summary = issues.map((i) => (i.path.length > 0 ? `${i.path.join('.')}: ${i.message}` : i.message)).join('; ')
  throw new ValidationError(`${fn}: invalid params: ${summary}`, issues)
}
