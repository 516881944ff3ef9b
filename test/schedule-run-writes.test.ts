import type { Kysely } from 'kysely'
import { beforeAll, expect, it } from 'vitest'
import {
  completeScheduleRun,
  createScheduleRun,
  failScheduleRun,
  NotFoundError,
  replaceScheduleAssignments,
  UniqueViolationError,
  ValidationError,
  type Database,
} from '../src/index.js'
import { forEachDriver } from './setup.js'
import { rejection } from './support/rejection.js'
import { blockId, DATES, loadSwapFixture, owners, RES, sid, WEEKS } from './support/swap-fixture.js'

const W1 = { from: WEEKS[0], to: DATES[6]! }
const week1Rows = DATES.slice(0, 7).flatMap((date) => (['AM', 'PM'] as const).map((tod) => ({ blockId: blockId(date, tod), personId: RES, role: 'primary' as const })))

forEachDriver('schedule run writes', (ctx) => {
  let db: Kysely<Database>
  const run = () => createScheduleRun(db, { startDate: W1.from, endDate: W1.to, algorithm: 'greedy', status: 'running' })
  const inWeek1 = async () =>
    (
      await db
        .selectFrom('assignments')
        .innerJoin('blocks', 'blocks.id', 'assignments.blockId')
        .select(['assignments.id', 'assignments.personId', 'assignments.scheduleRunId'])
        .where('blocks.date', '>=', W1.from)
        .where('blocks.date', '<=', W1.to)
        .orderBy('assignments.id')
        .execute()
    ).map((r) => ({ ...r }))

  beforeAll(async () => {
    const rdb = await ctx.open()
    await rdb.migrateToLatest()
    db = rdb.db
    await loadSwapFixture(db)
  })

  it('a failure half-way (a duplicate in the last row) leaves the old schedule intact', async () => {
    const before = await owners(db)
    const { id } = await run()
    const duplicate = [...week1Rows, week1Rows[0]!]
    expect(await rejection(replaceScheduleAssignments(db, { scheduleRunId: id, ...W1, assignments: duplicate }))).toBeInstanceOf(UniqueViolationError)
    expect(await owners(db)).toEqual(before)
    const failed = await failScheduleRun(db, { id, runtimeSeconds: 1.5 })
    expect(failed).toMatchObject({ status: 'failed', totalBlocksAssigned: 0, runtimeSeconds: 1.5 })
  })

  it('an assignment outside the range is a ValidationError naming it, and nothing changes', async () => {
    const before = await owners(db)
    const { id } = await run()
    const outside = [...week1Rows, { blockId: blockId(WEEKS[1], 'AM'), personId: RES, role: 'primary' as const }]
    const error = await rejection(replaceScheduleAssignments(db, { scheduleRunId: id, ...W1, assignments: outside }))
    expect(error).toBeInstanceOf(ValidationError)
    expect((error as ValidationError).issues.map((i) => i.path.join('.'))).toEqual([`assignments.${week1Rows.length}.blockId`])
    expect(await owners(db)).toEqual(before)
    expect(await rejection(replaceScheduleAssignments(db, { scheduleRunId: id, from: W1.to, to: W1.from, assignments: [] }))).toBeInstanceOf(ValidationError)
  })

  it('replaceScheduleAssignments deletes every assignment of the range and inserts the run\'s, leaving other dates alone', async () => {
    const before = await owners(db)
    const old = await inWeek1()
    expect(old).toHaveLength(11)
    const { id } = await run()
    const result = await replaceScheduleAssignments(db, { scheduleRunId: id, ...W1, assignments: week1Rows })
    expect(result).toMatchObject({ deleted: 11, inserted: 14 })
    const now = await inWeek1()
    expect(now.map((r) => r.id)).toEqual([...result.ids].sort())
    expect(now.every((r) => r.personId === RES && r.scheduleRunId === id)).toBe(true)
    const after = await owners(db)
    for (const [a, p] of Object.entries(before)) if (!old.some((o) => o.id === a)) expect(after[a]).toBe(p)
    const completed = await completeScheduleRun(db, { id, acgmeViolations: 2 })
    expect(completed).toMatchObject({ status: 'completed', totalBlocksAssigned: 14, acgmeViolations: 2 })
    // a second run replaces the first one's output too
    const second = await run()
    const again = await replaceScheduleAssignments(db, { scheduleRunId: second.id, ...W1, assignments: week1Rows.slice(0, 4) })
    expect(again).toMatchObject({ deleted: 14, inserted: 4 })
    expect(await completeScheduleRun(db, { id: second.id, totalBlocksAssigned: 4 })).toMatchObject({ totalBlocksAssigned: 4 })
  })

  it('completeScheduleRun / failScheduleRun of a missing run is a NotFoundError', async () => {
    expect(await rejection(completeScheduleRun(db, { id: sid('schedule_runs', 'none') }))).toBeInstanceOf(NotFoundError)
    expect(await rejection(failScheduleRun(db, { id: sid('schedule_runs', 'none') }))).toBeInstanceOf(NotFoundError)
  })
})
