import type { Kysely } from 'kysely'
import { v7 as uuid } from 'uuid'
import { beforeAll, describe, expect, it } from 'vitest'
import {
  blockNumberOf,
  generateAcademicYearBlocks,
  getExpiringCertifications,
  getHalfDay,
  getPersonSchedule,
  getSwapHistory,
  type Database,
  type SwapStatus,
} from '../src/index.js'
import { forEachDriver } from './setup.js'
import { issuePaths, untouchable } from './support/validation-probes.js'


forEachDriver('repositories', (ctx) => {
  let db: Kysely<Database>

  beforeAll(async () => {
    const rdb = await ctx.open()
    await rdb.migrateToLatest()
    db = rdb.db
  })

  const person = async (name: string, type: 'resident' | 'faculty' = 'resident') => {
    const id = uuid()
    await db
      .insertInto('people')
      .values({ id, name, type, pgyLevel: type === 'resident' ? 1 : null, facultyRole: type === 'faculty' ? 'core' : null })
      .execute()
    return id
  }
  const block = async (date: string, timeOfDay: 'AM' | 'PM') => {
    const id = uuid()
    await db.insertInto('blocks').values({ id, date, timeOfDay, blockNumber: blockNumberOf(date) }).execute()
    return id
  }
  const assign = async (blockId: string, personId: string, rotationTemplateId: string | null = null) => {
    const id = uuid()
    await db.insertInto('assignments').values({ id, blockId, personId, rotationTemplateId, role: 'primary' }).execute()
    return id
  }
  const blockCount = async (from: string, to: string) => {
    const { n } = await db
      .selectFrom('blocks')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('date', '>=', from)
      .where('date', '<=', to)
      .executeTakeFirstOrThrow()
    return Number(n)
  }

  describe('generateAcademicYearBlocks', () => {
    it('creates 730 numbered half-day blocks for 2025, block 1 from Thursday 2025-07-03', async () => {
      const result = await generateAcademicYearBlocks(db, { academicYear: 2025 })
      expect(result).toEqual({ academicYear: 2025, startDate: '2025-07-01', endDate: '2026-06-30', total: 730, inserted: 730 })
      expect(await blockCount('2025-07-01', '2026-06-30')).toBe(730)
      const rows = await db
        .selectFrom('blocks')
        .select(['date', 'timeOfDay', 'blockNumber', 'isWeekend'])
        .where('date', 'in', ['2025-07-01', '2025-07-02', '2025-07-03', '2025-07-05', '2025-07-30', '2025-07-31', '2026-06-30'])
        .orderBy('date')
        .orderBy('timeOfDay')
        .execute()
      const numbers = Object.fromEntries(rows.map((r) => [`${r.date} ${r.timeOfDay}`, r.blockNumber]))
      expect(numbers).toEqual({
        '2025-07-01 AM': 0, '2025-07-01 PM': 0, '2025-07-02 AM': 0, '2025-07-02 PM': 0,
        '2025-07-03 AM': 1, '2025-07-03 PM': 1, '2025-07-05 AM': 1, '2025-07-05 PM': 1,
        '2025-07-30 AM': 1, '2025-07-30 PM': 1, '2025-07-31 AM': 2, '2025-07-31 PM': 2,
        '2026-06-30 AM': 13, '2026-06-30 PM': 13,
      })
      expect(rows.filter((r) => r.isWeekend).map((r) => r.date)).toEqual(['2025-07-05', '2025-07-05'])
    })

    it('is idempotent: a second run adds nothing', async () => {
      const again = await generateAcademicYearBlocks(db, { academicYear: 2025 })
      expect(again.inserted).toBe(0)
      expect(await blockCount('2025-07-01', '2026-06-30')).toBe(730)
    })

    it('creates 732 blocks for the leap academic year 2027, with 2028-02-29 and no block 0', async () => {
      const result = await generateAcademicYearBlocks(db, { academicYear: 2027 })
      expect(result).toMatchObject({ total: 732, inserted: 732 })
      const leapDay = await db.selectFrom('blocks').select(['timeOfDay', 'blockNumber']).where('date', '=', '2028-02-29').orderBy('timeOfDay').execute()
      expect(leapDay).toEqual([{ timeOfDay: 'AM', blockNumber: 9 }, { timeOfDay: 'PM', blockNumber: 9 }])
      // 2027-07-01 is a Thursday: block 1 starts on July 1
      const first = await db.selectFrom('blocks').select('blockNumber').where('date', '=', '2027-07-01').execute()
      expect(first.map((r) => r.blockNumber)).toEqual([1, 1])
    })

    it('marks the given holidays on the blocks it inserts', async () => {
      await generateAcademicYearBlocks(db, { academicYear: 2035, holidays: [{ date: '2035-07-04', name: 'Independence Day' }] })
      const rows = await db.selectFrom('blocks').select(['date', 'isHoliday', 'holidayName']).where('date', 'in', ['2035-07-04', '2035-07-05']).execute()
      expect(rows).toContainEqual({ date: '2035-07-04', isHoliday: true, holidayName: 'Independence Day' })
      expect(rows).toContainEqual({ date: '2035-07-05', isHoliday: false, holidayName: null })
    })

    it("runs in the caller's transaction", async () => {
      await expect(
        db.transaction().execute(async (tx) => {
          await generateAcademicYearBlocks(tx, { academicYear: 2031 })
          throw new Error('roll back')
        }),
      ).rejects.toThrow('roll back')
      expect(await blockCount('2031-07-01', '2032-06-30')).toBe(0)
    })

    it('refuses bad params before writing anything', async () => {
      expect(await issuePaths(generateAcademicYearBlocks(untouchable, { academicYear: 2025.5 }))).toEqual(['academicYear'])
      const holidays = [{ date: '2033-01-01', name: 'New Year' }]
      expect(await issuePaths(generateAcademicYearBlocks(db, { academicYear: 2033, holidays }))).toEqual(['holidays.0.date'])
      expect(await blockCount('2033-07-01', '2034-06-30')).toBe(0)
    })
  })

  describe('getPersonSchedule', () => {
    let ana: string
    let clinic: string
    const ids: Record<string, string> = {}

    beforeAll(async () => {
      ana = await person('Ana Ortiz')
      const ben = await person('Ben Ruiz')
      clinic = uuid()
      await db.insertInto('rotationTemplates').values({ id: clinic, name: 'Clinic', activityType: 'clinic' }).execute()
      for (const [date, tod] of [['2030-03-02', 'PM'], ['2030-03-01', 'PM'], ['2030-03-02', 'AM'], ['2030-03-01', 'AM'], ['2030-02-28', 'PM'], ['2030-03-03', 'AM']] as const) {
        ids[`${date} ${tod}`] = await block(date, tod)
      }
      // inserted out of order on purpose
      for (const key of ['2030-03-02 PM', '2030-03-01 PM', '2030-03-02 AM', '2030-03-01 AM', '2030-02-28 PM', '2030-03-03 AM']) {
        await assign(ids[key]!, ana, key === '2030-03-01 PM' ? clinic : null)
      }
      await assign(ids['2030-03-01 AM']!, ben)
    })

    it('returns the range inclusive at both ends, by date with AM before PM', async () => {
      const items = await getPersonSchedule(db, { personId: ana, from: '2030-03-01', to: '2030-03-02' })
      expect(items.map((i) => `${i.block.date} ${i.block.timeOfDay}`)).toEqual(['2030-03-01 AM', '2030-03-01 PM', '2030-03-02 AM', '2030-03-02 PM'])
      expect(items.every((i) => i.assignment.personId === ana && i.assignment.blockId === i.block.id)).toBe(true)
      expect(items.map((i) => i.rotationTemplate?.name ?? null)).toEqual([null, 'Clinic', null, null])
      expect(items[1]!.rotationTemplate).toMatchObject({ id: clinic, activityType: 'clinic', leaveEligible: true })
    })

    it('returns one day when from equals to, and nothing for a person with no assignments there', async () => {
      const day = await getPersonSchedule(db, { personId: ana, from: '2030-03-03', to: '2030-03-03' })
      expect(day.map((i) => i.block.timeOfDay)).toEqual(['AM'])
      expect(await getPersonSchedule(db, { personId: uuid(), from: '2030-03-01', to: '2030-03-31' })).toEqual([])
    })

    it('refuses from after to, and malformed ids and dates, before touching the database', async () => {
      expect(await issuePaths(getPersonSchedule(untouchable, { personId: ana, from: '2030-03-02', to: '2030-03-01' }))).toEqual(['to'])
      expect(await issuePaths(getPersonSchedule(untouchable, { personId: 'ana', from: '2030-02-30', to: '2030-03-01' }))).toEqual(['personId', 'from'])
    })
  })

  describe('getHalfDay', () => {
    const names = ['Zoe Young', 'adam Baker', 'Maria Chen', 'Maria Chen']
    const assignmentIds: string[] = []

    beforeAll(async () => {
      const am = await block('2030-04-01', 'AM')
      await block('2030-04-01', 'PM')
      const fmit = uuid()
      await db.insertInto('rotationTemplates').values({ id: fmit, name: 'FMIT', activityType: 'inpatient' }).execute()
      for (const name of names) assignmentIds.push(await assign(am, await person(name), name === 'Zoe Young' ? fmit : null))
    })

    it('lists every assignment with its person and template, by person name then id', async () => {
      const halfDay = await getHalfDay(db, { date: '2030-04-01', timeOfDay: 'AM' })
      expect(halfDay?.block).toMatchObject({ date: '2030-04-01', timeOfDay: 'AM', blockNumber: 10, isWeekend: false })
      const chens = assignmentIds.slice(2).sort()
      expect(halfDay!.assignments.map((a) => [a.person.name, a.assignment.id])).toEqual([
        ['adam Baker', assignmentIds[1]],
        ['Maria Chen', chens[0]],
        ['Maria Chen', chens[1]],
        ['Zoe Young', assignmentIds[0]],
      ])
      expect(halfDay!.assignments.map((a) => a.rotationTemplate?.name ?? null)).toEqual([null, null, null, 'FMIT'])
      expect(halfDay!.assignments.every((a) => a.assignment.personId === a.person.id)).toBe(true)
    })

    it('returns the block with no assignments, or null when the block does not exist', async () => {
      expect(await getHalfDay(db, { date: '2030-04-01', timeOfDay: 'PM' })).toMatchObject({ block: { timeOfDay: 'PM' }, assignments: [] })
      expect(await getHalfDay(db, { date: '2030-04-02', timeOfDay: 'AM' })).toBeNull()
    })

    it('refuses a bad half-day before touching the database', async () => {
      expect(await issuePaths(getHalfDay(untouchable, { date: '2030-04-01', timeOfDay: 'am' as 'AM' }))).toEqual(['timeOfDay'])
    })
  })

  describe('getExpiringCertifications', () => {
    const asOf = '2030-06-15'
    const types: Record<string, string> = {}
    let beth: string
    let al: string

    beforeAll(async () => {
      for (const name of ['BLS', 'ACLS', 'PALS', 'NRP']) {
        types[name] = uuid()
        await db.insertInto('certificationTypes').values({ id: types[name], name }).execute()
      }
      beth = await person('Beth Ames')
      al = await person('Al Zed')
      const certs: Array<[string, string, string]> = [
        [beth, 'BLS', '2030-06-14'], // expired yesterday
        [beth, 'ACLS', '2030-06-15'], // expires today
        [beth, 'PALS', '2030-07-15'],
        [beth, 'NRP', '2030-09-14'], // asOf + 91
        [al, 'BLS', '2030-07-15'],
        [al, 'ACLS', '2030-09-13'], // asOf + 90
      ]
      for (const [personId, type, expirationDate] of certs) {
        await db
          .insertInto('personCertifications')
          .values({ personId, certificationTypeId: types[type]!, issuedDate: '2028-01-01', expirationDate })
          .execute()
      }
    })

    const summary = (items: Awaited<ReturnType<typeof getExpiringCertifications>>) =>
      items.map((i) => `${i.certification.expirationDate} ${i.person.name} ${i.certificationType.name} ${i.daysUntilExpiration}`)

    it('includes today and asOf + withinDays, by expiration date then person name', async () => {
      expect(summary(await getExpiringCertifications(db, { withinDays: 90, asOf }))).toEqual([
        '2030-06-15 Beth Ames ACLS 0',
        '2030-07-15 Al Zed BLS 30',
        '2030-07-15 Beth Ames PALS 30',
        '2030-09-13 Al Zed ACLS 90',
      ])
    })

    it('with withinDays 0 returns what expires on asOf', async () => {
      expect(summary(await getExpiringCertifications(db, { withinDays: 0, asOf }))).toEqual(['2030-06-15 Beth Ames ACLS 0'])
    })

    it('filters by person and by certification type', async () => {
      expect(summary(await getExpiringCertifications(db, { withinDays: 90, asOf, personId: al }))).toEqual([
        '2030-07-15 Al Zed BLS 30',
        '2030-09-13 Al Zed ACLS 90',
      ])
      const pals = await getExpiringCertifications(db, { withinDays: 365, asOf, certificationTypeId: types.PALS! })
      expect(summary(pals)).toEqual(['2030-07-15 Beth Ames PALS 30'])
      expect(pals[0]!.person.id).toBe(beth)
    })

    it("defaults asOf to today's UTC date", async () => {
      const cy = await person('Cy Today')
      const today = new Date().toISOString().slice(0, 10)
      await db
        .insertInto('personCertifications')
        .values({ personId: cy, certificationTypeId: types.BLS!, issuedDate: '2020-01-01', expirationDate: today })
        .execute()
      const items = await getExpiringCertifications(db, { withinDays: 0, personId: cy })
      expect(items.map((i) => [i.certification.expirationDate, i.daysUntilExpiration])).toEqual([[today, 0]])
    })

    it('refuses a negative withinDays before touching the database', async () => {
      expect(await issuePaths(getExpiringCertifications(untouchable, { withinDays: -1, asOf }))).toEqual(['withinDays'])
      expect(await issuePaths(getExpiringCertifications(untouchable, { withinDays: 1.5, asOf: '15/06/2030' }))).toEqual(['withinDays', 'asOf'])
    })
  })

  describe('getSwapHistory', () => {
    let f: string
    const swaps: Record<string, string> = {}

    beforeAll(async () => {
      f = await person('Fay Faculty', 'faculty')
      const g = await person('Gus Faculty', 'faculty')
      const h = await person('Hal Faculty', 'faculty')
      const rows: Array<[string, string, string, string, SwapStatus, string]> = [
        ['s1', f, g, '2030-01-07', 'executed', '2030-01-01T10:00:00Z'],
        ['s2', g, f, '2030-01-14', 'approved', '2030-01-03T10:00:00Z'],
        ['s3', f, h, '2030-01-21', 'pending', '2030-01-05T10:00:00Z'],
        ['s4', g, h, '2030-01-28', 'pending', '2030-01-06T10:00:00Z'],
        ['s5', h, f, '2030-02-04', 'rejected', '2030-01-03T10:00:00Z'],
      ]
      for (const [key, sourceFacultyId, targetFacultyId, sourceWeek, status, requestedAt] of rows) {
        swaps[key] = uuid()
        await db
          .insertInto('swapRecords')
          .values({ id: swaps[key], sourceFacultyId, targetFacultyId, sourceWeek, swapType: 'absorb', status, requestedAt: new Date(requestedAt) })
          .execute()
      }
      await db
        .insertInto('swapApprovals')
        .values([
          { swapId: swaps.s1!, facultyId: f, role: 'source', approved: true, respondedAt: new Date('2030-01-02T09:00:00Z') },
          { swapId: swaps.s1!, facultyId: g, role: 'target', approved: true, respondedAt: new Date('2030-01-02T11:00:00Z') },
          { swapId: swaps.s2!, facultyId: f, role: 'target', approved: null },
        ])
        .execute()
    })

    /** The swaps of a result by fixture key. */
    const keys = (page: Awaited<ReturnType<typeof getSwapHistory>>) =>
      page.items.map((i) => Object.keys(swaps).find((k) => swaps[k] === i.swap.id))
    const tied = () => (swaps.s2! < swaps.s5! ? ['s2', 's5'] : ['s5', 's2'])

    it('lists swaps where the faculty member is source or target, newest request first, then by id', async () => {
      const page = await getSwapHistory(db, { facultyId: f })
      expect(keys(page)).toEqual(['s3', ...tied(), 's1'])
      expect(page).toMatchObject({ total: 4, page: 1, pageSize: 20, pages: 1 })
      const s1 = page.items[3]!
      expect([s1.sourceFaculty.name, s1.targetFaculty.name]).toEqual(['Fay Faculty', 'Gus Faculty'])
      expect(s1.swap.requestedAt).toEqual(new Date('2030-01-01T10:00:00Z'))
      expect(s1.approvals.map((a) => [a.role, a.approved, a.respondedAt])).toEqual([
        ['source', true, new Date('2030-01-02T09:00:00Z')],
        ['target', true, new Date('2030-01-02T11:00:00Z')],
      ])
      expect(page.items[0]!.approvals).toEqual([])
    })

    it('filters by one status or a list of statuses', async () => {
      expect(keys(await getSwapHistory(db, { facultyId: f, status: 'pending' }))).toEqual(['s3'])
      expect(keys(await getSwapHistory(db, { facultyId: f, status: ['approved', 'executed'] }))).toEqual(['s2', 's1'])
    })

    it('filters by source week, inclusive at both ends', async () => {
      const page = await getSwapHistory(db, { facultyId: f, from: '2030-01-14', to: '2030-01-21' })
      expect(keys(page)).toEqual(['s3', 's2'])
      expect(page.total).toBe(2)
    })

    it('pages with the total counted before paging; a page past the end is empty', async () => {
      const second = await getSwapHistory(db, { facultyId: f, page: 2, pageSize: 2 })
      expect(keys(second)).toEqual([tied()[1], 's1'])
      expect(second).toMatchObject({ total: 4, page: 2, pageSize: 2, pages: 2 })
      const past = await getSwapHistory(db, { facultyId: f, page: 3, pageSize: 2 })
      expect(past).toEqual({ items: [], total: 4, page: 3, pageSize: 2, pages: 2 })
      expect(await getSwapHistory(db, { facultyId: uuid() })).toEqual({ items: [], total: 0, page: 1, pageSize: 20, pages: 0 })
    })

    it('refuses bad paging and filters before touching the database', async () => {
      expect(await issuePaths(getSwapHistory(untouchable, { facultyId: f, page: 0, pageSize: 101 }))).toEqual(['page', 'pageSize'])
      expect(await issuePaths(getSwapHistory(untouchable, { facultyId: f, status: [] }))).toEqual(['status'])
      expect(await issuePaths(getSwapHistory(untouchable, { facultyId: f, from: '2030-02-01', to: '2030-01-01' }))).toEqual(['to'])
    })
  })
})
