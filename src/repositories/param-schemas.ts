// The zod schemas the query functions' parameters are built from. Imported only
// by the *-params modules, which load on a function's first call: importing the
// package root never loads zod.
import { z } from 'zod'
import { MIN_DATE } from '../codec/values.js'

/**
 * A calendar date as 'YYYY-MM-DD' (2027-02-29 is refused, 2028-02-29 accepted),
 * in years 1 to 9999 as every column holds them (0000-01-01 is refused).
 */
export const isoDate = z.iso.date().refine((date) => date >= MIN_DATE, { message: `Invalid date: years 1 to 9999` })

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
