import { z } from 'zod'
import { toTimestampString } from '../codec/values.js'

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
