import { CodecError } from '../errors.js'
import type { ColumnLimit } from '../schema/logical-types.js'
import { isSecretColumn } from './secret-columns.js'
import { timestampTextMs } from './timestamp-text.js'

/**
 * Pure checks and conversions shared by every dialect's codecs. Each takes the
 * application value and returns its canonical form, or throws a CodecError that
 * names the column, so that a bad value never reaches the database.
 */

/** Where a value is going, for error messages. */
export interface ColumnRef {
  table?: string
  column?: string
}

function where(ref: ColumnRef): string {
  if (ref.table && ref.column) return `${ref.table}.${ref.column}`
  return ref.column ?? ref.table ?? 'a parameter'
}

/** The value as an error message may quote it: never the value of a secret column (password hashes, tokens, …). */
function describe(value: unknown, ref: ColumnRef): string {
  if (isSecretColumn(ref.table, ref.column)) return 'a value of a secret column (not shown)'
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? 'Invalid Date' : `Date ${value.toISOString()}`
  if (typeof value === 'string') return JSON.stringify(value.length > 60 ? `${value.slice(0, 60)}…` : value)
  if (typeof value === 'bigint') return `${value}n`
  if (Array.isArray(value)) return 'an array'
  if (typeof value === 'object') return 'an object'
  return String(value)
}

export function fail(ref: ColumnRef, value: unknown, expected: string): never {
  throw new CodecError(`${where(ref)}: expected ${expected}, got ${describe(value, ref)}`, ref.table, ref.column)
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
const LOWER_CASE_UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/

/** True for a string in the 8-4-4-4-12 hex form the uuid codec accepts, in either case. */
export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && UUID.test(value)
}

/** A UUID string, returned lower-case (as given when it already is: the common case, one test and no copy). */
export function toUuid(value: unknown, ref: ColumnRef): string {
  if (typeof value === 'string' && LOWER_CASE_UUID.test(value)) return value
  if (typeof value !== 'string' || !UUID.test(value)) fail(ref, value, 'a UUID string')
  return value.toLowerCase()
}

/** String.prototype.isWellFormed (ES2024, in every Node the package supports; the project's lib is ES2023). */
interface WellFormedString {
  isWellFormed(): boolean
}

/**
 * True for text every driver stores and returns unchanged: no NUL character
 * (PostgreSQL's text and jsonb refuse it, SQLite would keep it) and no lone
 * surrogate (it has no UTF-8 form: every driver would store U+FFFD instead).
 */
export function isStorableText(value: string): boolean {
  return !value.includes('\u0000') && (value as unknown as WellFormedString).isWellFormed()
}

const STORABLE_TEXT = 'text without NUL characters or lone surrogates (well-formed Unicode)'

/**
 * The error for a string bound without a known column (a raw `sql` parameter)
 * that is not storable text: refused as the column encoders refuse it (its
 * value not quoted: nothing says which column it is for).
 */
export function unstorableParameter(): CodecError {
  return new CodecError(`a parameter: expected ${STORABLE_TEXT}`, undefined, undefined)
}

export function toText(value: unknown, ref: ColumnRef): string {
  if (typeof value !== 'string') fail(ref, value, 'a string')
  if (!isStorableText(value)) fail(ref, value, STORABLE_TEXT)
  return value
}

export function toBoolean(value: unknown, ref: ColumnRef): boolean {
  if (typeof value !== 'boolean') fail(ref, value, 'a boolean')
  return value
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/

/**
 * The dates and times every driver holds and returns as written: years 1 to
 * 9999. PostgreSQL has no year 0 and reads no five-digit year in ISO form;
 * SQLite would store either as text that sorts out of order.
 */
export const MIN_DATE = '0001-01-01'
export const MAX_DATE = '9999-12-31'
const MIN_MS = Date.parse('0001-01-01T00:00:00.000Z')
const MAX_MS = Date.parse('9999-12-31T23:59:59.999Z')
const DATE_RANGE = `between ${MIN_DATE} and ${MAX_DATE}`

function inRange(ms: number): boolean {
  return ms >= MIN_MS && ms <= MAX_MS
}

/** Days in each month of a common year. */
const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]

function isCalendarDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false
  if (month !== 2) return day <= MONTH_DAYS[month - 1]!
  // as Date.UTC reads it: years 0 to 99 are 1900 to 1999 (so 0000 is no leap year; it is refused anyway)
  const y = year < 100 ? 1900 + year : year
  const leap = y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0)
  return day <= (leap ? 29 : 28)
}

/**
 * A calendar date as 'YYYY-MM-DD'. A `Date` is accepted only at UTC midnight:
 * a time part would be silently dropped, which is exactly the bug this guards.
 */
export function toDateString(value: unknown, ref: ColumnRef): string {
  if (value instanceof Date) {
    const ms = value.getTime()
    if (Number.isNaN(ms) || ms % 86_400_000 !== 0) fail(ref, value, "a 'YYYY-MM-DD' string or a Date at UTC midnight")
    if (!inRange(ms)) fail(ref, value, `a date ${DATE_RANGE}`)
    return value.toISOString().slice(0, 10)
  }
  const m = typeof value === 'string' ? DATE.exec(value) : null
  if (!m || !isCalendarDate(Number(m[1]), Number(m[2]), Number(m[3]))) fail(ref, value, "a 'YYYY-MM-DD' date")
  if (m[1] === '0000') fail(ref, value, `a date ${DATE_RANGE}`)
  return value as string
}

const TIME = /^([01]\d|2[0-3]):([0-5]\d)(?::([0-5]\d)(\.\d{1,6})?)?$/

/** A time of day as 'HH:MM:SS' (fractions kept when given). */
export function toTimeString(value: unknown, ref: ColumnRef): string {
  const m = typeof value === 'string' ? TIME.exec(value) : null
  if (!m) fail(ref, value, "an 'HH:MM:SS' time")
  return m[3] === undefined ? `${value}:00` : (value as string)
}

const ISO_WITH_ZONE = /^(\d{4})-(\d{2})-(\d{2})T([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/

/** A point in time as ISO-8601 UTC text ('…T…Z'), the form both dialects store. */
export function toTimestampString(value: unknown, ref: ColumnRef): string {
  if (value instanceof Date) {
    const ms = value.getTime()
    if (Number.isNaN(ms)) fail(ref, value, 'a valid Date')
    if (!inRange(ms)) fail(ref, value, `a time ${DATE_RANGE} (UTC)`)
    return value.toISOString()
  }
  // an ISO string with an explicit zone is unambiguous; anything else is not.
  // Date.parse rolls '2025-02-30' over to March, so the calendar date is checked first.
  const m = typeof value === 'string' ? ISO_WITH_ZONE.exec(value) : null
  if (m && isCalendarDate(Number(m[1]), Number(m[2]), Number(m[3]))) {
    const ms = Date.parse(value as string)
    if (!Number.isNaN(ms)) {
      if (!inRange(ms)) fail(ref, value, `a time ${DATE_RANGE} (UTC)`)
      return new Date(ms).toISOString()
    }
  }
  return fail(ref, value, 'a Date (or an ISO-8601 string with a zone)')
}

/** A finite number; -0 becomes 0 (PostgreSQL returns -0, SQLite 0: the codec stores 0 everywhere). */
export function toFiniteNumber(value: unknown, ref: ColumnRef): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) fail(ref, value, 'a finite number')
  return value === 0 ? 0 : value
}

// SQLite would store any 64-bit integer; PostgreSQL's integer types would refuse it
// at run time. Checking the range here makes both dialects refuse it, before the query.
const INT2 = [-32_768, 32_767] as const
const INT4 = [-2_147_483_648, 2_147_483_647] as const
const INT8 = [-(2n ** 63n), 2n ** 63n - 1n] as const

/** An `integer` column: an integer within 32 bits. */
export function toInteger(value: unknown, ref: ColumnRef): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < INT4[0] || value > INT4[1]) {
    fail(ref, value, 'an integer between -2147483648 and 2147483647')
  }
  return value === 0 ? 0 : value
}

/** A `smallint` column: an integer within 16 bits. */
export function toSmallint(value: unknown, ref: ColumnRef): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < INT2[0] || value > INT2[1]) {
    fail(ref, value, 'an integer between -32768 and 32767')
  }
  return value === 0 ? 0 : value
}

/** A bigint column takes a safe-integer number or a JS bigint within 64 bits. */
export function toBigInt(value: unknown, ref: ColumnRef): number | bigint {
  if (typeof value === 'bigint') {
    if (value < INT8[0] || value > INT8[1]) fail(ref, value, 'a bigint within 64 bits')
    return value
  }
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) fail(ref, value, 'a safe integer or a bigint')
  return value === 0 ? 0 : value
}

export function toStringArray(value: unknown, ref: ColumnRef): string[] {
  if (!Array.isArray(value) || !value.every((v) => typeof v === 'string')) fail(ref, value, 'an array of strings')
  if (!value.every(isStorableText)) fail(ref, value, `an array of ${STORABLE_TEXT}`)
  return value
}

/** The largest float32, 2^128 - 2^104: a vector element beyond it has no float32 form. */
export const FLOAT32_MAX = 3.4028234663852886e38

/**
 * A vector's elements as float32 values (each `Math.fround`ed, -0 as 0): pgvector
 * and real[] store float32, so every driver, SQLite included, returns exactly
 * these. A number beyond ±FLOAT32_MAX is refused; one closer to 0 than the
 * smallest float32 becomes 0, as float32 rounding makes it.
 */
export function toVector(value: unknown, ref: ColumnRef): number[] {
  if (!Array.isArray(value)) fail(ref, value, 'an array of finite numbers')
  const out = new Array<number>(value.length)
  for (let i = 0; i < value.length; i++) {
    const v: unknown = value[i]
    if (typeof v !== 'number' || !Number.isFinite(v)) fail(ref, value, 'an array of finite numbers')
    const f = Math.fround(v)
    if (!Number.isFinite(f)) fail(ref, value, `an array of numbers within float32 range (|x| <= ${FLOAT32_MAX})`)
    out[i] = f === 0 ? 0 : f
  }
  return out
}

/**
 * How deeply arrays and objects may nest in a `json` value: SQLite's JSON
 * functions stop at 1000 levels, PGlite fails far beyond it. `[]` is depth 1.
 */
export const JSON_MAX_DEPTH = 1000

/**
 * Checks that `value` is JSON every driver stores and returns unchanged (or
 * throws a CodecError): null, booleans, finite numbers (-0 is stored as 0),
 * storable text (no NUL, no lone surrogate; object keys too), arrays and plain
 * objects (own keys, `__proto__` included), nested at most JSON_MAX_DEPTH deep.
 * Refused: undefined (JSON would drop or null it), NaN and Infinity, bigint,
 * Dates and other class instances, functions, cycles.
 */
export function checkJsonValue(value: unknown, ref: ColumnRef): void {
  const problem = jsonProblem(value, 0)
  if (problem !== undefined) fail(ref, value, `a JSON value (${problem})`)
}

function jsonProblem(value: unknown, depth: number): string | undefined {
  switch (typeof value) {
    case 'boolean':
      return undefined
    case 'number':
      return Number.isFinite(value) ? undefined : `${value} is not a JSON number`
    case 'string':
      return isStorableText(value) ? undefined : 'a string with a NUL character or a lone surrogate'
    case 'object': {
      if (value === null) return undefined
      if (depth >= JSON_MAX_DEPTH) return `nested deeper than ${JSON_MAX_DEPTH} levels, or circular`
      if (Array.isArray(value)) {
        for (let i = 0; i < value.length; i++) {
          const problem = jsonProblem(value[i], depth + 1)
          if (problem !== undefined) return problem
        }
        return undefined
      }
      const proto = Object.getPrototypeOf(value)
      if (proto !== Object.prototype && proto !== null) return `${proto?.constructor?.name ?? 'an object'} is not a plain object`
      for (const key of Object.keys(value)) {
        if (!isStorableText(key)) return 'a key with a NUL character or a lone surrogate'
        const problem = jsonProblem((value as Record<string, unknown>)[key], depth + 1)
        if (problem !== undefined) return problem
      }
      return undefined
    }
    default:
      return `${typeof value} is not a JSON value`
  }
}

/** JSON text of any JSON value (checked by `checkJsonValue`); a top-level string or array is JSON too. */
export function toJsonText(value: unknown, ref: ColumnRef): string {
  checkJsonValue(value, ref)
  return JSON.stringify(value)
}

/**
 * Fits an encoded value to its column's declared limit as PostgreSQL does on
 * storing it, so that SQLite stores the same: a varchar(n) holds n characters
 * (code points, not UTF-16 units), and longer text is refused unless the excess
 * is all spaces, which are cut; a numeric(p, s) value is rounded to s
 * decimals (half away from zero, on the decimal form the driver sends) and must
 * then have at most p - s digits before the point. Returns the value to bind.
 */
export function fitLimit(value: unknown, limit: ColumnLimit, ref: ColumnRef): unknown {
  if ('maxLength' in limit) {
    if (typeof value !== 'string' || value.length <= limit.maxLength) return value
    const characters = [...value]
    if (characters.length <= limit.maxLength) return value
    // PostgreSQL cuts excess characters that are all spaces instead of refusing them
    if (characters.slice(limit.maxLength).every((c) => c === ' ')) return characters.slice(0, limit.maxLength).join('')
    throw new CodecError(
      `${where(ref)}: expected at most ${limit.maxLength} characters (varchar(${limit.maxLength})), got ${characters.length}: ${describe(value, ref)}`,
      ref.table,
      ref.column,
    )
  }
  if (typeof value !== 'number') return value
  const units = roundedUnits(value, limit.scale)
  if (units >= 10n ** BigInt(limit.precision)) {
    throw new CodecError(
      `${where(ref)}: expected an absolute value below 1e${limit.precision - limit.scale} (numeric(${limit.precision}, ${limit.scale})), got ${value}`,
      ref.table,
      ref.column,
    )
  }
  if (units === 0n) return 0
  const digits = units.toString().padStart(limit.scale + 1, '0')
  const decimal = limit.scale === 0 ? digits : `${digits.slice(0, -limit.scale)}.${digits.slice(-limit.scale)}`
  return Math.sign(value) * Number(decimal)
}

/** |value| rounded to `scale` decimals, in units of 10^-scale. */
function roundedUnits(value: number, scale: number): bigint {
  // the shortest decimal form, which is what the driver sends ('1e+21' beyond 21 digits)
  const [mantissa, exponent = '0'] = Math.abs(value).toString().split('e')
  const [whole, fraction = ''] = mantissa!.split('.')
  const shift = Number(exponent) + scale + 1 // one digit more than kept, to round on
  const digits = `${whole}${fraction}`
  const point = whole!.length + shift
  const kept = point <= 0 ? 0n : BigInt(point >= digits.length ? digits.padEnd(point, '0') : digits.slice(0, point))
  return (kept + 5n) / 10n
}

/**
 * A timestamp read back as text → Date (UTC). Accepts the ISO form the library
 * writes and the 'YYYY-MM-DD HH:MM:SS[.fff]' form of SQL's CURRENT_TIMESTAMP.
 */
export function parseUtcTimestamp(text: string): Date {
  // rows written together share their timestamps (one "now" per call): the text
  // read last is parsed once, and each Date is still a new object
  if (text === lastTimestamp.text) return new Date(lastTimestamp.ms)
  const ms =
    timestampTextMs(text) ??
    (text.endsWith('Z') ? new Date(text) : new Date(`${text.length > 10 ? text.replace(' ', 'T') : `${text}T00:00:00`}Z`)).getTime()
  lastTimestamp.text = text
  lastTimestamp.ms = ms
  return new Date(ms)
}

const lastTimestamp = { text: '', ms: 0 }
