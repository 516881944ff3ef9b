import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { timestampTextMs } from '../src/codec/timestamp-text.js'

/** The slow rule the fast path must agree with: the text as ISO-8601 for `new Date` (UTC when no zone is given, '±HH' as '±HH:00'). */
function slowMs(text: string): number {
  const iso = text.replace(' ', 'T')
  const zone = /(Z|[+-]\d{2}(:?\d{2})?)$/.exec(iso.slice(19))
  if (!zone) return new Date(`${iso}Z`).getTime()
  return new Date(zone[1]!.length === 3 ? `${iso}:00` : iso).getTime()
}

const pad = (n: number, width: number) => String(n).padStart(width, '0')

/** Timestamps as PostgreSQL and the library print them: any instant of years 1-9999, 0-6 fraction digits, a zone or none. */
const printed = fc
  .record({
    ms: fc.integer({ min: new Date('0001-01-01T00:00:00Z').getTime(), max: Date.UTC(9999, 11, 31, 23, 59, 59, 999) }),
    micros: fc.integer({ min: 0, max: 999 }),
    digits: fc.integer({ min: 0, max: 6 }),
    separator: fc.constantFrom(' ', 'T'),
    zone: fc.constantFrom('', 'Z', '+00', '+05:30', '-08', '-0330', '+14:00', '-12:45'),
  })
  .map(({ ms, micros, digits, separator, zone }) => {
    const d = new Date(ms)
    const fraction = `${pad(d.getUTCMilliseconds(), 3)}${pad(micros, 3)}`.slice(0, digits)
    return `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1, 2)}-${pad(d.getUTCDate(), 2)}${separator}${pad(d.getUTCHours(), 2)}:${pad(d.getUTCMinutes(), 2)}:${pad(d.getUTCSeconds(), 2)}${digits ? `.${fraction}` : ''}${zone}`
  })

describe('timestampTextMs: the fast path for timestamps read as text', () => {
  it('reads every printed timestamp as new Date does', () => {
    fc.assert(
      fc.property(printed, (text) => {
        expect(timestampTextMs(text)).toBe(slowMs(text))
      }),
      { numRuns: 5000 },
    )
  })

  it('reads a day past the month end into the next month, as new Date does', () => {
    expect(timestampTextMs('2025-02-30 00:00:00')).toBe(slowMs('2025-02-30 00:00:00'))
    expect(new Date(timestampTextMs('2024-02-29 12:00:00')!).toISOString()).toBe('2024-02-29T12:00:00.000Z')
  })

  it('counts the seconds of an offset (a local mean time zone prints them)', () => {
    expect(timestampTextMs('1850-01-01 00:00:00+00:53:28')).toBe(Date.UTC(1850, 0, 1) - (53 * 60 + 28) * 1000)
    expect(timestampTextMs('1850-01-01 00:00:00-00:53:28')).toBe(Date.UTC(1850, 0, 1) + (53 * 60 + 28) * 1000)
  })

  it('leaves every other text to the slow way', () => {
    for (const text of [
      '',
      '2025-07-01',
      'infinity',
      '-infinity',
      '2025-07-01 12:00:00 BC',
      '12025-07-01 12:00:00',
      '0000-07-01 12:00:00',
      '2025-07-01 24:00:00',
      '2025-13-01 12:00:00',
      '2025-07-01 12:60:00',
      '2025-07-01 12:00:00.',
      '2025-07-01 12:00:00.5x',
      '2025-07-01 12:00:00Zx',
      '2025-07-01 12:00:00+5',
      '2025-07-01 12:00:00+05:3',
      '2025-07-01 12:00:00+05:30:1',
      '2025-07-01 12:00:00+24:00',
      '2025-07-01 12:00:00+05:60',
      '2025/07/01 12:00:00',
      '2025-07-01x12:00:00',
      '2025-07-0a 12:00:00',
    ]) {
      expect(timestampTextMs(text), text).toBeUndefined()
    }
  })
})
