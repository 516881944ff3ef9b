import type { Kysely } from 'kysely'
import { v5 as uuidv5 } from 'uuid'
import { blockNumberOf } from '../../src/repositories/blocks.js'
import { addDays, isoWeekday } from '../../src/repositories/iso-dates.js'
import type { Database } from '../../src/schema/generated/database.js'

/**
 * Three faculty members and three swap weeks (Mondays W1-W3) of half-day
 * blocks, with fixed ids: Fay works every weekday half-day of W1, Gus every
 * weekday morning of W2, Hal Monday morning of W1 (where Fay works too: an
 * absorb of Fay's W1 by Hal collides there).
 */
const NS = '0c8a5d6e-2b1f-4e7a-8d3c-9f4b1a2e6c70'
export const sid = (table: string, key: string): string => uuidv5(`${table}:${key}`, NS)
export const WEEKS = ['2029-09-03', '2029-09-10', '2029-09-17'] as const
export const FAY = sid('people', 'fay')
export const GUS = sid('people', 'gus')
export const HAL = sid('people', 'hal')
export const RES = sid('people', 'res')
export const FACULTY = [FAY, GUS, HAL] as const
export const blockId = (date: string, tod: 'AM' | 'PM') => sid('blocks', `${date} ${tod}`)
export const DATES = Array.from({ length: 21 }, (_, i) => addDays(WEEKS[0], i))
const weekdays = (week: string) => [0, 1, 2, 3, 4].map((d) => addDays(week, d))

/** [person, date, half-day] of every assignment. */
export const SWAP_ASSIGNMENTS: Array<[string, string, 'AM' | 'PM']> = [
  ...weekdays(WEEKS[0]).flatMap((d) => [[FAY, d, 'AM'], [FAY, d, 'PM']] as Array<[string, string, 'AM' | 'PM']>),
  ...weekdays(WEEKS[1]).map((d): [string, string, 'AM' | 'PM'] => [GUS, d, 'AM']),
  [HAL, WEEKS[0], 'AM'],
]
export const assignmentId = (person: string, date: string, tod: 'AM' | 'PM') => sid('assignments', `${person} ${date} ${tod}`)

export async function loadSwapFixture(db: Kysely<Database>): Promise<void> {
  await db
    .insertInto('people')
    .values([
      ...['fay', 'gus', 'hal'].map((k) => ({ id: sid('people', k), name: `Dr. ${k}`, type: 'faculty' as const, facultyRole: 'core' as const })),
      { id: RES, name: 'Resident Res', type: 'resident' as const, pgyLevel: 2 },
    ])
    .execute()
  await db
    .insertInto('blocks')
    .values(
      DATES.flatMap((date) =>
        (['AM', 'PM'] as const).map((timeOfDay) => ({
          id: blockId(date, timeOfDay),
          date,
          timeOfDay,
          blockNumber: blockNumberOf(date),
          isWeekend: isoWeekday(date) >= 6,
        })),
      ),
    )
    .execute()
  await db
    .insertInto('assignments')
    .values(SWAP_ASSIGNMENTS.map(([personId, date, tod]) => ({ id: assignmentId(personId, date, tod), blockId: blockId(date, tod), personId, role: 'primary' })))
    .execute()
}

/** Every assignment as `id -> personId`. */
export async function owners(db: Kysely<Database>): Promise<Record<string, string>> {
  const rows = await db.selectFrom('assignments').select(['id', 'personId']).orderBy('id').execute()
  return Object.fromEntries(rows.map((r) => [r.id, r.personId]))
}
