/**
 * Arithmetic on DATE strings ('YYYY-MM-DD'), always in UTC: a local-time
 * `Date` would shift a day across a DST change or a time zone east of UTC.
 */

import { MAX_DATE, MIN_DATE } from '../codec/values.js'

const DAY_MS = 86_400_000

// Date.parse of the ISO form, not Date.UTC, which reads years 0-99 as 1900-1999
function utcMs(date: string): number {
  return Date.parse(`${date}T00:00:00Z`)
}

function fromUtcMs(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10)
}

/** `date` plus `days` (negative to go back). */
export function addDays(date: string, days: number): string {
  return fromUtcMs(utcMs(date) + days * DAY_MS)
}

/**
 * `date` plus `days`, kept within the dates a column can hold (MIN_DATE to
 * MAX_DATE): for the bound of a range, where "up to 9999-12-31" means "every
 * date from there on".
 */
export function addDaysWithinRange(date: string, days: number): string {
  const ms = utcMs(date) + days * DAY_MS
  if (ms > utcMs(MAX_DATE)) return MAX_DATE
  if (ms < utcMs(MIN_DATE)) return MIN_DATE
  return fromUtcMs(ms)
}

/** Whole days from `from` to `to`: 0 on the same date, negative when `to` is earlier. */
export function daysBetween(from: string, to: string): number {
  return Math.round((utcMs(to) - utcMs(from)) / DAY_MS)
}

/** The day of the week, ISO-numbered: 1 Monday … 7 Sunday. */
export function isoWeekday(date: string): number {
  return new Date(utcMs(date)).getUTCDay() || 7
}

/** Today's date in UTC (or the UTC date of `now`). */
export function utcToday(now: Date = new Date()): string {
  return now.toISOString().slice(0, 10)
}
