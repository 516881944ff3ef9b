import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { createRowMapper } from '../src/codec/row-mapper.js'
import {
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
} from '../src/codec/values.js'
import { parsePgArray, toPgArrayLiteral } from '../src/dialect/postgres/pg-array.js'
import { OID, postgresBindValue, postgresEncoders, postgresTypeParsers } from '../src/dialect/postgres/postgres-codecs.js'
import { sqliteBindValue, sqliteDecoders, sqliteEncoders } from '../src/dialect/sqlite/sqlite-codecs.js'
import { CodecError } from '../src/errors.js'
import type { LogicalType } from '../src/schema/logical-types.js'

// Each encode/decode pair on its own, without a database. The whole path through
// each driver is test/codec-roundtrip.test.ts.

const ref = { table: 'codec_samples', column: 'value' }
const UPPER_UUID = 'A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11'
const LOWER_UUID = 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'

/** Asserts a CodecError that names the column. */
function rejects(fn: () => unknown): void {
  let thrown: unknown
  try {
    fn()
  } catch (error) {
    thrown = error
  }
  expect(thrown).toBeInstanceOf(CodecError)
  expect((thrown as CodecError).message).toMatch(/^codec_samples\.value: expected /)
  expect((thrown as CodecError).table).toBe('codec_samples')
  expect((thrown as CodecError).column).toBe('value')
}

describe('values: uuid', () => {
  it('returns a UUID lower-case', () => expect(toUuid(UPPER_UUID, ref)).toBe(LOWER_UUID))
  it('keeps a lower-case UUID', () => expect(toUuid(LOWER_UUID, ref)).toBe(LOWER_UUID))
  it.each([
    ['not a uuid', 'not-a-uuid'],
    ['a non-hex digit', 'g0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'],
    ['no hyphens', 'a0eebc999c0b4ef8bb6d6bb9bd380a11'],
    ['braces', `{${LOWER_UUID}}`],
    ['surrounding space', ` ${LOWER_UUID}`],
    ['a number', 42],
    ['a Buffer', Buffer.alloc(16)],
  ])('rejects %s', (_, value) => rejects(() => toUuid(value, ref)))
})

describe('values: text and boolean', () => {
  it('passes strings through, empty and unicode included', () => {
    expect(toText('', ref)).toBe('')
    expect(toText('Zoë 🩺', ref)).toBe('Zoë 🩺')
  })
  it('rejects a number for text', () => rejects(() => toText(1, ref)))
  it.each([
    ['a NUL', 'a\u0000b'],
    ['a lone high surrogate', 'a\uD800'],
    ['a lone low surrogate', '\uDC00b'],
    ['a reversed pair', '\uDE00\uD83D'],
  ])('rejects text with %s (no driver would store it unchanged)', (_, value) => rejects(() => toText(value, ref)))
  it('keeps a surrogate pair', () => expect(toText('\uD83D\uDE00', ref)).toBe('😀'))
  it('passes booleans through', () => {
    expect(toBoolean(true, ref)).toBe(true)
    expect(toBoolean(false, ref)).toBe(false)
  })
  it.each([1, 0, 'true', 'f'])('rejects %j for boolean', (value) => rejects(() => toBoolean(value, ref)))
})

describe('values: date', () => {
  it('keeps a calendar date string', () => expect(toDateString('2025-01-15', ref)).toBe('2025-01-15'))
  it('accepts 29 February of a leap year', () => expect(toDateString('2024-02-29', ref)).toBe('2024-02-29'))
  it.each(['2000-02-29', '1600-02-29', '0004-02-29', '2025-01-31', '2025-04-30', '2025-12-31'])('accepts %s (last day of its month)', (date) =>
    expect(toDateString(date, ref)).toBe(date))
  it.each(['1900-02-29', '2100-02-29', '0100-02-29', '2025-04-31', '2025-06-31', '2025-09-31', '2025-11-31'])('rejects %s (past the end of its month)', (date) =>
    rejects(() => toDateString(date, ref)))
  it('accepts a Date at UTC midnight', () =>
    expect(toDateString(new Date(Date.UTC(2025, 11, 31)), ref)).toBe('2025-12-31'))
  it.each([
    ['2025-02-30', '2025-02-30'],
    ['2025-02-29 (not a leap year)', '2025-02-29'],
    ['month 13', '2025-13-01'],
    ['month 0', '2025-00-10'],
    ['day 0', '2025-01-00'],
    ['no zero padding', '2025-1-5'],
    ['a time part in the string', '2025-01-15T00:00:00Z'],
    ['a Date with a time part', new Date('2025-01-15T10:30:00Z')],
    ['a Date one millisecond after midnight', new Date(Date.UTC(2025, 0, 15, 0, 0, 0, 1))],
    ['an invalid Date', new Date('nope')],
    ['a number', 20250115],
    ['year 0', '0000-12-31'],
    ['a Date in year 0', new Date('0000-12-31T00:00:00Z')],
    ['a Date in year 10000', new Date('+010000-01-01T00:00:00Z')],
    ['the last Date', new Date(8.64e15)],
  ])('rejects %s', (_, value) => rejects(() => toDateString(value, ref)))
  it.each(['0001-01-01', '0050-06-15', '9999-12-31'])('keeps %s (years 1 to 9999)', (date) => {
    expect(toDateString(date, ref)).toBe(date)
    expect(toDateString(new Date(`${date}T00:00:00Z`), ref)).toBe(date)
  })

  it('accepts exactly the real calendar dates (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1000, max: 9999 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 31 }), (y, m, d) => {
        const text = `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`
        const real = new Date(Date.UTC(y, m - 1, d)).getUTCDate() === d
        if (real) expect(toDateString(text, ref)).toBe(text)
        else expect(() => toDateString(text, ref)).toThrow(CodecError)
      }),
    )
  })
})

describe('values: time', () => {
  it('keeps HH:MM:SS', () => expect(toTimeString('08:30:15', ref)).toBe('08:30:15'))
  it('completes HH:MM with seconds', () => expect(toTimeString('08:30', ref)).toBe('08:30:00'))
  it('keeps fractional seconds', () => expect(toTimeString('23:59:59.123456', ref)).toBe('23:59:59.123456'))
  it.each(['24:00:00', '8:30:00', '12:60:00', '12:00:60', '12:00:00Z', 'noon'])('rejects %j', (value) =>
    rejects(() => toTimeString(value, ref)),
  )
  it('rejects a Date', () => rejects(() => toTimeString(new Date(), ref)))
})

describe('values: timestamp and timestamptz', () => {
  it('writes a Date as ISO-8601 UTC', () =>
    expect(toTimestampString(new Date(Date.UTC(2025, 0, 1, 23, 30)), ref)).toBe('2025-01-01T23:30:00.000Z'))
  it('normalises an ISO string with an offset to UTC', () =>
    expect(toTimestampString('2025-01-02T09:30:00+10:00', ref)).toBe('2025-01-01T23:30:00.000Z'))
  it('accepts an ISO string with Z', () =>
    expect(toTimestampString('2025-01-01T23:30:00Z', ref)).toBe('2025-01-01T23:30:00.000Z'))
  it.each([
    ['a string without a zone', '2025-01-01T23:30:00'],
    ['a date-only string', '2025-01-01'],
    ['an invalid Date', new Date('nope')],
    ['epoch milliseconds', 1735774200000],
    ['an impossible date with a zone', '2025-02-30T00:00:00Z'],
    ['hour 24', '2025-01-01T24:00:00Z'],
    ['minute 60', '2025-01-01T23:60:00Z'],
    ['a Date before year 1', new Date(Date.parse('0001-01-01T00:00:00Z') - 1)],
    ['a Date after 9999', new Date(Date.parse('9999-12-31T23:59:59.999Z') + 1)],
    ['the last Date', new Date(8.64e15)],
    ['year 1 with a zone east of UTC (year 0 in UTC)', '0001-01-01T00:30:00+01:00'],
    ['9999-12-31 with a zone west of UTC (year 10000 in UTC)', '9999-12-31T23:30:00-01:00'],
  ])('rejects %s', (_, value) => rejects(() => toTimestampString(value, ref)))

  it('reads back the ISO text it writes, and SQL CURRENT_TIMESTAMP text, as UTC', () => {
    expect(parseUtcTimestamp('2025-01-01T23:30:00.000Z').toISOString()).toBe('2025-01-01T23:30:00.000Z')
    expect(parseUtcTimestamp('2025-01-01 23:30:00').toISOString()).toBe('2025-01-01T23:30:00.000Z')
    expect(parseUtcTimestamp('2025-01-01 23:30:00.250').toISOString()).toBe('2025-01-01T23:30:00.250Z')
    expect(parseUtcTimestamp('2025-01-01').toISOString()).toBe('2025-01-01T00:00:00.000Z')
  })

  it('round-trips every Date to the same instant (property)', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('1000-01-01T00:00:00Z'), max: new Date('9999-12-31T23:59:59Z'), noInvalidDate: true }), (d) => {
        expect(parseUtcTimestamp(toTimestampString(d, ref)).getTime()).toBe(d.getTime())
      }),
    )
  })
})

describe('values: numbers', () => {
  it('passes finite numbers', () => expect(toFiniteNumber(-0.5, ref)).toBe(-0.5))
  it.each([NaN, Infinity, -Infinity, '1', 1n])('rejects %s for a float', (value) => rejects(() => toFiniteNumber(value, ref)))
  it('stores -0 as 0 in every number type', () => {
    for (const encode of [toFiniteNumber, toInteger, toSmallint, toBigInt]) expect(Object.is(encode(-0, ref), 0)).toBe(true)
  })
  it('passes integers at the int32 limits', () => {
    expect(toInteger(2_147_483_647, ref)).toBe(2_147_483_647)
    expect(toInteger(-2_147_483_648, ref)).toBe(-2_147_483_648)
  })
  it.each([1.5, NaN, Infinity, 2_147_483_648, -2_147_483_649, '1'])('rejects %s for an integer', (value) =>
    rejects(() => toInteger(value, ref)),
  )
  it('passes smallints at the int16 limits', () => {
    expect(toSmallint(32_767, ref)).toBe(32_767)
    expect(toSmallint(-32_768, ref)).toBe(-32_768)
  })
  it.each([32_768, -32_769, 0.5, NaN])('rejects %s for a smallint', (value) => rejects(() => toSmallint(value, ref)))
  it('passes a safe integer or a bigint within int8 for a bigint', () => {
    expect(toBigInt(Number.MAX_SAFE_INTEGER, ref)).toBe(Number.MAX_SAFE_INTEGER)
    expect(toBigInt(9_223_372_036_854_775_807n, ref)).toBe(9_223_372_036_854_775_807n)
    expect(toBigInt(-9_223_372_036_854_775_808n, ref)).toBe(-9_223_372_036_854_775_808n)
  })
  it.each([2 ** 53, 1.5, NaN, 9_223_372_036_854_775_808n, '1'])('rejects %s for a bigint', (value) =>
    rejects(() => toBigInt(value, ref)),
  )
})

describe('values: string_array and vector', () => {
  it('passes string arrays, empty included', () => {
    expect(toStringArray([], ref)).toEqual([])
    expect(toStringArray(['a', ''], ref)).toEqual(['a', ''])
  })
  it.each([
    ['a number element', ['a', 1]],
    ['a null element', ['a', null]],
    ['a string', 'a,b'],
    ['a nested array', [['a']]],
    ['a NUL element', ['a', '\u0000']],
    ['a lone surrogate element', ['\uD800']],
  ])('rejects %s in a string_array', (_, value) => rejects(() => toStringArray(value, ref)))
  it('passes number arrays', () => expect(toVector([0.5, -1, 3], ref)).toEqual([0.5, -1, 3]))
  it('rounds vector elements to float32, -0 and underflow to 0', () =>
    expect(toVector([0.123456789, -0, 1e-50, 3.4028234663852886e38], ref)).toEqual([0.12345679104328156, 0, 0, 3.4028234663852886e38]))
  it.each([
    ['1e39 (beyond float32)', [1e39]],
    ['-3.5e38', [-3.5e38]],
    ['NaN', [1, NaN]],
    ['Infinity', [Infinity]],
    ['a string element', ['1']],
    ['a typed array', new Float32Array([1])],
  ])('rejects %s in a vector', (_, value) => rejects(() => toVector(value, ref)))
})

/** `depth` nested empty arrays. */
function nest(depth: number): unknown {
  let value: unknown[] = []
  for (let i = 1; i < depth; i++) value = [value]
  return value
}

describe('values: json', () => {
  it.each([
    ['an object', { a: 1, b: [true, null] }, '{"a":1,"b":[true,null]}'],
    ['a top-level array', [1, 'two', { three: 3 }], '[1,"two",{"three":3}]'],
    ['a top-level string', 'hello', '"hello"'],
    ['a string that looks like JSON', '{"a":1}', '"{\\"a\\":1}"'],
    ['a number', 42.5, '42.5'],
    ['a boolean', false, 'false'],
  ])('writes %s as JSON text', (_, value, text) => expect(toJsonText(value, ref)).toBe(text))
  it.each([
    ['undefined', undefined],
    ['a function', () => 1],
    ['NaN', NaN],
    ['a nested Infinity', { a: [Infinity] }],
    ['a bigint', 1n],
    ['a Date', { at: new Date(0) }],
    ['an undefined property', { a: undefined }],
    ['a hole', [1, , 3]],
    ['a NUL in a string', { a: 'x\u0000' }],
    ['a lone surrogate in a key', { '\uD800': 1 }],
    ['a NUL in a key', { 'a\u0000': 1 }],
    ['1001 levels', nest(1001)],
    ['5000 levels', nest(5000)],
  ])('rejects %s', (_, value) => rejects(() => toJsonText(value, ref)))
  it('takes 1000 levels', () => expect(toJsonText(nest(1000), ref)).toBe(`${'['.repeat(1000)}${']'.repeat(1000)}`))
  it('keeps an own __proto__ key', () => expect(toJsonText(JSON.parse('{"__proto__":{"x":1}}'), ref)).toBe('{"__proto__":{"x":1}}'))
  it('rejects a circular object', () => {
    const value: Record<string, unknown> = {}
    value.self = value
    rejects(() => toJsonText(value, ref))
  })
  it('round-trips any JSON value through its text (property)', () => {
    fc.assert(fc.property(fc.jsonValue(), (value) => {
      expect(JSON.parse(toJsonText(value, ref))).toEqual(JSON.parse(JSON.stringify(value)))
    }))
  })
})

/** For each logical type: an application value and what SQLite stores for it. */
const SQLITE_PAIRS: ReadonlyArray<[LogicalType, unknown, unknown]> = [
  ['uuid', LOWER_UUID, LOWER_UUID],
  ['varchar', 'a, "b"', 'a, "b"'],
  ['text', '', ''],
  ['integer', -7, -7],
  ['smallint', 32_767, 32_767],
  ['bigint', Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER],
  ['bigint', 9_007_199_254_740_993n, 9_007_199_254_740_993n],
  ['float', 0.1, 0.1],
  ['numeric', 12345.67, 12345.67],
  ['boolean', true, 1],
  ['boolean', false, 0],
  ['date', '2025-01-15', '2025-01-15'],
  ['time', '23:30:00', '23:30:00'],
  ['timestamp', new Date('2025-01-01T23:30:00.000Z'), '2025-01-01T23:30:00.000Z'],
  ['timestamptz', new Date('1969-07-20T20:17:40.000Z'), '1969-07-20T20:17:40.000Z'],
  ['json', { a: [1, 'x'] }, '{"a":[1,"x"]}'],
  ['json', ['top', 'level'], '["top","level"]'],
  ['json', 'just a string', '"just a string"'],
  ['string_array', ['a,b', 'c"d', 'e\\f', '', 'NULL'], '["a,b","c\\"d","e\\\\f","","NULL"]'],
  ['vector', [0.5, -2, 3.5], '[0.5,-2,3.5]'],
  ['vector', [Math.fround(0.1)], '[0.10000000149011612]'],
]

describe('sqlite codecs', () => {
  it.each(SQLITE_PAIRS)('%s: encodes %o as %o and decodes it back', (logical, value, stored) => {
    expect(sqliteEncoders[logical](value, ref)).toEqual(stored)
    const decode = sqliteDecoders[logical] ?? ((v: unknown) => v)
    expect(decode(stored)).toEqual(value)
  })
  it('decodes an upper-case uuid written by another program to lower case', () =>
    expect(sqliteDecoders.uuid!(UPPER_UUID)).toBe(LOWER_UUID))
  it("decodes SQL's CURRENT_TIMESTAMP text as UTC", () =>
    expect(sqliteDecoders.timestamp!('2025-01-01 23:30:00')).toEqual(new Date('2025-01-01T23:30:00Z')))
  it('decodes numeric text to a number', () => expect(sqliteDecoders.numeric!('12.50')).toBe(12.5))
  it('decodes a boolean stored as 0/1 and as text', () => {
    expect(sqliteDecoders.boolean!(0)).toBe(false)
    expect(sqliteDecoders.boolean!('0')).toBe(false)
    expect(sqliteDecoders.boolean!(1)).toBe(true)
  })
  it('encodes an upper-case uuid in lower case', () => expect(sqliteEncoders.uuid(UPPER_UUID, ref)).toBe(LOWER_UUID))
  it.each<[LogicalType, unknown]>([
    ['uuid', 'not-a-uuid'],
    ['date', new Date('2025-01-15T12:00:00Z')],
    ['date', '2025-02-30'],
    ['float', NaN],
    ['numeric', Infinity],
    ['smallint', 40_000],
    ['string_array', ['a', 1]],
    ['vector', [NaN]],
    ['boolean', 1],
  ])('%s rejects %o', (logical, value) => rejects(() => sqliteEncoders[logical](value, ref)))

  it('binds values of unknown columns by their JavaScript type', () => {
    expect(sqliteBindValue(true)).toBe(1)
    expect(sqliteBindValue(false)).toBe(0)
    expect(sqliteBindValue(undefined)).toBe(null)
    expect(sqliteBindValue(new Date('2025-01-01T23:30:00Z'))).toBe('2025-01-01T23:30:00.000Z')
    expect(sqliteBindValue({ a: 1 })).toBe('{"a":1}')
    expect(sqliteBindValue(['a'])).toBe('["a"]')
    expect(sqliteBindValue(5n)).toBe(5n)
    const buffer = Buffer.from([1, 2])
    expect(sqliteBindValue(buffer)).toBe(buffer)
  })
  it('refuses to bind NaN even without a known column', () => expect(() => sqliteBindValue(NaN)).toThrow(CodecError))
})

/** For each logical type: an application value, what the encoder sends, what PostgreSQL returns as text. */
const POSTGRES_PAIRS: ReadonlyArray<[LogicalType, number, unknown, unknown, string]> = [
  ['uuid', OID.uuid, UPPER_UUID, LOWER_UUID, LOWER_UUID],
  ['varchar', OID.varchar, 'x', 'x', 'x'],
  ['text', OID.text, 'a\nb', 'a\nb', 'a\nb'],
  ['integer', OID.int4, -7, -7, '-7'],
  ['smallint', OID.int2, -32_768, -32_768, '-32768'],
  ['bigint', OID.int8, Number.MAX_SAFE_INTEGER, '9007199254740991', '9007199254740991'],
  ['bigint', OID.int8, 9_007_199_254_740_993n, '9007199254740993', '9007199254740993'],
  ['float', OID.float8, 0.1, 0.1, '0.1'],
  ['numeric', OID.numeric, 12345.67, 12345.67, '12345.67'],
  ['boolean', OID.bool, true, true, 't'],
  ['boolean', OID.bool, false, false, 'f'],
  ['date', OID.date, '2025-01-15', '2025-01-15', '2025-01-15'],
  ['time', OID.time, '23:30:00', '23:30:00', '23:30:00'],
  ['timestamp', OID.timestamp, new Date('2025-01-01T23:30:00.123Z'), '2025-01-01T23:30:00.123Z', '2025-01-01 23:30:00.123'],
  ['timestamptz', OID.timestamptz, new Date('2025-01-01T23:30:00Z'), '2025-01-01T23:30:00.000Z', '2025-01-01 23:30:00+00'],
  ['json', OID.jsonb, { a: [1, 'x'] }, '{"a":[1,"x"]}', '{"a": [1, "x"]}'],
  ['json', OID.jsonb, [1, 2], '[1,2]', '[1, 2]'],
  ['json', OID.jsonb, 'just a string', '"just a string"', '"just a string"'],
  ['string_array', OID.textArray, ['a b', 'c,d', 'e"f', 'g\\h', '', 'NULL', 'plain'], '{"a b","c,d","e\\"f","g\\\\h","","NULL","plain"}', '{"a b","c,d","e\\"f","g\\\\h","","NULL",plain}'],
  ['string_array', OID.textArray, [], '{}', '{}'],
  ['vector', OID.float4Array, [0.5, -2, 3.25], '{0.5,-2,3.25}', '{0.5,-2,3.25}'],
]

describe('postgres codecs', () => {
  const encoders = postgresEncoders({ vectorOid: undefined, pgvectorColumns: false })
  const parsers = postgresTypeParsers()
  it.each(POSTGRES_PAIRS)('%s (oid %i): encodes %o as %o and parses the server text back', (logical, oid, value, sent, text) => {
    expect(encoders[logical](value, ref)).toEqual(sent)
    const expected = logical === 'uuid' ? LOWER_UUID : value
    expect(parsers[oid]!(text)).toEqual(expected)
  })
  it('parses int8 beyond the safe range as a bigint, within it as a number', () => {
    expect(parsers[OID.int8]!('9223372036854775807')).toBe(9_223_372_036_854_775_807n)
    expect(parsers[OID.int8]!('-42')).toBe(-42)
  })
  it('parses timestamptz text in any offset to the same instant', () => {
    const instant = new Date('2025-01-01T23:30:00Z')
    expect(parsers[OID.timestamptz]!('2025-01-02 09:30:00+10')).toEqual(instant)
    expect(parsers[OID.timestamptz]!('2025-01-01 13:30:00-10')).toEqual(instant)
    expect(parsers[OID.timestamptz]!('2025-01-02 05:00:00+05:30')).toEqual(instant)
    expect(parsers[OID.timestamptz]!('2025-01-01 23:30:00.5+00')).toEqual(new Date('2025-01-01T23:30:00.500Z'))
  })
  it('parses microsecond timestamps to the millisecond', () =>
    expect(parsers[OID.timestamp]!('2025-01-01 23:30:00.123456')).toEqual(new Date('2025-01-01T23:30:00.123Z')))
  it('keeps a date as its text, never a local-midnight Date', () => expect(parsers[OID.date]!('2025-01-01')).toBe('2025-01-01'))
  it('parses float8[] and varchar[]', () => {
    expect(parsers[OID.float8Array]!('{1.5,NULL}')).toEqual([1.5, null])
    expect(parsers[OID.varcharArray]!('{a,"b c"}')).toEqual(['a', 'b c'])
  })
  it('reads arrays of the other logical types element by element, dates never shifted', () => {
    expect(parsers[OID.dateArray]!('{2024-01-01,NULL}')).toEqual(['2024-01-01', null])
    expect(parsers[OID.int8Array]!('{1,9007199254740993}')).toEqual([1, 9007199254740993n])
    expect(parsers[OID.numericArray]!('{1.5}')).toEqual([1.5])
    expect(parsers[OID.timestampArray]!('{"2025-01-01 10:00:00"}')).toEqual([new Date('2025-01-01T10:00:00Z')])
    expect(parsers[OID.timestamptzArray]!('{"2025-01-01 10:00:00+02"}')).toEqual([new Date('2025-01-01T08:00:00Z')])
    expect(parsers[OID.jsonbArray]!('{"{\\"a\\": 1}"}')).toEqual([{ a: 1 }])
    expect(parsers[OID.boolArray]!('{t,f,NULL}')).toEqual([true, false, null])
  })
  it("returns any other type as the server's text, the same on pg and PGlite", () => {
    const interval = 1186
    expect(parsers[interval]!('1 day')).toBe('1 day')
  })
  it('sends vectors as pgvector text when the extension exists', () => {
    const withVector = postgresEncoders({ vectorOid: 99_999, pgvectorColumns: true })
    expect(withVector.vector([0.5, -2], ref)).toBe('[0.5,-2]')
    expect(postgresTypeParsers(99_999)[99_999]!('[0.5,-2]')).toEqual([0.5, -2])
  })
  it.each<[LogicalType, unknown]>([
    ['uuid', 'not-a-uuid'],
    ['date', new Date('2025-01-15T12:00:00Z')],
    ['date', '2025-02-30'],
    ['float', NaN],
    ['integer', 2 ** 31],
    ['bigint', 2 ** 53],
    ['string_array', ['a', null]],
    ['vector', [Infinity]],
    ['json', undefined],
  ])('%s rejects %o', (logical, value) => rejects(() => encoders[logical](value, ref)))

  it('binds values of unknown columns by their JavaScript type', () => {
    expect(postgresBindValue(new Date('2025-01-01T23:30:00Z'))).toBe('2025-01-01T23:30:00.000Z')
    expect(postgresBindValue(undefined)).toBe(null)
    expect(postgresBindValue(true)).toBe(true)
    expect(() => postgresBindValue(NaN)).toThrow(CodecError)
  })
})

describe('pg-array', () => {
  it('writes every element quoted, escaping quotes and backslashes', () =>
    expect(toPgArrayLiteral(['a', 'b "c"', 'd\\e', ''])).toBe('{"a","b \\"c\\"","d\\\\e",""}'))
  it('writes numbers unquoted', () => expect(toPgArrayLiteral([1, -2.5])).toBe('{1,-2.5}'))
  it('writes an empty array as {}', () => expect(toPgArrayLiteral([])).toBe('{}'))
  it('parses an empty array', () => expect(parsePgArray('{}')).toEqual([]))
  it('parses unquoted elements and NULL', () => expect(parsePgArray('{a,NULL,b}')).toEqual(['a', null, 'b']))
  it('parses a quoted "NULL" as the string', () => expect(parsePgArray('{"NULL"}')).toEqual(['NULL']))
  it('parses quoted elements with commas, quotes, backslashes, braces and spaces', () =>
    expect(parsePgArray('{"a,b","c\\"d","e\\\\f","{g}"," h "}')).toEqual(['a,b', 'c"d', 'e\\f', '{g}', ' h ']))
  it('parses empty strings, alone and between others', () => {
    expect(parsePgArray('{""}')).toEqual([''])
    expect(parsePgArray('{a,"",b}')).toEqual(['a', '', 'b'])
    expect(parsePgArray('{"",""}')).toEqual(['', ''])
  })
  it('parses non-ASCII text', () => expect(parsePgArray('{Zoë,"🩺 x"}')).toEqual(['Zoë', '🩺 x']))
  it('parses back what it writes, for any strings (property)', () => {
    fc.assert(fc.property(fc.array(fc.string({ unit: 'binary' })), (values) => {
      expect(parsePgArray(toPgArrayLiteral(values))).toEqual(values)
    }))
  })
})

describe('row-mapper', () => {
  const upper = (v: string) => v.toUpperCase()
  it('builds an object from an array row, decoding where a decoder is given', () => {
    const map = createRowMapper(['a', 'b'], [upper, undefined])
    expect(map(['x', 'y'])).toEqual({ a: 'X', b: 'y' })
  })
  it('never hands null to a decoder', () => {
    const map = createRowMapper(['a'], [() => 'decoded'])
    expect(map([null])).toEqual({ a: null })
  })
  it('lets a later duplicate key win, with its own decoder', () => {
    const map = createRowMapper(['id', 'id'], [upper, (v: number) => v * 2])
    expect(map(['x', 21])).toEqual({ id: 42 })
  })
  it('keeps keys with quotes, backslashes and newlines intact', () => {
    const keys = ['a"b', 'c\\d', 'e\nf', '?column?']
    expect(Object.keys(createRowMapper(keys, [])([1, 2, 3, 4]))).toEqual(keys)
  })
  it('makes __proto__ an own key, never the prototype', () => {
    const row = createRowMapper(['__proto__'], [])([{ polluted: true }])
    expect(Object.getPrototypeOf(row)).toBe(Object.prototype)
    expect(Object.hasOwn(row, '__proto__')).toBe(true)
  })
  it('maps an empty shape to an empty object', () => expect(createRowMapper([], [])([])).toEqual({}))
  it('is reusable across rows', () => {
    const map = createRowMapper(['n'], [(v: number) => v + 1])
    expect([[1], [2]].map(map)).toEqual([{ n: 2 }, { n: 3 }])
  })
})
