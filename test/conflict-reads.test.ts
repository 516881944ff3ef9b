import type { Kysely } from 'kysely'
import { beforeAll, expect, it } from 'vitest'
import {
  createAbsence,
  createAssignment,
  getAbsenceConflicts,
  getCallCoverageGaps,
  getSupervisionGaps,
  isBlockingAbsence,
  isPersonFree,
  ValidationError,
  type Database,
} from '../src/index.js'
import { forEachDriver } from './setup.js'
import { assignmentId, blockId, FAY, GUS, HAL, loadSwapFixture, RES, sid, WEEKS } from './support/swap-fixture.js'

const clinic = sid('rotation_templates', 'clinic')
const lectures = sid('rotation_templates', 'lectures')
const W3 = WEEKS[2]

forEachDriver('conflict reads', (ctx) => {
  let db: Kysely<Database>
  const absence: Record<string, string> = {}

  beforeAll(async () => {
    const rdb = await ctx.open()
    await rdb.migrateToLatest()
    db = rdb.db
    await loadSwapFixture(db)
    const add = async (key: string, personId: string, absenceType: 'sick' | 'vacation' | 'conference' | 'medical', startDate: string, endDate: string, isBlocking?: boolean) =>
      (absence[key] = (await createAbsence(db, { personId, absenceType, startDate, endDate, ...(isBlocking === undefined ? {} : { isBlocking }) })).id)
    await add('faySick', FAY, 'sick', '2029-09-04', '2029-09-08') // 5 days: blocks
    await add('fayVacation', FAY, 'vacation', '2029-09-03', '2029-09-03') // does not block
    await add('gusConference', GUS, 'conference', '2029-09-10', '2029-09-10', true) // set: blocks
    await add('halMedical', HAL, 'medical', '2029-09-03', '2029-09-05') // 3 days: does not block
    await db
      .insertInto('rotationTemplates')
      .values([
        { id: clinic, name: 'Clinic', activityType: 'clinic' },
        { id: lectures, name: 'Lectures', activityType: 'education', supervisionRequired: false },
      ])
      .execute()
    const at = (date: string, personId: string, rotationTemplateId: string) =>
      createAssignment(db, { blockId: blockId(date, 'AM'), personId, rotationTemplateId, role: personId === RES ? 'primary' : 'supervising' })
    await at(W3, RES, clinic) // no faculty: a gap
    await at('2029-09-18', RES, clinic)
    await at('2029-09-18', HAL, clinic) // supervised
    await at('2029-09-19', RES, lectures) // needs no supervision
    await at('2029-09-20', RES, clinic)
    await at('2029-09-20', HAL, lectures) // a faculty member on another rotation: still a gap
    await db
      .insertInto('callAssignments')
      .values([
        { personId: FAY, date: '2029-09-09', callType: 'overnight' },
        { personId: GUS, date: '2029-09-11', callType: 'overnight' },
        { personId: HAL, date: '2029-09-10', callType: 'backup' },
        { personId: HAL, date: '2029-09-14', callType: 'overnight' }, // a Friday
      ])
      .execute()
  })

  it('createAbsence without isBlocking stores null, so the type and duration rules decide', async () => {
    const rows = await db.selectFrom('absences').selectAll().orderBy('startDate').orderBy('id').execute()
    const sick = rows.find((r) => r.id === absence.faySick)!
    expect(sick.isBlocking).toBeNull()
    expect(isBlockingAbsence(sick)).toBe(true)
    expect(isBlockingAbsence(rows.find((r) => r.id === absence.halMedical)!)).toBe(false)
    expect(rows.find((r) => r.id === absence.gusConference)!.isBlocking).toBe(true)
  })

  it('getAbsenceConflicts: the assignments inside a blocking absence of the same person', async () => {
    const conflicts = await getAbsenceConflicts(db, { from: WEEKS[0], to: W3 })
    const got = conflicts.map((c) => [c.block.date, c.block.timeOfDay, c.assignment.personId, c.absence.id])
    const fay = ['2029-09-04', '2029-09-05', '2029-09-06', '2029-09-07'].flatMap((d) => [
      [d, 'AM', FAY, absence.faySick],
      [d, 'PM', FAY, absence.faySick],
    ])
    expect(got).toEqual([...fay, ['2029-09-10', 'AM', GUS, absence.gusConference]])
    expect(conflicts[0]!.assignment.id).toBe(assignmentId(FAY, '2029-09-04', 'AM'))
    expect((await getAbsenceConflicts(db, { from: WEEKS[0], to: W3, personId: GUS })).map((c) => c.block.date)).toEqual(['2029-09-10'])
    expect(await getAbsenceConflicts(db, { from: '2029-09-05', to: '2029-09-05', personId: HAL })).toEqual([])
    await expect(getAbsenceConflicts(db, { from: W3, to: WEEKS[0] })).rejects.toBeInstanceOf(ValidationError)
  })

  it('getSupervisionGaps: half-days with residents on a rotation that needs supervision and no faculty on it', async () => {
    const gaps = await getSupervisionGaps(db, { from: WEEKS[0], to: '2029-09-23' })
    expect(gaps.map((g) => [g.block.date, g.block.timeOfDay, g.rotationTemplate.name, g.residentIds])).toEqual([
      [W3, 'AM', 'Clinic', [RES]],
      ['2029-09-20', 'AM', 'Clinic', [RES]],
    ])
    expect(await getSupervisionGaps(db, { from: '2029-09-18', to: '2029-09-19' })).toEqual([])
  })

  it('isPersonFree: busy where assigned or in a blocking absence, in the order asked', async () => {
    const blocks = [blockId(W3, 'PM'), blockId(WEEKS[0], 'AM'), blockId('2029-09-08', 'PM'), blockId('2029-09-04', 'AM')]
    const result = await isPersonFree(db, { personId: FAY, blockIds: blocks })
    expect(result).toEqual({
      free: false,
      busy: [
        { blockId: blockId(WEEKS[0], 'AM'), assignmentId: assignmentId(FAY, WEEKS[0], 'AM'), absenceId: null },
        { blockId: blockId('2029-09-08', 'PM'), assignmentId: null, absenceId: absence.faySick },
        { blockId: blockId('2029-09-04', 'AM'), assignmentId: assignmentId(FAY, '2029-09-04', 'AM'), absenceId: absence.faySick },
      ],
    })
    // Hal's 3-day medical leave does not block
    expect(await isPersonFree(db, { personId: HAL, blockIds: [blockId('2029-09-04', 'AM'), blockId(W3, 'PM')] })).toEqual({ free: true, busy: [] })
    await expect(isPersonFree(db, { personId: HAL, blockIds: [] })).rejects.toBeInstanceOf(ValidationError)
  })

  it('getCallCoverageGaps: the Sunday-to-Thursday nights with no overnight call', async () => {
    expect(await getCallCoverageGaps(db, { from: '2029-09-09', to: '2029-09-15' })).toEqual(['2029-09-10', '2029-09-12', '2029-09-13'])
    expect(await getCallCoverageGaps(db, { from: '2029-09-14', to: '2029-09-15' })).toEqual([])
    expect(await getCallCoverageGaps(db, { from: '2029-09-09', to: '2029-09-09' })).toEqual([])
  })
})
