import { MIN_DATE } from '../codec/values.js'
import { ValidationError, type ValidationIssue } from '../errors.js'

/**
 * Validation for the pure domain rules (`isBlockingAbsence`,
 * `certificationStatus`): they are synchronous, so they cannot wait for the zod
 * schemas to load, and their inputs are a handful of fields. Issues carry zod's
 * codes and paths, and the error reads like `parseParams`'.
 */
export interface FieldRule {
  /** Refuses the value with a message, or accepts it (undefined). */
  check(value: unknown): { code: string; message: string } | undefined
  optional?: boolean
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/

/** A real calendar date as 'YYYY-MM-DD' in years 1 to 9999 (2027-02-29 is refused), as `isoDate` reads it. */
export const isoDateRule: FieldRule = {
  check: (value) =>
    typeof value === 'string' && ISO_DATE.test(value) && !Number.isNaN(Date.parse(value)) && new Date(value).toISOString().startsWith(value)
      ? value >= MIN_DATE
        ? undefined
        : { code: 'custom', message: 'Invalid date: years 1 to 9999' }
      : { code: 'invalid_format', message: 'Invalid ISO date' },
}

/** One of `values`. */
export function oneOf(values: readonly string[]): FieldRule {
  const allowed = new Set(values)
  return {
    check: (value) =>
      typeof value === 'string' && allowed.has(value)
        ? undefined
        : { code: 'invalid_value', message: `Invalid option: expected one of ${values.map((v) => JSON.stringify(v)).join('|')}` },
  }
}

/** A boolean or null. */
export const nullableBoolean: FieldRule = {
  check: (value) => (value === null || typeof value === 'boolean' ? undefined : { code: 'invalid_type', message: 'Invalid input: expected boolean' }),
}

/**
 * Checks `input` field by field (`strict`: unknown keys refused) and returns it,
 * or throws a ValidationError listing every issue.
 */
export function checkPureInput<T>(
  fn: string,
  input: unknown,
  rules: Record<string, FieldRule>,
  options: { strict: boolean; refine?: (value: T) => ValidationIssue | undefined },
): T {
  const issues: ValidationIssue[] = []
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    issues.push({ path: [], code: 'invalid_type', message: 'Invalid input: expected object' })
  } else {
    const record = input as Record<string, unknown>
    for (const [key, rule] of Object.entries(rules)) {
      const value = record[key]
      if (value === undefined) {
        if (!rule.optional) issues.push({ path: [key], code: 'invalid_type', message: 'Invalid input: expected a value, received undefined' })
        continue
      }
      const issue = rule.check(value)
      if (issue) issues.push({ path: [key], ...issue })
    }
    if (options.strict) {
      const unknown = Object.keys(record).filter((key) => !(key in rules))
      if (unknown.length > 0) issues.push({ path: [], code: 'unrecognized_keys', message: `Unrecognized key${unknown.length > 1 ? 's' : ''}: ${unknown.map((k) => `"${k}"`).join(', ')}` })
    }
    if (issues.length === 0 && options.refine) {
      const issue = options.refine(input as T)
      if (issue) issues.push(issue)
    }
  }
  if (issues.length === 0) return input as T
  const summary = issues.map((i) => (i.path.length > 0 ? `${i.path.join('.')}: ${i.message}` : i.message)).join('; ')
  throw new ValidationError(`${fn}: invalid params: ${summary}`, issues)
}
