import { z } from 'zod'
import { MIN_DATE } from '../codec/values.js'
import { parseInput } from '../validation.js'

/**
 * A calendar date as 'YYYY-MM-DD' (2027-02-29 is refused, 2028-02-29 accepted),
 * in years 1 to 9999 as every column holds them (0000-01-01 is refused).
 */
export const isoDate = z.iso.date().refine((date) => date >= MIN_DATE, { message: `Invalid date: years 1 to 9999` })

/** A row id: any 8-4-4-4-12 hex UUID, as the codec layer accepts (not only RFC versions). */
export const rowId = z.guid()

/**
 * Validates a function's params object, or throws a ValidationError listing every
 * issue with its field path, before anything reaches the database.
 */
export function parseParams<S extends z.ZodType>(fn: string, schema: S, input: unknown): z.output<S> {
  return parseInput(schema, input, `${fn}: invalid params`)
}

/**
 * A row id bound to a prepared query: validated like `rowId`, returned lower-case,
 * the form the codec's uuid encoder binds.
 */
export const idParam = rowId.transform((id) => id.toLowerCase())

/** `from <= to` for an optional or required pair of dates, reported on `to`; checked once both are valid dates. */
export const fromNotAfterTo: [
  (p: { from?: string; to?: string }) => boolean,
  { path: string[]; message: string; when: (payload: z.core.ParsePayload) => boolean },
] = [
  (p) => p.from === undefined || p.to === undefined || p.from <= p.to,
  {
    path: ['to'],
    message: 'to must be on or after from',
    when: (payload) => !payload.issues.some((issue) => issue.path?.[0] === 'from' || issue.path?.[0] === 'to'),
  },
]
