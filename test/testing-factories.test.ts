import type { Kysely } from 'kysely'
import { beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../src/schema/generated/database.js'
import { createFactories } from '../src/testing/factories.js'
import type { FactoryName } from '../src/testing/build-rows.js'
import { FACTORY_TABLES } from '../src/testing/insert-rows.js'
import { parseInsert } from '../src/validation.js'
import { forEachDriver } from './setup.js'

/** residency-db/testing's row factories: valid rows on every driver, overrides, unique values, determinism. */

const TABLES = FACTORY_TABLES

type Counts = Record<(typeof TABLES)[FactoryName], number>

async function counts(db: Kysely<Database>): Promise<Counts> {
  const entries = await Promise.all(
    Object.values(TABLES).map(async (table) => {
      const row = await db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()
      return [table, Number(row.n)] as const
    }),
  )
  return Object.fromEntries(entries) as Counts
}

/** What each inserter with nothing given adds, per table (the row and the parents it makes). */
const ADDS: Record<FactoryName, Partial<Counts>> = {
  person: { people: 1 },
  block: { blocks: 1 },
  rotationTemplate: { rotationTemplates: 1 },
  assignment: { assignments: 1, people: 1, blocks: 1, rotationTemplates: 1 },
  absence: { absences: 1, people: 1 },
  certificationType: { certificationTypes: 1 },
  certification: { personCertifications: 1, people: 1, certificationTypes: 1 },
  callAssignment: { callAssignments: 1, people: 1 },
  swap: { swapRecords: 1, people: 2 },
  swapApproval: { swapApprovals: 1, swapRecords: 1, people: 2 },
}

forEachDriver('residency-db/testing factories', ({ open }) => {
  let db: Kysely<Database>
  const { build, insert } = createFactories()
  beforeAll(async () => {
    const rdb = await open()
    await rdb.migrateToLatest()
    db = rdb.db
  }, 300_000)

  it('inserts a row of every factory with nothing given, and the parents it needs', async () => {
    for (const name of Object.keys(TABLES) as FactoryName[]) {
      const before = await counts(db)
      const row = (await insert[name](db)) as { id: string }
      expect(row.id, name).toMatch(/^00000000-0000-4000-8/)
      const after = await counts(db)
      const added = Object.fromEntries(Object.entries(after).map(([t, n]) => [t, n - before[t as keyof Counts]]).filter(([, n]) => n !== 0))
      expect(added, name).toEqual(ADDS[name])
    }
  })

  it('returns the row as stored, with the overrides, and makes no parent it was given', async () => {
    const faculty = await insert.person(db, { type: 'faculty', name: 'Dr. Fay' })
    expect(faculty).toMatchObject({ type: 'faculty', name: 'Dr. Fay', pgyLevel: null, facultyRole: 'core', createdAt: expect.any(Date) })
    const block = await insert.block(db, { date: '2031-02-01', timeOfDay: 'PM' })
    expect(block).toMatchObject({ date: '2031-02-01', timeOfDay: 'PM', blockNumber: 8, isWeekend: true })
    const before = await counts(db)
    const assignment = await insert.assignment(db, { personId: faculty.id, blockId: block.id, rotationTemplateId: null, role: 'supervising' })
    expect(assignment).toMatchObject({ personId: faculty.id, blockId: block.id, rotationTemplateId: null, role: 'supervising' })
    const other = await insert.person(db, { type: 'faculty' })
    const swap = await insert.swap(db, { sourceFacultyId: faculty.id, targetFacultyId: other.id, swapType: 'absorb', targetWeek: null })
    const approval = await insert.swapApproval(db, { swapId: swap.id })
    expect(approval).toMatchObject({ swapId: swap.id, facultyId: other.id, role: 'target', approved: null })
    const after = await counts(db)
    expect(after.people - before.people).toBe(1)
    expect([after.blocks - before.blocks, after.rotationTemplates - before.rotationTemplates]).toEqual([0, 0])
    // a built row is inserted as it is
    const built = build.certificationType({ name: 'BLS' })
    await db.insertInto('certificationTypes').values(built).execute()
    expect(await db.selectFrom('certificationTypes').select(['id', 'name']).where('id', '=', built.id).executeTakeFirst()).toEqual({ id: built.id, name: 'BLS' })
  })

  it('keeps unique columns apart: 30 rows of each factory for the same parents insert', async () => {
    const person = await insert.person(db)
    const [a, b] = [await insert.person(db, { type: 'faculty' }), await insert.person(db, { type: 'faculty' })]
    const type = await insert.certificationType(db)
    for (let i = 0; i < 30; i++) {
      await insert.person(db)
      await insert.certificationType(db)
      await insert.assignment(db, { personId: person.id })
      await insert.absence(db, { personId: person.id })
      await insert.callAssignment(db, { personId: person.id })
      await insert.swap(db, { sourceFacultyId: a.id, targetFacultyId: b.id })
      await insert.certification(db, { certificationTypeId: type.id })
    }
    const mine = await db.selectFrom('assignments').select('blockId').where('personId', '=', person.id).execute()
    expect(new Set(mine.map((r) => r.blockId)).size).toBe(30)
  })
})

describe('residency-db/testing builders', () => {
  it('build rows the insert schemas accept (types, enums, lengths, CHECK ranges)', () => {
    const { build } = createFactories()
    const [personId, blockId, certificationTypeId] = [build.person().id, build.block().id, build.certificationType().id]
    const rows: [string, unknown][] = [
      ['people', build.person()],
      ['people', build.person({ type: 'faculty' })],
      ['blocks', build.block()],
      ['rotationTemplates', build.rotationTemplate()],
      ['assignments', build.assignment({ personId, blockId })],
      ['absences', build.absence({ personId })],
      ['certificationTypes', build.certificationType()],
      ['personCertifications', build.certification({ personId, certificationTypeId })],
      ['callAssignments', build.callAssignment({ personId })],
      ['swapRecords', build.swap({ sourceFacultyId: personId, targetFacultyId: personId })],
      ['swapApprovals', build.swapApproval({ swapId: personId, facultyId: personId })],
    ]
    for (const [table, row] of rows) expect(() => parseInsert(table as 'people', row), table).not.toThrow()
  })

  it('residents cycle through PGY 1-3; blocks go AM, PM, next day; swaps start on Mondays', () => {
    const { build } = createFactories()
    expect([1, 2, 3, 4].map(() => build.person().pgyLevel)).toEqual([1, 2, 3, 1])
    expect([1, 2, 3].map(() => build.block()).map((b) => `${b.date} ${b.timeOfDay}`)).toEqual(['2025-07-01 AM', '2025-07-01 PM', '2025-07-02 AM'])
    const week = build.swap({ sourceFacultyId: 'a', targetFacultyId: 'b' }).sourceWeek
    expect(new Date(`${week}T00:00:00Z`).getUTCDay()).toBe(1)
    // columns that follow a given value keep the CHECKs (end_date >= start_date)
    expect(build.absence({ personId: 'p', startDate: '2030-01-10' })).toMatchObject({ startDate: '2030-01-10', endDate: '2030-01-16' })
    expect(build.swap({ sourceFacultyId: 'a', targetFacultyId: 'b', sourceWeek: '2030-01-07' }).targetWeek).toBe('2030-01-14')
  })

  it('is deterministic: the same start gives the same rows, reset starts again, another start other rows', () => {
    const one = createFactories({ start: 7 })
    const two = createFactories({ start: 7 })
    const rows = (f: ReturnType<typeof createFactories>) => [f.build.person(), f.build.block(), f.build.person({ type: 'faculty' })] as const
    const first = rows(one)
    expect(rows(two)).toEqual(first)
    one.reset()
    expect(rows(one)).toEqual(first)
    one.reset(100)
    const other = rows(one)
    expect(other[0]!.email).not.toBe(first[0]!.email)
    expect(other[0]!.id).not.toBe(first[0]!.id)
    expect(() => createFactories({ start: 0 })).toThrow(RangeError)
  })
})
