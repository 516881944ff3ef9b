import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { ResidencyDbError, ValidationError } from '../src/errors.js'
import { generateAcademicYearBlocks } from '../src/repositories/blocks.js'
import type { Executor } from '../src/repositories/row-types.js'
import { getHalfDay } from '../src/repositories/schedule.js'
import { getSwapHistory } from '../src/repositories/swaps.js'
import { newBlockSchema, newPersonSchema, personSchema } from '../src/schema/generated/zod/index.js'
import { parseInput, parseInsert, parseUpdate } from '../src/validation.js'

// Bad input is refused by the generated schemas, with zod's issues and their
// field paths, before anything reaches the database.

function refused(fn: () => unknown): ValidationError {
  try {
    fn()
  } catch (error) {
    if (error instanceof ValidationError) return error
    throw error
  }
  throw new Error('expected a ValidationError')
}

async function refusedAsync(fn: () => Promise<unknown>): Promise<ValidationError> {
  try {
    await fn()
  } catch (error) {
    if (error instanceof ValidationError) return error
    throw error
  }
  throw new Error('expected a ValidationError')
}

const paths = (error: ValidationError) => error.issues.map((i) => [i.path.join('.'), i.code])

/** A database handle that fails the test when anything touches it. */
const untouchable = new Proxy(
  {},
  {
    get(_, property) {
      throw new Error(`the database was used (${String(property)})`)
    },
  },
) as Executor

const ADA = { name: 'Ada Lovelace', type: 'resident' } as const
const UUID = '01950f3a-0000-7000-8000-000000000001'

describe('parseInsert and parseUpdate (the generated insert and update schemas)', () => {
  it('returns a valid row as it is', () => {
    const row = { ...ADA, pgyLevel: 2, specialties: ['peds'], createdAt: new Date('2025-07-01T08:00:00Z') }
    expect(parseInsert('people', row)).toEqual(row)
  })

  it('refuses every bad field at once, each issue with its path and zod code', () => {
    const error = refused(() =>
      parseInsert('people', { name: 'x'.repeat(256), type: 'visitor', pgyLevel: 4, email: 7, nickname: 'Ada' }),
    )
    expect(error).toBeInstanceOf(ResidencyDbError)
    expect(paths(error)).toEqual([
      ['name', 'too_big'],
      ['type', 'invalid_value'],
      ['email', 'invalid_type'],
      ['pgyLevel', 'too_big'],
      ['', 'unrecognized_keys'],
    ])
    expect(error.message).toMatch(/^people: invalid row: name: .*; pgyLevel: Too big: expected number to be <=3;/)
  })

  it('refuses a row that leaves out a required column', () => {
    expect(paths(refused(() => parseInsert('people', { type: 'faculty' })))).toEqual([['name', 'invalid_type']])
  })

  it('takes every column of an update as optional, with the same rules', () => {
    expect(parseUpdate('swapRecords', {})).toEqual({})
    expect(paths(refused(() => parseUpdate('swapRecords', { status: 'done', sourceWeek: '2025-02-30' })))).toEqual([
      ['sourceWeek', 'invalid_format'],
      ['status', 'invalid_value'],
    ])
  })

  it('checks the ranges of CHECK constraints, inclusive and exclusive', () => {
    expect(paths(refused(() => parseUpdate('webhooks', { timeoutSeconds: 0 })))).toEqual([['timeoutSeconds', 'too_small']])
    expect(parseUpdate('webhooks', { timeoutSeconds: 300 })).toEqual({ timeoutSeconds: 300 })
    expect(paths(refused(() => parseUpdate('people', { pgyLevel: 1.5 })))).toEqual([['pgyLevel', 'invalid_type']])
    expect(paths(refused(() => parseUpdate('people', { sundayCallCount: 2 ** 31 })))).toEqual([['sundayCallCount', 'too_big']])
  })

  it('takes timestamps as a Date or an ISO-8601 string with a zone, as the codec does', () => {
    expect(parseUpdate('people', { updatedAt: '2025-07-01T08:00Z' })).toEqual({ updatedAt: '2025-07-01T08:00Z' })
    expect(paths(refused(() => parseUpdate('people', { updatedAt: '2025-07-01 08:00:00' })))).toEqual([['updatedAt', 'invalid_union']])
    expect(paths(refused(() => parseUpdate('people', { updatedAt: new Date(Number.NaN) })))).toEqual([['updatedAt', 'invalid_union']])
  })

  it('counts varchar lengths in characters, as PostgreSQL does', () => {
    expect(parseUpdate('people', { name: '😀'.repeat(255) })).toEqual({ name: '😀'.repeat(255) })
    expect(paths(refused(() => parseUpdate('people', { name: '😀'.repeat(256) })))).toEqual([['name', 'too_big']])
  })

  it('refuses JSON null for a NOT NULL json column, and takes it for a nullable one', () => {
    expect(paths(refused(() => parseUpdate('ragDocuments', { metadata_: null })))).toEqual([['metadata_', 'invalid_type']])
    expect(parseUpdate('ragDocuments', { metadata_: { source: 'x' } })).toEqual({ metadata_: { source: 'x' } })
    expect(parseUpdate('assignments', { explainJson: null })).toEqual({ explainJson: null })
  })
})

describe('parseInput', () => {
  it('gives nested paths (row index, column) for a list of rows', () => {
    const rows = [
      { date: '2025-07-03', timeOfDay: 'AM', blockNumber: 1 },
      { date: '2025-07-03', timeOfDay: 'noon', blockNumber: 1 },
    ]
    const error = refused(() => parseInput(z.array(newBlockSchema), rows, 'blocks'))
    expect(error.issues).toEqual([{ path: [1, 'timeOfDay'], code: 'invalid_value', message: 'Invalid option: expected one of "AM"|"PM"' }])
    expect(error.message).toBe('blocks: 1.timeOfDay: Invalid option: expected one of "AM"|"PM"')
  })

  it('validates rows read from elsewhere with the row schemas', () => {
    expect(paths(refused(() => parseInput(personSchema, { ...ADA, id: UUID })))).toContainEqual(['createdAt', 'invalid_type'])
    expect(newPersonSchema.parse(ADA)).toEqual(ADA)
  })
})

describe('repository functions refuse bad input before touching the database', () => {
  it('getSwapHistory: a status outside swap_records.status', async () => {
    const error = await refusedAsync(() => getSwapHistory(untouchable, { facultyId: UUID, status: 'done' as 'pending' }))
    expect(paths(error)).toEqual([['status', 'invalid_union']])
  })

  it('getHalfDay: a time of day outside blocks.time_of_day', async () => {
    const error = await refusedAsync(() => getHalfDay(untouchable, { date: '2025-07-03', timeOfDay: 'noon' as 'AM' }))
    expect(paths(error)).toEqual([['timeOfDay', 'invalid_value']])
  })

  it('generateAcademicYearBlocks: a holiday name longer than blocks.holiday_name', async () => {
    const error = await refusedAsync(() =>
      generateAcademicYearBlocks(untouchable, {
        academicYear: 2025,
        holidays: [{ date: '2025-12-25', name: 'x'.repeat(256) }],
      }),
    )
    expect(paths(error)).toEqual([['holidays.0.name', 'too_big']])
  })
})
