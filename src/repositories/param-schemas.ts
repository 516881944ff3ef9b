// The zod schemas the query functions' parameters are built from. Imported only
// by the *-params modules, which load on a function's first call: importing the
// package root never loads zod.
import { z } from 'zod'

/** A calendar date as 'YYYY-MM-DD' (2027-02-29 is refused, 2028-02-29 accepted). */
export const isoDate = z.iso.date()

/** A row id: any 8-4-4-4-12 hex UUID, as the codec layer accepts (not only RFC versions). */
export const rowId = z.guid()

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

// with the u flag a surrogate pair is one code point: only lone surrogates match
const LONE_SURROGATE = /\p{Cs}/u

/**
 * Text every dialect stores verbatim: well-formed UTF-16 (a lone surrogate has
 * no UTF-8 form: the drivers would store U+FFFD instead) and no NUL character
 * (PostgreSQL text refuses it, SQLite would keep it). Checks the row's strings
 * and string arrays (JSON values are stored as escaped JSON text). Every value
 * is bound as a parameter, never spliced into SQL, so quotes and
 * `; drop table` are just characters.
 */
export function storableText(row: Readonly<Record<string, unknown>>, ctx: z.RefinementCtx): void {
  for (const key in row) {
    const value = row[key]
    if (typeof value === 'string') checkText(value, [key], ctx)
    else if (Array.isArray(value)) value.forEach((item, i) => typeof item === 'string' && checkText(item, [key, i], ctx))
  }
}

function checkText(value: string, path: (string | number)[], ctx: z.RefinementCtx): void {
  if (value.includes('\u0000')) ctx.addIssue({ code: 'custom', path, message: 'must not contain a NUL character' })
  else if (LONE_SURROGATE.test(value)) ctx.addIssue({ code: 'custom', path, message: 'must be well-formed Unicode (a lone surrogate)' })
}

/**
 * `startDate <= endDate` when both are given, reported on `endDate`; checked
 * once both are valid dates (for `.refine(...datesInOrder)`).
 */
export const datesInOrder: [
  (row: { startDate?: string; endDate?: string }) => boolean,
  { path: string[]; message: string; when: (payload: z.core.ParsePayload) => boolean },
] = [
  (row) => row.startDate === undefined || row.endDate === undefined || row.startDate <= row.endDate,
  {
    path: ['endDate'],
    message: 'endDate must be on or after startDate',
    when: (payload) => !payload.issues.some((issue) => issue.path?.[0] === 'startDate' || issue.path?.[0] === 'endDate'),
  },
]

/** An `updatedAt` the caller read: a Date or an ISO-8601 string with a zone, or null for a row that has none. */
export const readTimestamp = z.union([z.date(), z.iso.datetime({ offset: true })]).nullable()
