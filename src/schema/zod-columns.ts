import { z } from 'zod'
import { checkJsonValue, isStorableText, toDateString, toTimeString, toTimestampString, type ColumnRef } from '../codec/values.js'
import type { NonNullJsonValue } from './logical-types.js'

/**
 * The zod schema of one column value per logical type, used by the generated
 * table schemas in `./zod/`. Each accepts what the codec layer accepts for that
 * type (the date, time and timestamp formats are checked by the codec's own
 * functions, so the two never disagree) and adds what the database would refuse:
 * lengths, integer widths and the ranges of CHECK constraints.
 */

/** Bounds from a CHECK constraint: `min`/`max` inclusive, `gt`/`lt` exclusive. */
export interface Range {
  min?: number
  max?: number
  gt?: number
  lt?: number
}

const INT2 = { min: -32_768, max: 32_767 }
const INT4 = { min: -2_147_483_648, max: 2_147_483_647 }

// z.number().int() rather than z.int(): the same check, and a plain ZodNumber spares
// the compiler comparing zod's number-format types (a second of every type-check)
function bounded(schema: z.ZodNumber, range: Range | undefined, type?: { min: number; max: number }): z.ZodNumber {
  let s = schema
  const min = range?.min !== undefined && type ? Math.max(range.min, type.min) : (range?.min ?? type?.min)
  const max = range?.max !== undefined && type ? Math.min(range.max, type.max) : (range?.max ?? type?.max)
  if (min !== undefined) s = s.min(min)
  if (range?.gt !== undefined) s = s.gt(range.gt)
  if (max !== undefined) s = s.max(max)
  if (range?.lt !== undefined) s = s.lt(range.lt)
  return s
}

/** PostgreSQL counts varchar(n) in characters (code points), not UTF-16 units. */
function maxCharacters(length: number) {
  return (ctx: z.core.ParsePayload<string>) => {
    const value = ctx.value
    if (value.length <= length || [...value].length <= length) return
    ctx.issues.push({
      code: 'too_big',
      origin: 'string',
      maximum: length,
      inclusive: true,
      input: value,
      message: `Too big: expected string to have <=${length} characters`,
    })
  }
}

/** Text every driver stores unchanged (the codec's own test): no NUL, no lone surrogate. */
function storable(ctx: z.core.ParsePayload<string>): void {
  if (isStorableText(ctx.value)) return
  ctx.issues.push({
    code: 'invalid_format',
    format: 'storable_text',
    input: ctx.value,
    message: 'Invalid text: must not contain a NUL character or a lone surrogate',
  })
}

const text = () => z.string().check(storable)

/** A string the codec's own converter accepts (so zod and the codec agree exactly). */
function codecFormat<T = string>(format: string, expected: string, convert: (value: unknown, ref: ColumnRef) => unknown) {
  return (ctx: z.core.ParsePayload<T>) => {
    try {
      convert(ctx.value, {})
    } catch {
      ctx.issues.push({ code: 'invalid_format', format, input: String(ctx.value), message: `Invalid ${expected}` })
    }
  }
}

/**
 * A JSON value other than null (a NOT NULL `json` column: the codec stores null as
 * SQL NULL); `.nullable()` makes it any JSON value. Checked by the codec's own
 * `checkJsonValue` (the same depth limit, text and number rules) and returned as
 * given, not copied: an own `__proto__` key stays, and no depth overflows the stack.
 */
export const jsonValue = z.custom<NonNullJsonValue>().check((ctx) => {
  if (ctx.value === null) {
    ctx.issues.push({ code: 'invalid_type', expected: 'custom', input: null, message: 'Invalid input: expected a JSON value other than null' })
    return
  }
  try {
    checkJsonValue(ctx.value, {})
  } catch (error) {
    const message = `Invalid JSON: ${(error as Error).message.replace(/^a parameter: expected a JSON value \((.*)\), got .*$/, '$1')}`
    ctx.issues.push({ code: 'invalid_type', expected: 'custom', input: ctx.value, message })
  }
})

/**
 * One schema per distinct column definition, shared by every column that has it:
 * zod schemas are immutable, and building ~4,000 of them at import would cost
 * the library's users startup time for nothing.
 */
function shared<A extends unknown[], T>(make: (...args: A) => T): (...args: A) => T {
  const cache = new Map<string, T>()
  return (...args) => {
    const key = JSON.stringify(args)
    let schema = cache.get(key)
    if (schema === undefined) cache.set(key, (schema = make(...args)))
    return schema
  }
}

/** Column schemas by logical type; the generated files call these. */
export const col = {
  /** Any 8-4-4-4-12 hex UUID, as the codec accepts (returned lower-case). */
  uuid: shared(() => z.guid()),
  /** varchar(n): at most n characters. */
  varchar: shared((length: number) => text().check(maxCharacters(length))),
  text: shared(text),
  integer: shared((range?: Range) => bounded(z.number().int(), range, INT4)),
  smallint: shared((range?: Range) => bounded(z.number().int(), range, INT2)),
  /** A safe integer (the codec returns int8 values as numbers). */
  bigint: shared((range?: Range) => bounded(z.number().int(), range)),
  float: shared((range?: Range) => bounded(z.number(), range)),
  numeric: shared((range?: Range) => bounded(z.number(), range)),
  boolean: shared(() => z.boolean()),
  /** 'YYYY-MM-DD', a real calendar date in years 1 to 9999. */
  date: shared(() => z.string().check(codecFormat('date', "'YYYY-MM-DD' date", toDateString))),
  /** 'HH:MM' or 'HH:MM:SS[.ffffff]'. */
  time: shared(() => z.string().check(codecFormat('time', "'HH:MM:SS' time", toTimeString))),
  /** A timestamp as the codec layer returns it. */
  timestamp: shared(() => z.date()),
  /** A timestamp as the codec layer takes it: a valid Date, or an ISO-8601 string with a zone; years 1-9999. */
  timestampInput: shared(() =>
    z.union([
      z.date().check(codecFormat<Date>('datetime', 'time: years 1 to 9999', toTimestampString)),
      z.string().check(codecFormat('datetime', 'ISO-8601 timestamp with a zone (years 1 to 9999)', toTimestampString)),
    ]),
  ),
  json: () => jsonValue,
  stringArray: shared(() => z.array(text())),
  /** An array of finite numbers (pgvector `vector`, or `real[]`, or JSON text on SQLite). */
  vector: shared(() => z.array(z.number())),
}
