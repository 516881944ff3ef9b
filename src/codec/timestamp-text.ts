/**
 * Reading timestamps as the databases print them, digit by digit: a Date
 * parsed from a string costs several times as much, and a schedule read has
 * one or two timestamps a row.
 */

/** The number written in `text` from `start` to `end` (digits only), or -1. */
function digitsAt(text: string, start: number, end: number): number {
  let n = 0
  for (let i = start; i < end; i++) {
    const d = text.charCodeAt(i) - 48
    if (d < 0 || d > 9) return -1
    n = n * 10 + d
  }
  return n
}

const DASH = 45
const COLON = 58
const SPACE = 32
const T = 84
const DOT = 46
const Z = 90
const PLUS = 43

/**
 * Milliseconds since the epoch of `text` when it has the form PostgreSQL and
 * the library write: 'YYYY-MM-DD HH:MM:SS' ('T' for the space), then `.` and
 * 1 or more fraction digits (milliseconds kept, the rest truncated, as
 * `new Date` does), then nothing or 'Z' (UTC) or an offset '±HH[:MM[:SS]]'.
 * Undefined for any other text (year 0, five-digit years, BC,
 * infinity, hour 24, a date-only text), which the caller parses the slow way:
 * this is a fast path, never a second rule.
 */
export function timestampTextMs(text: string): number | undefined {
  const length = text.length
  if (length < 19) return undefined
  const separator = text.charCodeAt(10)
  if (
    text.charCodeAt(4) !== DASH ||
    text.charCodeAt(7) !== DASH ||
    (separator !== SPACE && separator !== T) ||
    text.charCodeAt(13) !== COLON ||
    text.charCodeAt(16) !== COLON
  ) {
    return undefined
  }
  const year = digitsAt(text, 0, 4)
  const month = digitsAt(text, 5, 7)
  const day = digitsAt(text, 8, 10)
  const hour = digitsAt(text, 11, 13)
  const minute = digitsAt(text, 14, 16)
  const second = digitsAt(text, 17, 19)
  // -1 (not digits) fails every test below
  if (year < 1 || month < 1 || month > 12 || day < 1 || day > 31 || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) {
    return undefined
  }
  let i = 19
  let ms = 0
  if (i < length && text.charCodeAt(i) === DOT) {
    const start = ++i
    while (i < length) {
      const d = text.charCodeAt(i) - 48
      if (d < 0 || d > 9) break
      if (i - start < 3) ms = ms * 10 + d
      i++
    }
    if (i === start) return undefined
    for (let k = i - start; k < 3; k++) ms *= 10
  }
  const utc = ((daysFromCivil(year, month, day) * 24 + hour) * 60 + minute) * 60_000 + second * 1000 + ms
  if (i === length) return utc
  const sign = text.charCodeAt(i)
  if (sign === Z) return i + 1 === length ? utc : undefined
  if (sign !== PLUS && sign !== DASH) return undefined
  const offset = offsetSeconds(text, i + 1)
  if (offset === undefined) return undefined
  return sign === PLUS ? utc - offset * 1000 : utc + offset * 1000
}

/**
 * Days from 1970-01-01 to a proleptic Gregorian date (H. Hinnant's
 * days_from_civil): plain arithmetic, where Date.UTC costs as much as the
 * rest of the parse. A day past the month's end runs into the next month, as
 * it does in `new Date`.
 */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year
  const era = Math.floor(y / 400)
  const yearOfEra = y - era * 400
  const dayOfYear = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear
  return era * 146_097 + dayOfEra - 719_468
}

/** 'HH', 'HH:MM', 'HHMM' or 'HH:MM:SS' from `start` to the end of `text`, in seconds. */
function offsetSeconds(text: string, start: number): number | undefined {
  const rest = text.length - start
  const hours = digitsAt(text, start, start + 2)
  if (hours < 0 || hours > 23 || rest < 2) return undefined
  if (rest === 2) return hours * 3600
  const colon = text.charCodeAt(start + 2) === COLON ? 1 : 0
  const minutes = digitsAt(text, start + 2 + colon, start + 4 + colon)
  if (minutes < 0 || minutes > 59) return undefined
  if (rest === 4 + colon) return hours * 3600 + minutes * 60
  if (colon === 0 || rest !== 8 || text.charCodeAt(start + 5) !== COLON) return undefined
  const seconds = digitsAt(text, start + 6, start + 8)
  if (seconds < 0 || seconds > 59) return undefined
  return hours * 3600 + minutes * 60 + seconds
}
