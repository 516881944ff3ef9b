import { z } from 'zod'
import { toTimestampString } from '../codec/values.js'

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

/** A timestamp as a Date, whichever form the caller gave. */
export function toDate(value: Date | string): Date {
  return value instanceof Date ? value : new Date(toTimestampString(value, {}))
}

/** The time a row's optimistic token moves to: now, and always later than the token it replaces. */
export function nextUpdatedAt(previous: Date | null): Date {
  const now = Date.now()
  return new Date(previous === null ? now : Math.max(now, previous.getTime() + 1))
}
