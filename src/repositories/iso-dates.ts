/**
 * Arithmetic on DATE strings ('YYYY-MM-DD'), always in UTC: a local-time
 * `Date` would shift a day across a DST change or a time zone east of UTC.
 */

const DAY_MS = 86_400_000

function utcMs(date: string): number {
  return Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)))
}

function fromUtcMs(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10)
}

/** `date` plus `days` (negative to go back). */
export function addDays(date: string, days: number): string {
  return fromUtcMs(utcMs(date) + days * DAY_MS)
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
