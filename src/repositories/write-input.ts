import { toTimestampString } from '../codec/values.js'

/** A timestamp as a Date, whichever form the caller gave. */
export function toDate(value: Date | string): Date {
  return value instanceof Date ? value : new Date(toTimestampString(value, {}))
}

/** The time a row's optimistic token moves to: now, and always later than the token it replaces. */
export function nextUpdatedAt(previous: Date | null): Date {
  const now = Date.now()
  return new Date(previous === null ? now : Math.max(now, previous.getTime() + 1))
}
