import type { Kysely } from 'kysely'
import { beforeAll, beforeEach, expect, it } from 'vitest'
import {
  cancelSwap,
  ConflictError,
  createAssignment,
  executeSwap,
  NotFoundError,
  requestSwap,
  respondToSwap,
  rollbackSwap,
  SwapCollisionError,
  SwapRollbackError,
  SwapTransitionError,
  UniqueViolationError,
  updateAssignment,
  ValidationError,
  type Database,
  type SwapStatus,
} from '../src/index.js'
import { addDays } from '../src/repositories/iso-dates.js'
import { forEachDriver } from './setup.js'
import { rejection } from './support/rejection.js'
import { assignmentId, blockId, FAY, GUS, HAL, loadSwapFixture, owners, RES, SWAP_ASSIGNMENTS, sid, WEEKS } from './support/swap-fixture.js'

const STATUSES: SwapStatus[] = ['pending', 'approved', 'executed', 'rejected', 'cancelled', 'rolled_back']
const REASON = 'Dr. Gus is deployed that week'

forEachDriver('swap workflow', (ctx) => {
  let db: Kysely<Database>

  beforeAll(async () => {
    const rdb = await ctx.open()
    await rdb.migrateToLatest()
    db = rdb.db
    await loadSwapFixture(db)
  })

  beforeEach(async () => {
    await db.deleteFrom('swapApprovals').execute()
    await db.deleteFrom('swapRecords').execute()
    await db.deleteFrom('assignments').execute()
    await db
      .insertInto('assignments')
      .values(SWAP_ASSIGNMENTS.map(([personId, date, tod]) => ({ id: assignmentId(personId, date, tod), blockId: blockId(date, tod), personId, role: 'primary' })))
      .execute()
  })

  /** A swap stored straight in a status, with the approvals a swap in it has. */
  let made = 0
  async function swapIn(status: SwapStatus, source = FAY, target = GUS, sourceWeek: string = WEEKS[0]) {
    const id = sid('swap_records', `${++made}`)
    await db
      .insertInto('swapRecords')
      .values({ id, sourceFacultyId: source, targetFacultyId: target, sourceWeek, swapType: 'absorb', status, executedAt: status === 'executed' ? new Date() : null })
      .execute()
    return id
  }
  const swapRow = (id: string) => db.selectFrom('swapRecords').selectAll().where('id', '=', id).executeTakeFirstOrThrow()

  it('requestSwap stores a pending swap with the target as approver, and the source too when someone else asks', async () => {
    const own = await requestSwap(db, { sourceFacultyId: FAY, targetFacultyId: GUS, sourceWeek: WEEKS[0], swapType: 'absorb' })
    expect(own.swap).toMatchObject({ status: 'pending', targetWeek: null, swapType: 'absorb' })
    expect(own.approvals.map((a) => [a.facultyId, a.role, a.approved, a.respondedAt])).toEqual([[GUS, 'target', null, null]])
    const other = await requestSwap(db, {
      sourceFacultyId: FAY,
      targetFacultyId: GUS,
      sourceWeek: WEEKS[0],
      targetWeek: WEEKS[1],
      swapType: 'one_to_one',
      requestedByPersonId: HAL,
    })
    expect(other.approvals.map((a) => [a.facultyId, a.role])).toEqual([
      [GUS, 'target'],
      [FAY, 'source'],
    ])
  })

  it('requestSwap refuses weeks that are not Mondays, absorb with a target week, one_to_one without one, a swap with oneself', async () => {
    const bad = [
      { sourceFacultyId: FAY, targetFacultyId: GUS, sourceWeek: '2029-09-04', swapType: 'absorb' as const },
      { sourceFacultyId: FAY, targetFacultyId: GUS, sourceWeek: WEEKS[0], targetWeek: WEEKS[1], swapType: 'absorb' as const },
      { sourceFacultyId: FAY, targetFacultyId: GUS, sourceWeek: WEEKS[0], swapType: 'one_to_one' as const },
      { sourceFacultyId: FAY, targetFacultyId: GUS, sourceWeek: WEEKS[0], targetWeek: WEEKS[0], swapType: 'one_to_one' as const },
      { sourceFacultyId: FAY, targetFacultyId: FAY, sourceWeek: WEEKS[0], swapType: 'absorb' as const },
    ]
    for (const params of bad) expect(await rejection(requestSwap(db, params))).toBeInstanceOf(ValidationError)
    expect(await db.selectFrom('swapRecords').selectAll().execute()).toEqual([])
  })

  it('a second identical absorb request is a UniqueViolationError and stores nothing', async () => {
    const params = { sourceFacultyId: FAY, targetFacultyId: GUS, sourceWeek: WEEKS[0], swapType: 'absorb' as const }
    await requestSwap(db, params)
    const error = await rejection(requestSwap(db, params))
    expect(error).toBeInstanceOf(UniqueViolationError)
    expect((error as UniqueViolationError).constraint).toBe('uq_swap_record_absorb')
    expect(await db.selectFrom('swapRecords').select('id').execute()).toHaveLength(1)
    expect(await db.selectFrom('swapApprovals').select('id').execute()).toHaveLength(1)
  })

  it('respondToSwap: approved when every approval says yes, rejected at the first no; an answer is final', async () => {
    const two = () =>
      requestSwap(db, { sourceFacultyId: FAY, targetFacultyId: GUS, sourceWeek: WEEKS[0], targetWeek: WEEKS[1], swapType: 'one_to_one', requestedByPersonId: HAL })
    const { swap } = await two()
    const first = await respondToSwap(db, { swapId: swap.id, facultyId: GUS, approved: true, notes: 'fine by me' })
    expect(first.swap.status).toBe('pending')
    expect(first.approval).toMatchObject({ approved: true, responseNotes: 'fine by me' })
    expect(first.approval.respondedAt).toBeInstanceOf(Date)
    expect(await rejection(respondToSwap(db, { swapId: swap.id, facultyId: GUS, approved: false }))).toBeInstanceOf(ConflictError)
    expect(await rejection(respondToSwap(db, { swapId: swap.id, facultyId: HAL, approved: true }))).toBeInstanceOf(NotFoundError)
    const second = await respondToSwap(db, { swapId: swap.id, facultyId: FAY, approved: true })
    expect(second.swap.status).toBe('approved')
    expect(second.swap.approvedAt).toBeInstanceOf(Date)

    await db.deleteFrom('swapApprovals').execute()
    await db.deleteFrom('swapRecords').execute()
    const again = await two()
    const no = await respondToSwap(db, { swapId: again.swap.id, facultyId: FAY, approved: false })
    expect(no.swap.status).toBe('rejected')
    expect(await rejection(respondToSwap(db, { swapId: again.swap.id, facultyId: GUS, approved: true }))).toBeInstanceOf(SwapTransitionError)
  })

  it('every transition QUERIES.md does not allow is a SwapTransitionError naming swap, status and transition, and changes nothing', async () => {
    const moves = {
      respond: (id: string) => respondToSwap(db, { swapId: id, facultyId: GUS, approved: true }),
      cancel: (id: string) => cancelSwap(db, { swapId: id }),
      execute: (id: string) => executeSwap(db, { swapId: id }),
      rollback: (id: string) => rollbackSwap(db, { swapId: id, reason: REASON }),
    }
    const allowed: Record<keyof typeof moves, SwapStatus> = { respond: 'pending', cancel: 'pending', execute: 'approved', rollback: 'executed' }
    let checked = 0
    for (const status of STATUSES) {
      for (const [transition, move] of Object.entries(moves) as [keyof typeof moves, (id: string) => Promise<unknown>][]) {
        if (allowed[transition] === status) continue
        const id = await swapIn(status, FAY, GUS, addDays(WEEKS[0], 7 * checked))
        const before = await swapRow(id)
        const assignmentsBefore = await owners(db)
        const error = await rejection(move(id))
        expect(error, `${transition} of a ${status} swap`).toBeInstanceOf(SwapTransitionError)
        expect(error).toBeInstanceOf(ConflictError)
        expect(error).toMatchObject({ swapId: id, status, transition, retryable: false })
        expect((error as Error).message).toContain(id)
        expect(await swapRow(id)).toEqual(before)
        expect(await owners(db)).toEqual(assignmentsBefore)
        checked++
      }
    }
    expect(checked).toBe(20)
    expect(await rejection(cancelSwap(db, { swapId: sid('swap_records', 'none') }))).toBeInstanceOf(NotFoundError)
  })

  it('cancelSwap cancels a pending swap', async () => {
    const id = await swapIn('pending')
    expect((await cancelSwap(db, { swapId: id })).status).toBe('cancelled')
  })

  it('executeSwap (absorb) moves the source week Monday to Sunday to the target and stamps the execution', async () => {
    const before = await owners(db)
    // Fay's assignment the week after: not moved
    const later = await createAssignment(db, { blockId: blockId(WEEKS[1], 'PM'), personId: FAY, role: 'primary' })
    const id = await swapIn('approved')
    const result = await executeSwap(db, { swapId: id })
    expect(result.swap.status).toBe('executed')
    expect(result.swap.executedAt).toBeInstanceOf(Date)
    const fayWeek1 = SWAP_ASSIGNMENTS.filter(([p]) => p === FAY).map(([p, d, t]) => assignmentId(p, d, t))
    expect(result.movedToTarget.sort()).toEqual(fayWeek1.sort())
    expect(result.movedToSource).toEqual([])
    const after = await owners(db)
    for (const a of fayWeek1) expect(after[a]).toBe(GUS)
    expect(after[later.id]).toBe(FAY)
    for (const [a, p] of Object.entries(before)) if (!fayWeek1.includes(a)) expect(after[a]).toBe(p)
  })

  it('executeSwap (one_to_one) exchanges the two weeks', async () => {
    const { swap } = await requestSwap(db, { sourceFacultyId: FAY, targetFacultyId: GUS, sourceWeek: WEEKS[0], targetWeek: WEEKS[1], swapType: 'one_to_one' })
    await respondToSwap(db, { swapId: swap.id, facultyId: GUS, approved: true })
    const result = await executeSwap(db, { swapId: swap.id })
    expect(result.movedToTarget).toHaveLength(10)
    expect(result.movedToSource).toHaveLength(5)
    const after = await owners(db)
    for (const id of result.movedToTarget) expect(after[id]).toBe(GUS)
    for (const id of result.movedToSource) expect(after[id]).toBe(FAY)
  })

  it('a collision with an assignment the receiver has is a SwapCollisionError naming the blocks, and nothing changes', async () => {
    const id = await swapIn('approved', FAY, HAL)
    await createAssignment(db, { blockId: blockId('2029-09-05', 'PM'), personId: HAL, role: 'primary' })
    const before = await owners(db)
    const swapBefore = await swapRow(id)
    const error = await rejection(executeSwap(db, { swapId: id }))
    expect(error).toBeInstanceOf(SwapCollisionError)
    expect((error as SwapCollisionError).collisions).toEqual([
      { blockId: blockId(WEEKS[0], 'AM'), date: WEEKS[0], timeOfDay: 'AM', personId: HAL },
      { blockId: blockId('2029-09-05', 'PM'), date: '2029-09-05', timeOfDay: 'PM', personId: HAL },
    ])
    expect((error as Error).message).toContain('2029-09-05 PM')
    expect(await owners(db)).toEqual(before)
    expect(await swapRow(id)).toEqual(swapBefore)
  })

  it('rollbackSwap gives back exactly what the execution moved, not what the person holds that week now', async () => {
    const before = await owners(db)
    const { swap } = await requestSwap(db, { sourceFacultyId: FAY, targetFacultyId: GUS, sourceWeek: WEEKS[0], targetWeek: WEEKS[1], swapType: 'one_to_one' })
    await respondToSwap(db, { swapId: swap.id, facultyId: GUS, approved: true })
    const executed = await executeSwap(db, { swapId: swap.id })
    // after the execution Gus takes one more half-day of W1: his own, it stays his
    const extra = await createAssignment(db, { blockId: blockId('2029-09-08', 'AM'), personId: GUS, role: 'primary' })
    expect(await rejection(rollbackSwap(db, { swapId: swap.id, reason: 'too short' }))).toBeInstanceOf(ValidationError)
    const result = await rollbackSwap(db, { swapId: swap.id, reason: REASON })
    expect(result.restored.sort()).toEqual([...executed.movedToTarget, ...executed.movedToSource].sort())
    expect(result.swap).toMatchObject({ status: 'rolled_back', rollbackReason: REASON })
    expect(result.swap.rolledBackAt).toBeInstanceOf(Date)
    expect(await owners(db)).toEqual({ ...before, [extra.id]: GUS })
  })

  it('rollbackSwap after 24 hours, or after a moved assignment changed, is a SwapRollbackError saying why; nothing changes', async () => {
    const id = await swapIn('approved')
    await executeSwap(db, { swapId: id })
    const moved = await owners(db)
    await db.updateTable('swapRecords').set({ executedAt: new Date(Date.now() - 24 * 3600_000 - 60_000) }).where('id', '=', id).execute()
    const late = await rejection(rollbackSwap(db, { swapId: id, reason: REASON }))
    expect(late).toBeInstanceOf(SwapRollbackError)
    expect(late).toMatchObject({ reason: 'expired' })
    expect((await swapRow(id)).status).toBe('executed')

    await db.updateTable('swapRecords').set({ executedAt: new Date(Date.now() - 23 * 3600_000) }).where('id', '=', id).execute()
    const touched = assignmentId(FAY, '2029-09-04', 'PM')
    const row = await db.selectFrom('assignments').selectAll().where('id', '=', touched).executeTakeFirstOrThrow()
    await updateAssignment(db, { id: touched, updatedAt: row.updatedAt, changes: { notes: 'covering clinic' } })
    const changed = await rejection(rollbackSwap(db, { swapId: id, reason: REASON }))
    expect(changed).toMatchObject({ reason: 'changed', assignmentIds: [touched] })
    expect((changed as Error).message).toContain(touched)
    expect(await owners(db)).toEqual(moved)
    expect((await swapRow(id)).status).toBe('executed')
  })

  it('two executeSwap of one swap at once: exactly one executes, the other gets the transition error', async () => {
    const id = await swapIn('approved')
    const results = await Promise.allSettled([executeSwap(db, { swapId: id }), executeSwap(db, { swapId: id })])
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1)
    const failed = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected')
    expect(failed).toHaveLength(1)
    expect(failed[0]!.reason).toBeInstanceOf(SwapTransitionError)
    expect(failed[0]!.reason).toMatchObject({ status: 'executed', transition: 'execute' })
  })

  it('two swaps of the same assignments executed at once serialise: the result is one order or the other', async () => {
    // Fay's W1 to Gus, or to Hal: whichever runs first takes it, the other then finds nothing of Fay's there
    const toGus = await swapIn('approved', FAY, GUS)
    await db.deleteFrom('assignments').where('personId', '=', HAL).execute()
    const toHal = await swapIn('approved', FAY, HAL)
    const results = await Promise.all([executeSwap(db, { swapId: toGus }), executeSwap(db, { swapId: toHal })])
    const moved = results.map((r) => r.movedToTarget.length).sort()
    expect(moved).toEqual([0, 10])
    const after = await owners(db)
    const receivers = new Set(SWAP_ASSIGNMENTS.filter(([p]) => p === FAY).map(([p, d, t]) => after[assignmentId(p, d, t)]))
    expect(receivers.size).toBe(1)
    expect([GUS, HAL]).toContain([...receivers][0])
  })

  it('a resident is never moved', async () => {
    await createAssignment(db, { blockId: blockId(WEEKS[0], 'PM'), personId: RES, role: 'primary' })
    const id = await swapIn('approved')
    const { movedToTarget } = await executeSwap(db, { swapId: id })
    expect(movedToTarget).not.toContain(assignmentId(RES, WEEKS[0], 'PM'))
  })
})
