import type { Kysely, KyselyPlugin } from 'kysely'
import { beforeAll, describe, expect, it } from 'vitest'
import {
  blockNumberOf,
  certificationStatus,
  getAbsencesInRange,
  getBlockAssignments,
  getCallEquity,
  getCertificationsNeedingReminder,
  getExpiringCertifications,
  getExpiringProcedureCredentials,
  getHalfDay,
  getPersonSchedule,
  getSwapHistory,
  getValidProcedureCredentials,
  isBlockingAbsence,
  ValidationError,
  type Database,
} from '../src/index.js'
import { addDays, daysBetween, isoWeekday } from '../src/repositories/iso-dates.js'
import { DRIVERS, forEachDriver } from './setup.js'
import { issuePaths, untouchable } from './support/validation-probes.js'
import {
  ABSENCE_RANGE,
  ABSENCES,
  AS_OF,
  ASSIGNMENTS,
  block,
  CALL_RANGE,
  CALLS,
  CERTIFICATIONS,
  id,
  loadFixture,
  person,
  REMINDERS_OFF,
  SWAPS,
  template,
} from './support/repository-fixture.js'

/** Every driver's result per case, compared in the last test. */
const results = new Map<string, Map<string, unknown>>()
const byCode = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)

forEachDriver('repository reads', (ctx) => {
  let db: Kysely<Database>
  const seen = new Map<string, unknown>()
  results.set(ctx.driver, seen)
  /** Runs a read and keeps its result for the cross-driver comparison. */
  const read = async <T>(name: string, run: () => Promise<T>): Promise<T> => {
    const value = await run()
    seen.set(name, value)
    return value
  }

  beforeAll(async () => {
    const rdb = await ctx.open()
    await rdb.migrateToLatest()
    db = rdb.db
    await loadFixture(db)
  })

  describe('getPersonSchedule', () => {
    it('returns the range inclusive at both ends by date, AM before PM, across the leap day', async () => {
      const items = await read('schedule', () => getPersonSchedule(db, { personId: person('ana'), from: '2028-02-28', to: '2028-03-01' }))
      const expected = ASSIGNMENTS.filter(([date, , who]) => who === 'ana' && date >= '2028-02-28' && date <= '2028-03-01')
      expect(items.map((i) => [i.block.date, i.block.timeOfDay, i.rotationTemplate?.name ?? null])).toEqual(
        expected.map(([date, tod, , rotation]) => [date, tod, rotation === null ? null : rotation === 'clinic' ? 'Clinic' : 'FMIT']),
      )
      expect(items.map((i) => i.block.id)).toEqual(expected.map(([date, tod]) => block(date, tod)))
      const leapDay = items.find((i) => i.block.date === '2028-02-29')!
      expect(leapDay.block).toMatchObject({ blockNumber: blockNumberOf('2028-02-29'), isWeekend: false, holidayName: null })
      expect(leapDay.assignment).toMatchObject({ personId: person('ana'), blockId: leapDay.block.id, explainJson: { rule: 'continuity', weight: 2 } })
      expect(items[0]!.rotationTemplate).toMatchObject({ id: template('clinic'), leaveEligible: true })
    })

    it('returns one day when from equals to, and empty results outside the assignments', async () => {
      const day = await read('schedule one day', () => getPersonSchedule(db, { personId: person('ana'), from: '2028-02-25', to: '2028-02-25' }))
      expect(day.map((i) => i.block.timeOfDay)).toEqual(['AM'])
      expect(await read('schedule nobody', () => getPersonSchedule(db, { personId: person('fay'), from: '2028-03-01', to: '2028-03-05' }))).toEqual([])
      expect(await read('schedule no blocks', () => getPersonSchedule(db, { personId: person('ana'), from: '2028-04-01', to: '2028-04-30' }))).toEqual([])
    })

    it('accepts an upper-case id', async () => {
      const items = await getPersonSchedule(db, { personId: person('ana').toUpperCase(), from: AS_OF, to: AS_OF })
      expect(items).toHaveLength(2)
    })
  })

  describe('getHalfDay', () => {
    it('lists everyone by name in reading order (case and accents aside), ties by id', async () => {
      const halfDay = await read('half-day', () => getHalfDay(db, { date: AS_OF, timeOfDay: 'AM' }))
      const chens = [id('assignments', `${AS_OF} AM mariaA`), id('assignments', `${AS_OF} AM mariaB`)].sort(byCode)
      expect(halfDay!.assignments.map((a) => [a.person.name, a.assignment.id])).toEqual([
        ['adam Baker', id('assignments', `${AS_OF} AM adam`)],
        ['Ana Ortiz', id('assignments', `${AS_OF} AM ana`)],
        ['Dr. Fay Faculty', id('assignments', `${AS_OF} AM fay`)],
        ['Émile Zola', id('assignments', `${AS_OF} AM emile`)],
        ['Maria Chen', chens[0]],
        ['Maria Chen', chens[1]],
        ["Rob O'Neil", id('assignments', `${AS_OF} AM rob`)],
        ['Zoe Young', id('assignments', `${AS_OF} AM zoe`)],
      ])
      expect(halfDay!.block).toMatchObject({ id: block(AS_OF, 'AM'), date: AS_OF, timeOfDay: 'AM' })
      expect(halfDay!.assignments.every((a) => a.assignment.personId === a.person.id)).toBe(true)
      expect(halfDay!.assignments.find((a) => a.person.name === 'Zoe Young')!.rotationTemplate?.name).toBe('FMIT')
    })

    it('returns a block with no assignments, or null without a block', async () => {
      expect(await read('half-day empty', () => getHalfDay(db, { date: '2028-03-10', timeOfDay: 'AM' }))).toMatchObject({ assignments: [] })
      expect(await read('half-day none', () => getHalfDay(db, { date: '2028-03-10', timeOfDay: 'PM' }))).toBeNull()
    })
  })

  describe('getExpiringCertifications', () => {
    const summary = (items: Awaited<ReturnType<typeof getExpiringCertifications>>) =>
      items.map((i) => `${i.certification.expirationDate} ${i.person.name} ${i.certificationType.name} ${i.daysUntilExpiration}`)

    it('includes one expiring today and one at asOf + withinDays; same date ordered by name', async () => {
      expect(summary(await read('certs 90', () => getExpiringCertifications(db, { withinDays: 90, asOf: AS_OF })))).toEqual([
        '2028-02-29 Ana Ortiz ACLS 0',
        '2028-03-07 Dr. Fay Faculty BLS 7',
        '2028-03-30 adam Baker PALS 30',
        '2028-03-30 Zoe Young BLS 30',
        '2028-05-29 Maria Chen BLS 90',
      ])
      expect(summary(await read('certs 0', () => getExpiringCertifications(db, { withinDays: 0, asOf: AS_OF })))).toEqual(['2028-02-29 Ana Ortiz ACLS 0'])
    })

    it('filters by person and type; an empty result is empty', async () => {
      const zoe = await read('certs zoe', () => getExpiringCertifications(db, { withinDays: 365, asOf: AS_OF, personId: person('zoe') }))
      expect(summary(zoe)).toEqual(['2028-03-30 Zoe Young BLS 30'])
      const nrp = await read('certs nrp', () =>
        getExpiringCertifications(db, { withinDays: 180, asOf: AS_OF, certificationTypeId: id('certification_types', 'NRP'), personId: person('emile') }),
      )
      expect(summary(nrp)).toEqual(['2028-08-27 Émile Zola NRP 180'])
      expect(await read('certs none', () => getExpiringCertifications(db, { withinDays: 30, asOf: '2031-01-01' }))).toEqual([])
    })
  })

  describe('getCertificationsNeedingReminder', () => {
    it('lists each certification with the reminders due and not sent, of enabled days only', async () => {
      const items = await read('reminders', () => getCertificationsNeedingReminder(db, { asOf: AS_OF }))
      // the rule, restated: asOf <= expiration <= asOf + d, not sent, enabled for the type
      const expected = CERTIFICATIONS.filter(([, , expires]) => expires >= AS_OF)
        .map(([who, type, expires, sent]) => ({
          who,
          type,
          expires,
          reminders: [180, 90, 30, 14, 7].filter(
            (d) => daysBetween(AS_OF, expires) <= d && !sent.includes(d) && !(REMINDERS_OFF[type] ?? []).includes(d),
          ),
        }))
        .filter((c) => c.reminders.length > 0)
      expect(items.map((i) => [i.person.id, i.certificationType.name, i.certification.expirationDate, i.reminders])).toEqual(
        expected.sort((a, b) => byCode(a.expires, b.expires)).map((c) => [person(c.who), c.type, c.expires, c.reminders]),
      )
      // ACLS has its 180-day reminder off; Émile's 180-day reminder went out
      expect(items.find((i) => i.certificationType.name === 'ACLS')!.reminders).toEqual([90, 30, 14, 7])
      expect(items.some((i) => i.person.id === person('emile'))).toBe(false)
    })
  })

  describe('getSwapHistory', () => {
    const fay = SWAPS.filter((s) => s.source === 'fay' || s.target === 'fay')
      .map((s) => ({ ...s, id: id('swap_records', s.key) }))
      .sort((a, b) => byCode(b.requestedAt, a.requestedAt) || byCode(a.id, b.id))

    it('pages newest request first, ties by id, with the total counted before paging', async () => {
      for (const page of [1, 2, 3]) {
        const result = await read(`swaps page ${page}`, () => getSwapHistory(db, { facultyId: person('fay'), page, pageSize: 10 }))
        expect(result.items.map((i) => i.swap.id)).toEqual(fay.slice((page - 1) * 10, page * 10).map((s) => s.id))
        expect(result).toMatchObject({ total: 25, page, pageSize: 10, pages: 3 })
      }
      const first = (await getSwapHistory(db, { facultyId: person('fay'), pageSize: 100 })).items
      const executed = first.find((i) => i.swap.status === 'executed')!
      const key = fay.find((s) => s.id === executed.swap.id)!.key
      // approvals in id order
      expect(executed.approvals.map((a) => a.id)).toEqual([id('swap_approvals', `${key} source`), id('swap_approvals', `${key} target`)].sort(byCode))
      expect(executed.sourceFaculty.id).toBe(executed.swap.sourceFacultyId)
      expect(first.filter((i) => i.swap.status === 'pending').every((i) => i.approvals.length === 0)).toBe(true)
    })

    it('returns an empty page past the end, with the total', async () => {
      expect(await read('swaps past end', () => getSwapHistory(db, { facultyId: person('fay'), page: 4, pageSize: 10 }))).toEqual({
        items: [],
        total: 25,
        page: 4,
        pageSize: 10,
        pages: 3,
      })
      expect(await read('swaps nobody', () => getSwapHistory(db, { facultyId: person('ana') }))).toEqual({ items: [], total: 0, page: 1, pageSize: 20, pages: 0 })
    })

    it('filters by statuses and by source week, inclusive', async () => {
      const filtered = await read('swaps filtered', () =>
        getSwapHistory(db, { facultyId: person('fay'), status: ['pending', 'executed'], from: fay[20]!.sourceWeek, to: fay[2]!.sourceWeek }),
      )
      const expected = fay.filter((s) => ['pending', 'executed'].includes(s.status) && s.sourceWeek >= fay[20]!.sourceWeek && s.sourceWeek <= fay[2]!.sourceWeek)
      expect(filtered.items.map((i) => i.swap.id)).toEqual(expected.map((s) => s.id))
      expect(filtered.total).toBe(expected.length)
    })
  })

  it("runs a db's own result plugin on the library's prepared queries (only the library's own plugins are skipped)", async () => {
    const seenResults: number[] = []
    const counting: KyselyPlugin = {
      transformQuery: (args) => args.node,
      transformResult: async (args) => {
        seenResults.push(args.result.rows.length)
        return args.result
      },
    }
    const page = await getSwapHistory(db.withPlugin(counting), { facultyId: person('fay'), pageSize: 10 })
    expect(page.items).toHaveLength(10)
    expect(seenResults.length).toBeGreaterThan(0)
    expect(seenResults[0]).toBeGreaterThanOrEqual(10)
  })

  describe('frequent reads', () => {
    it('getAbsencesInRange: overlapping absences by start date, end date, id', async () => {
      const items = await read('absences', () => getAbsencesInRange(db, ABSENCE_RANGE))
      const expected = ABSENCES.filter(([, , , start, end]) => start <= ABSENCE_RANGE.to && end >= ABSENCE_RANGE.from)
        .map(([key, , , start, end]) => ({ id: id('absences', key), start, end }))
        .sort((a, b) => byCode(a.start, b.start) || byCode(a.end, b.end) || byCode(a.id, b.id))
      expect(items.map((a) => a.id)).toEqual(expected.map((a) => a.id))
      expect(items.find((a) => a.id === id('absences', 'a1'))!.notes).toBe("family trip; it's booked")
      expect(await read('absences ana', () => getAbsencesInRange(db, { ...ABSENCE_RANGE, personId: person('ana'), absenceType: 'tdy' }))).toHaveLength(1)
    })

    it('getCallEquity: overnight calls per person, Sundays apart, most calls first', async () => {
      const items = await read('call equity', () => getCallEquity(db, CALL_RANGE))
      const counts = new Map<string, { sunday: number; other: number }>()
      for (const [who, date, type] of CALLS) {
        if (type !== 'overnight' || date < CALL_RANGE.from || date > CALL_RANGE.to) continue
        const c = counts.get(person(who)) ?? { sunday: 0, other: 0 }
        if (isoWeekday(date) === 7) c.sunday++
        else c.other++
        counts.set(person(who), c)
      }
      const expected = [...counts]
        .map(([personId, c]) => [personId, c.sunday, c.other, c.sunday + c.other] as const)
        .sort((a, b) => b[3] - a[3] || b[1] - a[1] || byCode(a[0], b[0]))
      expect(items.map((i) => [i.person.id, i.sundayCalls, i.otherCalls, i.totalCalls])).toEqual(expected)
      expect(items[0]!.person.name).toBe('Ana Ortiz')
      expect(await read('call equity empty', () => getCallEquity(db, { from: '2029-01-01', to: '2029-01-31' }))).toEqual([])
    })

    it('getBlockAssignments: by academic year, block number, id; with filters', async () => {
      const all = await read('block assignments', () => getBlockAssignments(db, { academicYear: 2027 }))
      const ids = (keys: string[]) => keys.map((k) => id('block_assignments', k))
      expect(all.map((i) => i.blockAssignment.id)).toEqual([...ids(['b2']), ...ids(['b1', 'b3', 'b4']).sort(byCode)])
      expect(all.find((i) => i.blockAssignment.id === id('block_assignments', 'b4'))!.rotationTemplate).toBeNull()
      const fmit = await read('block assignments fmit', () => getBlockAssignments(db, { academicYear: 2027, blockNumber: 9, rotationTemplateId: template('fmit') }))
      expect(fmit.map((i) => i.resident.name)).toEqual(['adam Baker'])
      expect((await getBlockAssignments(db, { academicYear: 2028, residentId: person('ana') })).map((i) => i.blockAssignment.blockNumber)).toEqual([0])
    })

    it('procedure credentials: valid on asOf (expiring today included), expiring within 30 days by default', async () => {
      const valid = await read('credentials valid', () => getValidProcedureCredentials(db, { asOf: AS_OF }))
      expect(valid.map((i) => i.credential.id)).toEqual(['c1', 'c2', 'c5', 'c6'].map((k) => id('procedure_credentials', k)))
      const expiring = await read('credentials expiring', () => getExpiringProcedureCredentials(db, { asOf: AS_OF }))
      expect(expiring.map((i) => [i.credential.id, i.daysUntilExpiration])).toEqual([
        [id('procedure_credentials', 'c2'), 0],
        [id('procedure_credentials', 'c5'), 30],
      ])
      expect((await getExpiringProcedureCredentials(db, { asOf: AS_OF, withinDays: 31 })).map((i) => i.procedure.name)).toEqual([
        'Skin Biopsy',
        'Joint Injection',
        'Skin Biopsy',
      ])
      expect(await read('credentials none', () => getValidProcedureCredentials(db, { asOf: AS_OF, personId: person('ana') }))).toEqual([])
    })
  })
})

describe('every driver', () => {
  it.runIf(DRIVERS.length > 1)('returns deep-equal results for the same data', () => {
    const [first, ...others] = DRIVERS
    const reference = results.get(first!)!
    expect(reference.size).toBeGreaterThan(20)
    for (const driver of others) {
      const mine = results.get(driver)!
      expect([...mine.keys()]).toEqual([...reference.keys()])
      for (const [name, value] of reference) expect(mine.get(name), `${driver}: ${name}`).toStrictEqual(value)
    }
  })
})

describe('pure rules', () => {
  it('certificationStatus: expired before asOf, expiring_soon within 180 days, else current', () => {
    expect(certificationStatus({ expirationDate: '2028-02-28', asOf: AS_OF })).toBe('expired')
    expect(certificationStatus({ expirationDate: AS_OF, asOf: AS_OF })).toBe('expiring_soon')
    expect(certificationStatus({ expirationDate: addDays(AS_OF, 180), asOf: AS_OF })).toBe('expiring_soon')
    expect(certificationStatus({ expirationDate: addDays(AS_OF, 181), asOf: AS_OF })).toBe('current')
    expect(() => certificationStatus({ expirationDate: '2027-02-29' })).toThrow(ValidationError)
  })

  it('isBlockingAbsence: the flag decides, then the type and the length', () => {
    const absence = (absenceType: string, days: number, isBlocking: boolean | null = null) => ({
      absenceType: absenceType as 'vacation',
      startDate: '2028-02-27',
      endDate: addDays('2028-02-27', days - 1),
      isBlocking,
    })
    const cases: Array<[ReturnType<typeof absence>, boolean]> = [
      [absence('vacation', 30), false],
      [absence('conference', 5), false],
      [absence('deployment', 1), true],
      [absence('maternity_paternity', 1), true],
      [absence('medical', 7), false],
      [absence('medical', 8), true],
      [absence('sick', 3), false],
      [absence('sick', 4), true],
      [absence('deployment', 30, false), false],
      [absence('vacation', 1, true), true],
    ]
    for (const [input, blocks] of cases) expect(isBlockingAbsence(input), JSON.stringify(input)).toBe(blocks)
    expect(() => isBlockingAbsence(absence('holiday', 1))).toThrow(ValidationError)
    expect(() => isBlockingAbsence({ ...absence('sick', 1), endDate: '2028-02-26' })).toThrow(ValidationError)
  })
})


describe('read params are validated before the database is touched', () => {
  const uuid = person('ana')
  it.each([
    ['getPersonSchedule', () => getPersonSchedule(untouchable, { personId: 'not-a-uuid', from: '2028-02-30', to: '2028-03-01' }), ['personId', 'from']],
    ['getPersonSchedule from > to', () => getPersonSchedule(untouchable, { personId: uuid, from: '2028-03-02', to: '2028-03-01' }), ['to']],
    ['getHalfDay', () => getHalfDay(untouchable, { date: '2028-2-1', timeOfDay: 'am' as 'AM' }), ['date', 'timeOfDay']],
    ['getExpiringCertifications', () => getExpiringCertifications(untouchable, { withinDays: -1, asOf: 'today' }), ['withinDays', 'asOf']],
    ['getSwapHistory page size 0', () => getSwapHistory(untouchable, { facultyId: uuid, pageSize: 0 }), ['pageSize']],
    ['getSwapHistory page size 1000', () => getSwapHistory(untouchable, { facultyId: uuid, pageSize: 1000, page: 0 }), ['page', 'pageSize']],
    ['getSwapHistory status', () => getSwapHistory(untouchable, { facultyId: uuid, status: ['done' as 'pending'] }), ['status']],
    ['getAbsencesInRange', () => getAbsencesInRange(untouchable, { from: '2028-03-10', to: '2028-03-01', absenceType: 'holiday' as 'tdy' }), ['absenceType', 'to']],
    ['getCallEquity', () => getCallEquity(untouchable, { from: '2028-13-01', to: '2028-03-01' }), ['from']],
    ['getBlockAssignments', () => getBlockAssignments(untouchable, { academicYear: 2027, blockNumber: 14, residentId: "1' or '1'='1" }), ['blockNumber', 'residentId']],
    ['getExpiringProcedureCredentials', () => getExpiringProcedureCredentials(untouchable, { withinDays: -5 }), ['withinDays']],
    ['getValidProcedureCredentials', () => getValidProcedureCredentials(untouchable, { procedureId: '; drop table people' }), ['procedureId']],
    ['getCertificationsNeedingReminder', () => getCertificationsNeedingReminder(untouchable, { asOf: '2028-02-30' }), ['asOf']],
  ] as const)('%s', async (_name, call, paths) => {
    expect(await issuePaths(call())).toEqual(paths)
  })

  it('refuses unknown params', async () => {
    expect(await issuePaths(getPersonSchedule(untouchable, { personId: uuid, from: AS_OF, to: AS_OF, limit: 5 } as never))).toEqual([''])
  })
})
