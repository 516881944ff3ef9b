import type { Encoders } from '../../codec/encoders.js'
import {
  isStorableText,
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
  unstorableParameter,
} from '../../codec/values.js'
import { timestampTextMs } from '../../codec/timestamp-text.js'
import { parsePgArray, toPgArrayLiteral } from './pg-array.js'

/**
 * PostgreSQL encoders. Everything is sent as text the server parses for the
 * column's type: timestamps as ISO-8601 UTC (a `timestamp` column keeps the UTC
 * wall-clock time, whatever the client's time zone), arrays as array literals,
 * JSON as JSON text (so a top-level string or array stays JSON).
 */
export function postgresEncoders(types: PostgresTypeState): Encoders {
  return {
    uuid: toUuid,
    varchar: toText,
    text: toText,
    integer: toInteger,
    smallint: toSmallint,
    bigint: (v, ref) => String(toBigInt(v, ref)),
    float: toFiniteNumber,
    numeric: toFiniteNumber,
    boolean: toBoolean,
    date: toDateString,
    time: toTimeString,
    timestamp: toTimestampString,
    timestamptz: toTimestampString,
    json: toJsonText,
    string_array: (v, ref) => toPgArrayLiteral(toStringArray(v, ref)),
    // pgvector reads '[1,2]'; the real[] fallback reads '{1,2}'
    vector: (v, ref) =>
      types.pgvectorColumns ? `[${toVector(v, ref).join(',')}]` : toPgArrayLiteral(toVector(v, ref)),
  }
}

/** Values bound without a known column: made bindable by their JavaScript type. */
export function postgresBindValue(value: unknown): unknown {
  if (typeof value === 'string' && !isStorableText(value)) throw unstorableParameter()
  if (value instanceof Date) return toTimestampString(value, {})
  if (typeof value === 'number' && !Number.isFinite(value)) return toFiniteNumber(value, {})
  if (value === undefined) return null
  return value
}

/** What the connected server has: the pgvector type's OID, when the extension is installed. */
export interface PostgresTypeState {
  vectorOid: number | undefined
  /** True when the vector columns are pgvector's type (else the real[] fallback). */
  pgvectorColumns: boolean
  /** True once the migrations have created the vector columns. */
  vectorColumns?: boolean
}

/** Parameters made bindable; the array is copied only when a value needs changing. */
export function bindablePostgres(parameters: ReadonlyArray<unknown>): unknown[] {
  let out: unknown[] | undefined
  for (let i = 0; i < parameters.length; i++) {
    const value = parameters[i]
    if (
      value instanceof Date ||
      value === undefined ||
      (typeof value === 'number' && !Number.isFinite(value)) ||
      (typeof value === 'string' && !isStorableText(value))
    ) {
      out ??= parameters.slice()
      out[i] = postgresBindValue(value)
    }
  }
  return out ?? (parameters as unknown[])
}

/** Type OIDs of the built-in types the codec layer decodes itself. */
export const OID = {
  bool: 16,
  int8: 20,
  int2: 21,
  int4: 23,
  text: 25,
  json: 114,
  float4: 700,
  float8: 701,
  textArray: 1009,
  varcharArray: 1015,
  float4Array: 1021,
  float8Array: 1022,
  varchar: 1043,
  date: 1082,
  time: 1083,
  timestamp: 1114,
  timestamptz: 1184,
  numeric: 1700,
  uuid: 2950,
  jsonb: 3802,
  boolArray: 1000,
  int2Array: 1005,
  int4Array: 1007,
  int8Array: 1016,
  numericArray: 1231,
  dateArray: 1182,
  timeArray: 1183,
  timestampArray: 1115,
  timestamptzArray: 1185,
  uuidArray: 2951,
  jsonArray: 199,
  jsonbArray: 3807,
} as const

const identity = (text: string) => text

function int8(text: string): number | bigint {
  const n = Number(text)
  return Number.isSafeInteger(n) ? n : BigInt(text)
}

/** 'YYYY-MM-DD HH:MM:SS[.ffffff]' (UTC by convention) → Date. */
function timestamp(text: string): Date {
  const ms = timestampTextMs(text)
  return ms === undefined ? new Date(`${text.replace(' ', 'T')}Z`) : new Date(ms)
}

/** 'YYYY-MM-DD HH:MM:SS[.ffffff]+HH[:MM[:SS]]' → Date. */
function timestamptz(text: string): Date {
  const ms = timestampTextMs(text)
  if (ms !== undefined) return new Date(ms)
  const m = /([+-])(\d{2})(?::?(\d{2}))?(?::(\d{2}))?$/.exec(text)
  if (!m) return timestamp(text)
  const zone = `${m[1]}${m[2]}:${m[3] ?? '00'}`
  return new Date(`${text.slice(0, m.index).replace(' ', 'T')}${zone}`)
}

/** An array parser from its element's parser; NULL elements stay null. */
const arrayOf =
  (element: (text: string) => unknown) =>
  (text: string): unknown[] =>
    parsePgArray(text).map((v) => (v === null ? null : element(v)))

const numberArray = arrayOf(Number)
/** float4 elements as the exact float32 values (what `Math.fround` gives), on every driver. */
const float32Array = arrayOf((text) => Math.fround(Number(text)))
/** pgvector's '[0.12345679,1]': its float4 elements as exact float32 values. */
const vector = (text: string): number[] => (JSON.parse(text) as number[]).map(Math.fround)
const bool = (t: string) => t === 't' || t === 'true'

/**
 * Text-format parsers by type OID, shared by pg and PGlite so that both return
 * the same values: dates stay 'YYYY-MM-DD' strings (never a local-time Date),
 * timestamps are UTC Dates, int8 and numeric are numbers.
 */
export function postgresTypeParsers(vectorOid?: number): Record<number, (text: string) => unknown> {
  // any other type comes back as PostgreSQL's text on pg and PGlite alike,
  // rather than as whatever each driver's own defaults make of it
  return new Proxy(postgresTypeParserTable(vectorOid), { get: (target, oid) => target[oid as unknown as number] ?? textParser })
}

/** PostgreSQL's text as it is: the parser of every type the codec layer does not decode. */
export const textParser = identity

/** The parsers of `postgresTypeParsers` as a plain object, without the text default (a lookup costs no proxy trap). */
export function postgresTypeParserTable(vectorOid?: number): Record<number, (text: string) => unknown> {
  const parsers: Record<number, (text: string) => unknown> = {
    [OID.bool]: bool,
    [OID.int8]: int8,
    [OID.int2]: Number,
    [OID.int4]: Number,
    [OID.float4]: Number,
    [OID.float8]: Number,
    [OID.numeric]: Number,
    [OID.text]: identity,
    [OID.varchar]: identity,
    [OID.uuid]: identity,
    [OID.date]: identity,
    [OID.time]: identity,
    [OID.timestamp]: timestamp,
    [OID.timestamptz]: timestamptz,
    [OID.json]: JSON.parse,
    [OID.jsonb]: JSON.parse,
    [OID.textArray]: parsePgArray,
    [OID.varcharArray]: parsePgArray,
    [OID.float4Array]: float32Array,
    [OID.float8Array]: numberArray,
    [OID.boolArray]: arrayOf(bool),
    [OID.int2Array]: numberArray,
    [OID.int4Array]: numberArray,
    [OID.int8Array]: arrayOf(int8),
    [OID.numericArray]: numberArray,
    [OID.dateArray]: parsePgArray,
    [OID.timeArray]: parsePgArray,
    [OID.timestampArray]: arrayOf(timestamp),
    [OID.timestamptzArray]: arrayOf(timestamptz),
    [OID.uuidArray]: parsePgArray,
    [OID.jsonArray]: arrayOf(JSON.parse),
    [OID.jsonbArray]: arrayOf(JSON.parse),
  }
  if (vectorOid !== undefined) parsers[vectorOid] = vector
  return parsers
}
