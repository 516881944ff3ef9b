import type { Decoder, Encoders } from '../../codec/encoders.js'
import {
  isStorableText,
  unstorableParameter,
  parseUtcTimestamp,
  toBigInt,
  toBoolean,
  toDateString,
  toFiniteNumber,
  toInteger,
  toJsonText,
  toSmallint,
  toStringArray,
  toText,
  toTimeString,
  toTimestampString,
  toUuid,
  toVector,
} from '../../codec/values.js'
import type { LogicalType } from '../../schema/logical-types.js'

/** SQLite stores booleans as 0/1, dates and times as ISO text, JSON-ish values as JSON text. */
export const sqliteEncoders: Encoders = {
  uuid: toUuid,
  varchar: toText,
  text: toText,
  integer: toInteger,
  smallint: toSmallint,
  bigint: toBigInt,
  float: toFiniteNumber,
  numeric: toFiniteNumber,
  boolean: (v, ref) => (toBoolean(v, ref) ? 1 : 0),
  date: toDateString,
  time: toTimeString,
  timestamp: toTimestampString,
  timestamptz: toTimestampString,
  json: toJsonText,
  string_array: (v, ref) => JSON.stringify(toStringArray(v, ref)),
  vector: (v, ref) => JSON.stringify(toVector(v, ref)),
}

const parseJson: Decoder = (v) => (typeof v === 'string' ? JSON.parse(v) : v)
const toDate: Decoder = (v) => (typeof v === 'string' ? parseUtcTimestamp(v) : v)
/** float32 values, as pgvector and real[] return them (the codec writes them so; text from elsewhere may not be). */
const parseVector: Decoder = (v) => (typeof v === 'string' ? (JSON.parse(v) as number[]).map(Math.fround) : v)

/** Decoders for logical types whose stored form differs from the application value. */
export const sqliteDecoders: Partial<Record<LogicalType, Decoder>> = {
  uuid: (v) => (typeof v === 'string' ? v.toLowerCase() : v),
  boolean: (v) => (v === null ? null : v !== 0 && v !== '0'),
  timestamp: toDate,
  timestamptz: toDate,
  json: parseJson,
  string_array: parseJson,
  vector: parseVector,
  numeric: (v) => (typeof v === 'string' ? Number(v) : v),
}

/**
 * The decoder of one result column of one statement. A uuid column's is its
 * own: SQLite may hold an upper-case uuid another program wrote, so every uuid
 * is lower-cased, and a column whose cell repeats the one before (the person of
 * every row of a schedule, a template over a rotation's weeks) is given the
 * string made for that one instead of scanning it again.
 */
export function sqliteColumnDecoder(logical: LogicalType): Decoder | undefined {
  if (logical !== 'uuid') return sqliteDecoders[logical]
  let last: unknown = null
  let decoded: unknown = null
  return (v) => {
    if (v === last) return decoded
    last = v
    return (decoded = typeof v === 'string' ? v.toLowerCase() : v)
  }
}

/**
 * Values bound without a known column (raw SQL parameters, computed expressions):
 * made bindable by their JavaScript type.
 */
export function sqliteBindValue(value: unknown): unknown {
  switch (typeof value) {
    case 'string':
      if (!isStorableText(value)) throw unstorableParameter()
      return value
    case 'bigint':
      return value
    case 'number':
      if (!Number.isFinite(value)) toFiniteNumber(value, {})
      return value
    case 'boolean':
      return value ? 1 : 0
    case 'undefined':
      return null
    case 'object':
      if (value === null || Buffer.isBuffer(value)) return value
      if (value instanceof Date) return toTimestampString(value, {})
      return toJsonText(value, {})
    default:
      return value
  }
}

/** Parameters made bindable; the array is copied only when a value needs changing. */
export function sqliteBindable(parameters: ReadonlyArray<unknown>): unknown[] {
  let out: unknown[] | undefined
  for (let i = 0; i < parameters.length; i++) {
    const value = parameters[i]
    const type = typeof value
    if (type === 'string' || type === 'number' || value === null) {
      if (type === 'string' ? isStorableText(value as string) : type !== 'number' || Number.isFinite(value)) continue
    }
    out ??= parameters.slice()
    out[i] = sqliteBindValue(value)
  }
  return out ?? (parameters as unknown[])
}
