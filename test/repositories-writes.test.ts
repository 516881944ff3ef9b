import type { Kysely } from 'kysely'
import { beforeAll, describe, expect, it, vi } from 'vitest'
import {
  ConflictError,
  createAbsence,
  createAssignment,
  createPerson,
  createScheduleRun,
  deleteAbsence,
  deleteAssignment,
  deletePerson,
  ForeignKeyViolationError,
  generateAcademicYearBlocks,
  getPersonSchedule,
  insertAssignments,
  NotFoundError,
  UniqueViolationError,
  updateAbsence,
  updateAssignment,
  updatePerson,
  ValidationError,
  type Database,
  type Executor,
  type NewAssignment,
} from '../src/index.js'
import { DRIVERS, forEachDriver } from './setup.js'
import { id } from './support/repository-fixture.js'
import { rejection } from './support/rejection.js'

const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/
const T0 = new Date('2029-05-01T08:00:00.000Z')

/** An executor that fails the test if a function touches it: validation must come first. */
const untouchable = new Proxy(
  {},
  {
    get() {
      throw new Error('the database was touched')
    },
  },
) as Executor

async function issuePaths(promise: Promise<unknown>): Promise<string[]> {
  const error = await rejection(promise)
  expect(error).toBeInstanceOf(ValidationError)
  return (error as ValidationError).issues.map((i) => i.path.join('.'))
}

/** Rows written with fixed ids and times, per driver, compared in the last test. */
const stored = new Map<string, Record<string, unknown>>()

forEachDriver('repository writes', (ctx) => {
  let db: Kysely<Database>
  const mine: Record<string, unknown> = {}
  stored.set(ctx.driver, mine)
  const blockAm = id('blocks', 'w 2029-05-01 AM')
  const blockPm = id('blocks', 'w 2029-05-01 PM')
  let ana: string
  const count = async (table: 'people' | 'assignments' | 'absences') =>
    Number((await db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n)
  const assignmentRow = (assignmentId: string) => db.selectFrom('assignments').selectAll().where('id', '=', assignmentId).executeTakeFirst()

  beforeAll(async () => {
    const rdb = await ctx.open()
    await rdb.migrateToLatest()
    db = rdb.db
    await db
      .insertInto('blocks')
      .values([
        { id: blockAm, date: '2029-05-01', timeOfDay: 'AM', blockNumber: 11 },
        { id: blockPm, date: '2029-05-01', timeOfDay: 'PM', blockNumber: 11 },
      ])
      .execute()
    ana = (await createPerson(db, { id: id('people', 'w ana'), name: 'Ana Ortiz', type: 'resident', pgyLevel: 1, email: 'ana@example.org', createdAt: T0, updatedAt: T0 })).id
  })

  describe('people', () => {
    it('createPerson stores the row with a UUIDv7 id and the defaults, and returns it', async () => {
      const person = await createPerson(db, { name: 'Ben Ruiz', type: 'resident', pgyLevel: 2 })
      expect(person.id).toMatch(UUID_V7)
      expect(person).toMatchObject({ name: 'Ben Ruiz', pgyLevel: 2, screeningEfficiency: 100, performsProcedures: false, specialties: null })
      expect(person.createdAt).toBeInstanceOf(Date)
      expect(await db.selectFrom('people').selectAll().where('id', '=', person.id).executeTakeFirst()).toStrictEqual(person)
      mine.person = await createPerson(db, {
        id: id('people', 'w fixed').toUpperCase(),
        name: 'Dr. Fixed',
        type: 'faculty',
        facultyRole: 'core',
        specialties: ['Sports Medicine', 'it\'s "quoted"'],
        createdAt: T0,
        updatedAt: '2029-05-01T08:00:00Z',
      })
      expect((mine.person as { id: string }).id).toBe(id('people', 'w fixed'))
    })

    it('stores hostile strings verbatim: quotes, SQL, unicode, 255 characters', async () => {
      const names = [
        "Robert'); DROP TABLE people; --",
        '"; delete from assignments; --',
        "O'Brien \\ 100% _x_",
        'Zoë Ångström 李小龙 مريم 👩‍⚕️',
        'x'.repeat(255),
        '😀'.repeat(255), // 255 characters, 510 UTF-16 units
      ]
      for (const name of names) {
        const person = await createPerson(db, { name, type: 'faculty' })
        const back = await db.selectFrom('people').select('name').where('id', '=', person.id).executeTakeFirstOrThrow()
        expect(back.name).toBe(name)
        expect(person.name).toBe(name)
      }
      expect(await db.selectFrom('people').select('name').where('name', '=', names[0]!).execute()).toHaveLength(1)
      mine.hostile = (await db.selectFrom('people').select('name').where('name', 'in', names).execute()).map((r) => r.name).sort()
    })

    it('refuses before the database: too long, NUL, lone surrogates, bad enums, the PGY rule, unknown columns', async () => {
      const bad: Array<[Record<string, unknown>, string[]]> = [
        [{ name: 'x'.repeat(256), type: 'faculty' }, ['name']],
        [{ name: 'y'.repeat(500), type: 'faculty' }, ['name']],
        [{ name: 'nul\u0000byte', type: 'faculty' }, ['name']],
        [{ name: 'half \ud83d pair', type: 'faculty' }, ['name']],
        [{ name: 'Al', type: 'faculty', specialties: ['ok', 'n\u0000l'] }, ['specialties.1']],
        [{ name: 'Al', type: 'student' }, ['type']],
        [{ name: 'Al', type: 'resident' }, ['pgyLevel']],
        [{ name: 'Al', type: 'resident', pgyLevel: 4 }, ['pgyLevel']],
        [{ name: 'Al', type: 'faculty', pgyLevel: 2 }, ['pgyLevel']],
        [{ name: 'Al', type: 'faculty', facultyRole: 'dean' }, ['facultyRole']],
        [{ name: 'Al', type: 'faculty', id: 'not-a-uuid' }, ['id']],
        [{ name: 'Al', type: 'faculty', nickname: 'x' }, ['']],
      ]
      for (const [input, paths] of bad) expect(await issuePaths(createPerson(untouchable, input as never)), JSON.stringify(input)).toEqual(paths)
    })

    it('a taken email is a UniqueViolationError', async () => {
      const error = await rejection(createPerson(db, { name: 'Other Ana', type: 'resident', pgyLevel: 1, email: 'ana@example.org' }))
      expect(error).toBeInstanceOf(UniqueViolationError)
    })

    it('updatePerson changes columns, moves updatedAt, and keeps the PGY rule across columns', async () => {
      const longAgo = new Date('2001-01-01T00:00:00Z')
      const before = await createPerson(db, { name: 'Cy Old', type: 'resident', pgyLevel: 3, updatedAt: longAgo })
      const after = await updatePerson(db, { id: before.id, changes: { name: 'Cy New' } })
      expect(after).toMatchObject({ id: before.id, name: 'Cy New', pgyLevel: 3, createdAt: before.createdAt })
      expect(after.updatedAt!.getTime()).toBeGreaterThan(longAgo.getTime())
      expect(await issuePaths(updatePerson(db, { id: before.id, changes: { type: 'faculty' } }))).toEqual(['changes.pgyLevel'])
      expect((await updatePerson(db, { id: before.id, changes: { type: 'faculty', pgyLevel: null } })).type).toBe('faculty')
      expect(await issuePaths(updatePerson(untouchable, { id: before.id, changes: { id: ana } as never }))).toEqual(['changes'])
      expect(await rejection(updatePerson(db, { id: id('people', 'nobody'), changes: { name: 'X' } }))).toBeInstanceOf(NotFoundError)
    })

    it('deletePerson returns the deleted row and takes their assignments along', async () => {
      const person = await createPerson(db, { name: 'Dee Gone', type: 'resident', pgyLevel: 1 })
      const assignment = await createAssignment(db, { blockId: blockAm, personId: person.id, role: 'primary' })
      expect(await deletePerson(db, { id: person.id })).toStrictEqual(person)
      expect(await assignmentRow(assignment.id)).toBeUndefined()
      expect(await rejection(deletePerson(db, { id: person.id }))).toBeInstanceOf(NotFoundError)
    })
  })

  describe('assignments', () => {
    it('createAssignment returns the stored row; a second booking of the half-day is refused and changes nothing', async () => {
      const assignment = await createAssignment(db, { blockId: blockAm, personId: ana, role: 'primary', notes: 'clinic; "room 2"' })
      expect(assignment.id).toMatch(UUID_V7)
      expect(assignment.createdAt).toEqual(assignment.updatedAt)
      expect(await assignmentRow(assignment.id)).toStrictEqual(assignment)
      const before = await count('assignments')
      const error = await rejection(createAssignment(db, { blockId: blockAm, personId: ana, role: 'backup', notes: 'double booked' }))
      expect(error).toBeInstanceOf(UniqueViolationError)
      expect(await assignmentRow(assignment.id)).toStrictEqual(assignment)
      expect(await count('assignments')).toBe(before)
      expect(await rejection(createAssignment(db, { blockId: id('blocks', 'none'), personId: ana, role: 'primary' }))).toBeInstanceOf(ForeignKeyViolationError)
      expect(await issuePaths(createAssignment(untouchable, { blockId: 'x', personId: ana, role: 'lead' as 'primary', confidence: Number.NaN }))).toEqual([
        'blockId',
        'role',
        'confidence',
      ])
      mine.assignment = await createAssignment(db, {
        id: id('assignments', 'w fixed'),
        blockId: blockPm,
        personId: ana,
        role: 'supervising',
        explainJson: { rule: 'continuity', weights: [1, 2.5], note: "it's" },
        confidence: 0.75,
        createdAt: T0,
        updatedAt: T0,
      })
    })

    it("a row's created_at and updated_at left to the library are one instant, however the clock moves during the call", async () => {
      // a clock that ticks a millisecond on every reading: two readings for one row would differ
      const RealDate = Date
      let tick = RealDate.now()
      class TickingDate extends RealDate {
        constructor(...args: [] | [string | number | Date]) {
          if (args.length === 0) super(tick++)
          else super(args[0])
        }
        static override now(): number {
          return tick++
        }
      }
      const person = await createPerson(db, { name: 'Tik Tock', type: 'resident', pgyLevel: 1 })
      vi.stubGlobal('Date', TickingDate)
      try {
        const assignment = await createAssignment(db, { blockId: blockAm, personId: person.id, role: 'primary' })
        expect(assignment.createdAt!.getTime()).toBe(assignment.updatedAt!.getTime())
      } finally {
        vi.unstubAllGlobals()
      }
    })

    it('updateAssignment applies only to the version read; a stale updatedAt is a ConflictError that writes nothing', async () => {
      const person = await createPerson(db, { name: 'Eve Opt', type: 'resident', pgyLevel: 2 })
      const read = await createAssignment(db, { blockId: blockAm, personId: person.id, role: 'primary', updatedAt: T0 })
      const updated = await updateAssignment(db, { id: read.id, updatedAt: read.updatedAt, changes: { notes: 'first' } })
      expect(updated).toMatchObject({ id: read.id, notes: 'first', createdAt: read.createdAt })
      expect(updated.updatedAt!.getTime()).toBeGreaterThan(T0.getTime())
      const stale = await rejection(updateAssignment(db, { id: read.id, updatedAt: read.updatedAt, changes: { notes: 'second' } }))
      expect(stale).toBeInstanceOf(ConflictError)
      expect(await assignmentRow(read.id)).toStrictEqual(updated)
      // the token as an ISO string works too
      const again = await updateAssignment(db, { id: read.id, updatedAt: updated.updatedAt!.toISOString(), changes: { role: 'backup' } })
      expect(again.role).toBe('backup')
      // two writers with the same token: one wins
      const race = await Promise.allSettled([
        updateAssignment(db, { id: read.id, updatedAt: again.updatedAt, changes: { notes: 'a' } }),
        updateAssignment(db, { id: read.id, updatedAt: again.updatedAt, changes: { notes: 'b' } }),
      ])
      expect(race.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected'])
      expect((race.find((r) => r.status === 'rejected') as PromiseRejectedResult).reason).toBeInstanceOf(ConflictError)
      expect(await rejection(updateAssignment(db, { id: id('assignments', 'none'), updatedAt: T0, changes: {} }))).toBeInstanceOf(NotFoundError)
      expect(await issuePaths(updateAssignment(untouchable, { id: read.id, updatedAt: 'yesterday', changes: { updatedAt: T0 } as never }))).toEqual([
        'updatedAt',
        'changes',
      ])
    })

    it('updateAssignment matches a null updatedAt; deleteAssignment checks the token when given', async () => {
      const person = await createPerson(db, { name: 'Flo Null', type: 'resident', pgyLevel: 3 })
      const row = await createAssignment(db, { blockId: blockPm, personId: person.id, role: 'primary', updatedAt: null })
      expect(row.updatedAt).toBeNull()
      const updated = await updateAssignment(db, { id: row.id, updatedAt: null, changes: { activityOverride: 'Didactics' } })
      expect(updated.activityOverride).toBe('Didactics')
      expect(await rejection(deleteAssignment(db, { id: row.id, updatedAt: null }))).toBeInstanceOf(ConflictError)
      expect(await deleteAssignment(db, { id: row.id, updatedAt: updated.updatedAt })).toStrictEqual(updated)
      expect(await rejection(deleteAssignment(db, { id: row.id }))).toBeInstanceOf(NotFoundError)
    })
  })

  it("reads and writes in the caller's transaction, prepared queries included", async () => {
    const person = await createPerson(db, { name: 'Gil Tx', type: 'resident', pgyLevel: 1 })
    await expect(
      db.transaction().execute(async (tx) => {
        const row = await createAssignment(tx, { blockId: blockAm, personId: person.id, role: 'primary' })
        const schedule = await getPersonSchedule(tx, { personId: person.id, from: '2029-05-01', to: '2029-05-01' })
        expect(schedule.map((i) => i.assignment)).toStrictEqual([row])
        throw new Error('roll back')
      }),
    ).rejects.toThrow('roll back')
    expect(await getPersonSchedule(db, { personId: person.id, from: '2029-05-01', to: '2029-05-01' })).toEqual([])
  })

  describe('insertAssignments', () => {
    let blocks: { id: string; date: string }[]
    let people: string[]
    /** Rows for distinct (block, person) pairs, from pair number `offset` on. */
    const rowsFor = (count: number, extra: (i: number) => Partial<NewAssignment> = () => ({}), offset = 0): NewAssignment[] =>
      Array.from({ length: count }, (_, i) => ({
        blockId: blocks[(offset + i) % blocks.length]!.id,
        personId: people[Math.floor((offset + i) / blocks.length)]!,
        role: 'primary' as const,
        ...extra(i),
      }))

    beforeAll(async () => {
      await generateAcademicYearBlocks(db, { academicYear: 2030 })
      blocks = await db.selectFrom('blocks').select(['id', 'date']).where('date', '>=', '2030-07-01').orderBy('date').orderBy('timeOfDay').execute()
      people = []
      for (let i = 0; i < 24; i++) people.push((await createPerson(db, { name: `Bulk ${i}`, type: 'resident', pgyLevel: 1 + (i % 3) })).id)
    })

    it('inserts thousands of rows in batches under the parameter limit, ids in input order', async () => {
      // 8,030 rows of 7 columns: two statements on SQLite (4,680 rows in 32,766 parameters), one on PostgreSQL
      const rows = rowsFor(8030, (i) => (i % 3 === 0 ? { notes: `n${i}` } : {}))
      const before = await count('assignments')
      const result = await insertAssignments(db, { assignments: rows })
      expect(result.inserted).toBe(8030)
      expect(new Set(result.ids).size).toBe(8030)
      expect(result.ids.every((x) => UUID_V7.test(x))).toBe(true)
      expect(await count('assignments')).toBe(before + 8030)
      for (const i of [0, 1, 4679, 4680, 8029]) {
        const row = (await assignmentRow(result.ids[i]!))!
        expect(row).toMatchObject({ blockId: rows[i]!.blockId, personId: rows[i]!.personId, notes: i % 3 === 0 ? `n${i}` : null, scheduleRunId: null })
        expect(row.createdAt).toEqual(row.updatedAt)
      }
    })

    it('keeps given ids (lower-cased) and values of every type', async () => {
      const run = await createScheduleRun(db, { startDate: '2030-07-01', endDate: '2031-06-30', algorithm: 'cp_sat', status: 'completed' })
      const given = id('assignments', 'w bulk given')
      const rows = rowsFor(2, (i) => ({
        id: i === 0 ? given.toUpperCase() : undefined,
        personId: people[11]!,
        scheduleRunId: run.id,
        explainJson: i === 0 ? { why: ['a', "b'c"] } : null,
        score: 1.5,
        overrideAcknowledgedAt: i === 0 ? '2030-07-01T12:00:00+02:00' : undefined,
        createdAt: T0,
        updatedAt: T0,
      }))
      const { ids } = await insertAssignments(db, { assignments: rows })
      expect(ids[0]).toBe(given)
      expect(await assignmentRow(given)).toMatchObject({
        explainJson: { why: ['a', "b'c"] },
        score: 1.5,
        overrideAcknowledgedAt: new Date('2030-07-01T10:00:00Z'),
        createdAt: T0,
        scheduleRunId: run.id,
      })
      const { blockId, personId, scheduleRunId, ...fixed } = (await assignmentRow(given))!
      mine.bulk = { ...fixed, idsGiven: ids.length }
    })

    it('validates every row first and writes nothing when one is bad', async () => {
      const rows = rowsFor(10)
      rows[5] = { ...rows[5]!, role: 'boss' as 'primary' }
      rows[7] = { ...rows[7]!, blockId: "'; drop table blocks; --" }
      expect(await issuePaths(insertAssignments(untouchable, { assignments: rows }))).toEqual(['assignments.5.role', 'assignments.7.blockId'])
    })

    it('is all or nothing: a duplicate in a later batch, or the rollback of the caller’s transaction, leaves no row', async () => {
      const before = await count('assignments')
      // pairs 9,000 to 14,999 are free; the last row repeats one of the second SQLite batch (5,461 rows a batch)
      const rows = rowsFor(6000, undefined, 9000)
      rows.push({ ...rows[5999]! })
      expect(await rejection(insertAssignments(db, { assignments: rows }))).toBeInstanceOf(UniqueViolationError)
      expect(await count('assignments')).toBe(before)
      await expect(
        db.transaction().execute(async (tx) => {
          expect((await insertAssignments(tx, { assignments: rowsFor(100, undefined, 9000) })).inserted).toBe(100)
          throw new Error('roll back')
        }),
      ).rejects.toThrow('roll back')
      expect(await count('assignments')).toBe(before)
      expect(await insertAssignments(db, { assignments: [] })).toEqual({ inserted: 0, ids: [] })
    })
  })

  describe('absences and schedule runs', () => {
    it('createAbsence, updateAbsence, deleteAbsence, with the date order checked against the stored row', async () => {
      const absence = await createAbsence(db, { personId: ana, absenceType: 'conference', startDate: '2029-06-01', endDate: '2029-06-03' })
      expect(absence).toMatchObject({ isBlocking: null, returnDateTentative: false, notes: null })
      expect(absence.id).toMatch(UUID_V7)
      expect(await issuePaths(updateAbsence(db, { id: absence.id, changes: { endDate: '2029-05-31' } }))).toEqual(['changes.endDate'])
      const updated = await updateAbsence(db, { id: absence.id, changes: { endDate: '2029-06-05', notes: 'AAFP; "FMX"' } })
      expect(updated).toMatchObject({ startDate: '2029-06-01', endDate: '2029-06-05', notes: 'AAFP; "FMX"' })
      expect(await deleteAbsence(db, { id: absence.id })).toStrictEqual(updated)
      expect(await rejection(deleteAbsence(db, { id: absence.id }))).toBeInstanceOf(NotFoundError)
      expect(await rejection(updateAbsence(db, { id: absence.id, changes: { notes: 'x' } }))).toBeInstanceOf(NotFoundError)
      mine.absence = await createAbsence(db, {
        id: id('absences', 'w fixed'),
        personId: ana,
        absenceType: 'tdy',
        startDate: '2029-07-01',
        endDate: '2029-07-14',
        tdyLocation: 'Fort Sam Houston',
        createdAt: T0,
      })
    })

    it('refuses bad absences and schedule runs before the database', async () => {
      const bad = [
        [createAbsence(untouchable, { personId: ana, absenceType: 'holiday' as 'tdy', startDate: '2029-06-03', endDate: '2029-06-01' }), ['absenceType', 'endDate']],
        [createAbsence(untouchable, { personId: ana, absenceType: 'sick', startDate: '2029-02-29', endDate: '2029-03-01' }), ['startDate']],
        [createScheduleRun(untouchable, { startDate: '2030-07-01', endDate: '2030-06-30', algorithm: 'a'.repeat(51), status: 'done' }), ['algorithm', 'endDate']],
      ] as const
      for (const [call, paths] of bad) expect(await issuePaths(call)).toEqual(paths)
    })

    it('createScheduleRun stores the run', async () => {
      mine.run = await createScheduleRun(db, {
        id: id('schedule_runs', 'w fixed'),
        startDate: '2030-07-01',
        endDate: '2031-06-30',
        algorithm: 'cp_sat',
        status: 'completed',
        runtimeSeconds: 12.5,
        configJson: { seed: 7, weights: { equity: 0.5 } },
        createdAt: T0,
      })
      expect(mine.run).toMatchObject({ acgmeViolations: 0, runtimeSeconds: 12.5, configJson: { seed: 7, weights: { equity: 0.5 } } })
    })
  })
})

describe('every driver', () => {
  it.runIf(DRIVERS.length > 1)('stores and returns the same rows', () => {
    const [first, ...others] = DRIVERS
    const reference = stored.get(first!)!
    expect(Object.keys(reference)).toEqual(['person', 'hostile', 'assignment', 'bulk', 'absence', 'run'])
    for (const driver of others) expect(stored.get(driver), driver).toStrictEqual(reference)
  })
})
