import type { Kysely } from 'kysely'
import { v5 as uuidv5 } from 'uuid'
import { blockNumberOf } from '../../src/repositories/blocks.js'
import { addDays, isoWeekday } from '../../src/repositories/iso-dates.js'
import type { Database } from '../../src/schema/generated/database.js'

/**
 * A small program with every edge the read functions must get right, with
 * fixed ids (UUIDv5 of a key) and fixed timestamps, so that every driver holds
 * exactly the same rows and must return deep-equal results.
 *
 * "Today" is the leap day 2028-02-29 (academic year 2027).
 */
export const AS_OF = '2028-02-29'
const NOW = new Date('2028-01-15T12:00:00.000Z')
const NS = '3b0e8c52-7d3f-4f4a-9a51-2c6f8e1d0b77'

export const id = (table: string, key: string): string => uuidv5(`${table}:${key}`, NS)

export const RESIDENTS = {
  ana: { name: 'Ana Ortiz', pgyLevel: 1 },
  adam: { name: 'adam Baker', pgyLevel: 2 },
  emile: { name: 'Émile Zola', pgyLevel: 3 },
  mariaA: { name: 'Maria Chen', pgyLevel: 1 },
  mariaB: { name: 'Maria Chen', pgyLevel: 2 },
  zoe: { name: 'Zoe Young', pgyLevel: 3 },
  rob: { name: "Rob O'Neil", pgyLevel: 1 },
} as const
export const FACULTY = {
  fay: { name: 'Dr. Fay Faculty', facultyRole: 'pd' },
  gus: { name: 'Dr. Gus Faculty', facultyRole: 'core' },
  hal: { name: 'Dr. Hal Faculty', facultyRole: 'core' },
} as const
export type PersonKey = keyof typeof RESIDENTS | keyof typeof FACULTY
export const person = (key: PersonKey) => id('people', key)
export const template = (key: 'clinic' | 'fmit') => id('rotation_templates', key)
export const block = (date: string, timeOfDay: 'AM' | 'PM') => id('blocks', `${date} ${timeOfDay}`)

/** Blocks from 2028-02-20 to 2028-03-05 (the leap day among them), and 2028-03-10 AM alone. */
export const BLOCK_DATES: string[] = Array.from({ length: 15 }, (_, i) => addDays('2028-02-20', i))

/** [date, half-day, person, template] of every assignment. */
export const ASSIGNMENTS: Array<[string, 'AM' | 'PM', PersonKey, 'clinic' | 'fmit' | null]> = [
  ...BLOCK_DATES.flatMap((date) =>
    (['AM', 'PM'] as const)
      .filter((tod) => !(date === '2028-02-25' && tod === 'PM'))
      .map((tod): [string, 'AM' | 'PM', PersonKey, 'clinic' | 'fmit' | null] => [
        date,
        tod,
        'ana',
        tod === 'AM' ? 'clinic' : isoWeekday(date) === 3 ? 'fmit' : null,
      ]),
  ),
  ...(['adam', 'emile', 'mariaA', 'mariaB', 'zoe', 'rob', 'fay'] as const).map(
    (key): [string, 'AM' | 'PM', PersonKey, 'clinic' | 'fmit' | null] => [AS_OF, 'AM', key, key === 'zoe' ? 'fmit' : 'clinic'],
  ),
]

/** [person, type, expiration, reminder sent (days)] */
export const CERTIFICATIONS: Array<[PersonKey, 'BLS' | 'ACLS' | 'PALS' | 'NRP', string, number[]]> = [
  ['ana', 'BLS', '2028-02-28', []], // expired yesterday
  ['ana', 'ACLS', '2028-02-29', []], // expires today
  ['adam', 'PALS', '2028-03-30', []], // 30 days, same day as Zoe's: names decide
  ['zoe', 'BLS', '2028-03-30', [180, 90]],
  ['mariaA', 'BLS', '2028-05-29', []], // asOf + 90
  ['mariaB', 'BLS', '2028-05-30', []], // asOf + 91
  ['emile', 'NRP', '2028-08-27', [180]], // asOf + 180
  ['rob', 'NRP', '2028-08-28', []], // asOf + 181
  ['fay', 'BLS', '2028-03-07', [7]], // asOf + 7
]
/** Types with a reminder switched off. */
export const REMINDERS_OFF: Record<string, number[]> = { ACLS: [180], NRP: [14] }

export interface SwapFixture {
  key: string
  source: PersonKey
  target: PersonKey
  sourceWeek: string
  status: 'pending' | 'approved' | 'executed' | 'rejected' | 'cancelled' | 'rolled_back'
  requestedAt: string
}
const STATUSES = ['pending', 'approved', 'executed', 'rejected', 'cancelled', 'rolled_back'] as const
/** 25 swaps of Fay (source or target), two pairs with the same requestedAt; one between Gus and Hal. */
export const SWAPS: SwapFixture[] = [
  ...Array.from({ length: 25 }, (_, k): SwapFixture => ({
    key: `s${k}`,
    source: k % 2 === 0 ? 'fay' : k % 4 === 1 ? 'gus' : 'hal',
    target: k % 2 === 0 ? (k % 4 === 0 ? 'gus' : 'hal') : 'fay',
    sourceWeek: addDays('2027-09-06', 7 * k),
    status: STATUSES[k % STATUSES.length]!,
    // k = 3, 4 and k = 10, 11 requested at the same moment: ids decide
    requestedAt: `2027-08-${String(1 + (k === 4 ? 3 : k === 11 ? 10 : k)).padStart(2, '0')}T10:00:00.000Z`,
  })),
  { key: 'other', source: 'gus', target: 'hal', sourceWeek: '2027-09-06', status: 'pending', requestedAt: '2027-08-02T10:00:00.000Z' },
]

/** [key, person, type, start, end] */
export const ABSENCES: Array<[string, PersonKey, string, string, string]> = [
  ['a1', 'ana', 'vacation', '2028-02-20', '2028-03-01'], // ends on `from`
  ['a2', 'adam', 'conference', '2028-03-10', '2028-03-12'], // starts on `to`
  ['a3', 'zoe', 'sick', '2028-02-01', '2028-04-01'], // spans the range
  ['a4', 'mariaA', 'medical', '2028-02-01', '2028-02-29'], // ends the day before
  ['a5', 'rob', 'deployment', '2028-03-11', '2028-03-20'], // starts the day after
  ['a6', 'emile', 'sick', '2028-03-01', '2028-03-04'],
  ['a7', 'ana', 'tdy', '2028-03-01', '2028-03-02'], // same start as a6, ends earlier
  ['a8', 'mariaB', 'conference', '2028-03-01', '2028-03-04'], // same dates as a6: id decides
]
export const ABSENCE_RANGE = { from: '2028-03-01', to: '2028-03-10' }

/** [person, date, call type] */
export const CALLS: Array<[PersonKey, string, 'overnight' | 'weekend' | 'backup']> = [
  ['ana', '2028-02-20', 'overnight'], // Sunday
  ['ana', '2028-02-27', 'overnight'], // Sunday
  ['ana', '2028-02-21', 'overnight'],
  ['adam', '2028-03-05', 'overnight'], // Sunday
  ['adam', '2028-02-22', 'overnight'],
  ['adam', '2028-02-23', 'overnight'],
  ['zoe', '2028-02-24', 'overnight'],
  ['zoe', '2028-02-28', 'overnight'],
  ['mariaA', '2028-02-29', 'overnight'],
  ['mariaB', '2028-03-01', 'overnight'],
  ['rob', '2028-02-25', 'weekend'],
  ['fay', '2028-02-26', 'backup'],
  ['ana', '2028-03-06', 'overnight'], // after the range
]
export const CALL_RANGE = { from: '2028-02-20', to: '2028-03-05' }

/** [key, academic year, block number, resident, template] */
export const BLOCK_ASSIGNMENTS: Array<[string, number, number, PersonKey, 'clinic' | 'fmit' | null]> = [
  ['b1', 2027, 9, 'ana', 'clinic'],
  ['b2', 2027, 8, 'ana', 'clinic'],
  ['b3', 2027, 9, 'adam', 'fmit'],
  ['b4', 2027, 9, 'zoe', null],
  ['b5', 2028, 0, 'ana', 'clinic'],
]

/** [key, person, procedure, status, expiration] */
export const CREDENTIALS: Array<[string, PersonKey, 'ji' | 'sb', 'active' | 'suspended' | 'pending', string | null]> = [
  ['c1', 'fay', 'ji', 'active', null],
  ['c2', 'fay', 'sb', 'active', '2028-02-29'], // expires today: still valid
  ['c3', 'gus', 'ji', 'active', '2028-02-28'],
  ['c4', 'gus', 'sb', 'suspended', '2029-01-01'],
  ['c5', 'hal', 'ji', 'active', '2028-03-30'], // asOf + 30
  ['c6', 'hal', 'sb', 'active', '2028-03-31'], // asOf + 31
  ['c7', 'ana', 'ji', 'pending', null],
]
export const PROCEDURES = { ji: 'Joint Injection', sb: 'Skin Biopsy' }

const stamps = { createdAt: NOW, updatedAt: NOW }

/** Loads the fixture into a migrated, empty database. */
export async function loadFixture(db: Kysely<Database>): Promise<void> {
  await db
    .insertInto('people')
    .values([
      ...Object.entries(RESIDENTS).map(([key, r]) => ({ id: person(key as PersonKey), name: r.name, type: 'resident' as const, pgyLevel: r.pgyLevel, ...stamps })),
      ...Object.entries(FACULTY).map(([key, f]) => ({ id: person(key as PersonKey), name: f.name, type: 'faculty' as const, facultyRole: f.facultyRole, ...stamps })),
    ])
    .execute()
  await db
    .insertInto('rotationTemplates')
    .values([
      { id: template('clinic'), name: 'Clinic', activityType: 'clinic', createdAt: NOW },
      { id: template('fmit'), name: 'FMIT', activityType: 'inpatient', createdAt: NOW },
    ])
    .execute()
  const blockRow = (date: string, timeOfDay: 'AM' | 'PM') => ({
    id: block(date, timeOfDay),
    date,
    timeOfDay,
    blockNumber: blockNumberOf(date),
    isWeekend: isoWeekday(date) >= 6,
  })
  await db
    .insertInto('blocks')
    .values([...BLOCK_DATES.flatMap((d) => [blockRow(d, 'AM'), blockRow(d, 'PM')]), blockRow('2028-03-10', 'AM')])
    .execute()
  await db
    .insertInto('assignments')
    .values(
      ASSIGNMENTS.map(([date, tod, who, rotation]) => ({
        id: id('assignments', `${date} ${tod} ${who}`),
        blockId: block(date, tod),
        personId: person(who),
        rotationTemplateId: rotation && template(rotation),
        role: who === 'fay' ? ('supervising' as const) : ('primary' as const),
        explainJson: who === 'ana' && tod === 'AM' ? { rule: 'continuity', weight: 2 } : null,
        ...stamps,
      })),
    )
    .execute()

  await db
    .insertInto('certificationTypes')
    .values(
      (['BLS', 'ACLS', 'PALS', 'NRP'] as const).map((name) => ({
        id: id('certification_types', name),
        name,
        reminderDays180: !(REMINDERS_OFF[name] ?? []).includes(180),
        reminderDays14: !(REMINDERS_OFF[name] ?? []).includes(14),
        ...stamps,
      })),
    )
    .execute()
  await db
    .insertInto('personCertifications')
    .values(
      CERTIFICATIONS.map(([who, type, expirationDate, sent]) => ({
        id: id('person_certifications', `${who} ${type}`),
        personId: person(who),
        certificationTypeId: id('certification_types', type),
        issuedDate: addDays(expirationDate, -730),
        expirationDate,
        reminder180Sent: sent.includes(180) ? NOW : null,
        reminder90Sent: sent.includes(90) ? NOW : null,
        reminder7Sent: sent.includes(7) ? NOW : null,
        ...stamps,
      })),
    )
    .execute()

  await db
    .insertInto('swapRecords')
    .values(
      SWAPS.map((s) => ({
        id: id('swap_records', s.key),
        sourceFacultyId: person(s.source),
        targetFacultyId: person(s.target),
        sourceWeek: s.sourceWeek,
        swapType: 'absorb' as const,
        status: s.status,
        requestedAt: new Date(s.requestedAt),
      })),
    )
    .execute()
  await db
    .insertInto('swapApprovals')
    .values(
      SWAPS.filter((s) => s.status !== 'pending').flatMap((s) => [
        { id: id('swap_approvals', `${s.key} target`), swapId: id('swap_records', s.key), facultyId: person(s.target), role: 'target', approved: s.status !== 'rejected', respondedAt: NOW },
        { id: id('swap_approvals', `${s.key} source`), swapId: id('swap_records', s.key), facultyId: person(s.source), role: 'source', approved: true, respondedAt: NOW },
      ]),
    )
    .execute()

  await db
    .insertInto('absences')
    .values(
      ABSENCES.map(([key, who, absenceType, startDate, endDate]) => ({
        id: id('absences', key),
        personId: person(who),
        absenceType: absenceType as 'vacation',
        startDate,
        endDate,
        notes: key === 'a1' ? "family trip; it's booked" : null,
        createdAt: NOW,
      })),
    )
    .execute()
  await db
    .insertInto('callAssignments')
    .values(CALLS.map(([who, date, callType]) => ({ id: id('call_assignments', `${who} ${date} ${callType}`), personId: person(who), date, callType, createdAt: NOW })))
    .execute()
  await db
    .insertInto('blockAssignments')
    .values(
      BLOCK_ASSIGNMENTS.map(([key, academicYear, blockNumber, who, rotation]) => ({
        id: id('block_assignments', key),
        academicYear,
        blockNumber,
        residentId: person(who),
        rotationTemplateId: rotation && template(rotation),
        ...stamps,
      })),
    )
    .execute()
  await db
    .insertInto('procedures')
    .values(Object.entries(PROCEDURES).map(([key, name]) => ({ id: id('procedures', key), name, ...stamps })))
    .execute()
  await db
    .insertInto('procedureCredentials')
    .values(
      CREDENTIALS.map(([key, who, procedure, status, expirationDate]) => ({
        id: id('procedure_credentials', key),
        personId: person(who),
        procedureId: id('procedures', procedure),
        status,
        expirationDate,
        ...stamps,
      })),
    )
    .execute()
}
