import fc from 'fast-check'
import type { Kysely } from 'kysely'
import { beforeAll, expect, it } from 'vitest'
import {
  cancelSwap,
  executeSwap,
  requestSwap,
  respondToSwap,
  rollbackSwap,
  SwapCollisionError,
  SwapRollbackError,
  SwapTransitionError,
  UniqueViolationError,
  type Database,
  type SwapStatus,
} from '../src/index.js'
import { addDays } from '../src/repositories/iso-dates.js'
import { forEachDriver } from './setup.js'
import { assignmentId, blockId, FACULTY, loadSwapFixture, owners, SWAP_ASSIGNMENTS, WEEKS } from './support/swap-fixture.js'

/** One step, as drawn: which action and small integers that pick its arguments. */
type Step = { kind: 'request' | 'respond' | 'cancel' | 'execute' | 'rollback'; a: number; b: number; c: number; d: number }

const step = fc.record({
  kind: fc.constantFrom('request', 'request', 'respond', 'respond', 'respond', 'respond', 'cancel', 'execute', 'execute', 'execute', 'rollback', 'rollback'),
  a: fc.nat(20),
  b: fc.nat(20),
  c: fc.nat(20),
  d: fc.nat(20),
}) as fc.Arbitrary<Step>

interface ModelSwap {
  id: string
  source: string
  target: string
  sourceWeek: string
  targetWeek: string | null
  type: 'absorb' | 'one_to_one'
  status: SwapStatus
  approvals: { facultyId: string; answer: boolean | null }[]
  /** assignment id -> the person it was taken from, for an executed swap */
  moved: Map<string, string>
}

/** The block of each assignment, as `date`, from the fixture (assignments keep their block). */
const dateOf = new Map(SWAP_ASSIGNMENTS.map(([p, d, t]) => [assignmentId(p, d, t), d]))
const inWeek = (date: string, week: string | null) => week !== null && date >= week && date <= addDays(week, 6)
const blockOf = new Map(SWAP_ASSIGNMENTS.map(([p, d, t]) => [assignmentId(p, d, t), blockId(d, t)]))

/** The plain-code model: assignments (id -> person), swaps, and the swap that last moved each assignment. */
class Model {
  owner = new Map(SWAP_ASSIGNMENTS.map(([p, d, t]) => [assignmentId(p, d, t), p]))
  swaps: ModelSwap[] = []
  lastMovedBy = new Map<string, string>()

  plan(s: ModelSwap): { moves: Map<string, string>; collides: boolean } {
    const moves = new Map<string, string>()
    for (const [id, person] of this.owner) {
      const date = dateOf.get(id)!
      if (person === s.source && inWeek(date, s.sourceWeek)) moves.set(id, s.target)
      else if (s.type === 'one_to_one' && person === s.target && inWeek(date, s.targetWeek)) moves.set(id, s.source)
    }
    let collides = false
    for (const [id, receiver] of moves) {
      for (const [other, person] of this.owner) {
        if (person === receiver && !moves.has(other) && blockOf.get(other) === blockOf.get(id)) collides = true
      }
    }
    return { moves, collides }
  }
}

forEachDriver('swap property: random request/respond/cancel/execute/rollback sequences match a plain model', (ctx) => {
  let db: Kysely<Database>
  /** How often each outcome happened over all runs: the sequences must reach them. */
  const seen = { executed: 0, collision: 0, rolledBack: 0, changed: 0 }

  beforeAll(async () => {
    const rdb = await ctx.open()
    await rdb.migrateToLatest()
    db = rdb.db
    await loadSwapFixture(db)
  })

  async function reset(): Promise<void> {
    await db.deleteFrom('swapApprovals').execute()
    await db.deleteFrom('swapRecords').execute()
    await db.deleteFrom('assignments').execute()
    await db
      .insertInto('assignments')
      .values(SWAP_ASSIGNMENTS.map(([personId, date, tod]) => ({ id: assignmentId(personId, date, tod), blockId: blockId(date, tod), personId, role: 'primary' })))
      .execute()
  }

  /** Runs one step on the database and the model; returns what the database said. */
  async function apply(m: Model, s: Step): Promise<void> {
    const pick = <T>(list: readonly T[], n: number): T | undefined => (list.length === 0 ? undefined : list[n % list.length])
    if (s.kind === 'request') {
      const source = FACULTY[s.a % 3]!
      const target = FACULTY[(s.a + 1 + (s.b % 2)) % 3]!
      const type = s.c % 2 === 0 ? ('absorb' as const) : ('one_to_one' as const)
      const sourceWeek = WEEKS[s.d % 3]!
      const targetWeek = type === 'absorb' ? null : WEEKS[(s.d + 1 + (s.b % 2)) % 3]!
      const requester = s.c % 3 === 0 ? FACULTY[s.b % 3]! : undefined
      const duplicate = m.swaps.some((w) => w.source === source && w.target === target && w.sourceWeek === sourceWeek && w.targetWeek === targetWeek && w.type === type)
      const call = requestSwap(db, { sourceFacultyId: source, targetFacultyId: target, sourceWeek, targetWeek, swapType: type, requestedByPersonId: requester })
      if (duplicate) return void (await expect(call).rejects.toBeInstanceOf(UniqueViolationError))
      const { swap } = await call
      const approvals = [{ facultyId: target, answer: null }, ...(requester !== undefined && requester !== source ? [{ facultyId: source, answer: null }] : [])]
      m.swaps.push({ id: swap.id, source, target, sourceWeek, targetWeek, type, status: 'pending', approvals, moved: new Map() })
      return
    }
    // the latest few swaps: a sequence takes one through its whole life
    const swap = pick(m.swaps.slice(-2), s.a)
    if (swap === undefined) return
    const transitionError = (call: Promise<unknown>) => expect(call).rejects.toBeInstanceOf(SwapTransitionError)
    if (s.kind === 'respond') {
      const approval = pick(swap.approvals, s.b)!
      const yes = s.c % 6 !== 0
      const call = respondToSwap(db, { swapId: swap.id, facultyId: approval.facultyId, approved: yes })
      if (swap.status !== 'pending') return transitionError(call)
      if (approval.answer !== null) return void (await expect(call).rejects.toThrow(/already answered/))
      await call
      approval.answer = yes
      if (!yes) swap.status = 'rejected'
      else if (swap.approvals.every((a) => a.answer === true)) swap.status = 'approved'
    } else if (s.kind === 'cancel') {
      const call = cancelSwap(db, { swapId: swap.id })
      if (swap.status !== 'pending') return transitionError(call)
      await call
      swap.status = 'cancelled'
    } else if (s.kind === 'execute') {
      const call = executeSwap(db, { swapId: swap.id })
      if (swap.status !== 'approved') return transitionError(call)
      const { moves, collides } = m.plan(swap)
      if (collides) return void (seen.collision++, await expect(call).rejects.toBeInstanceOf(SwapCollisionError))
      await call
      seen.executed++
      for (const [id, to] of moves) {
        swap.moved.set(id, m.owner.get(id)!)
        m.owner.set(id, to)
        m.lastMovedBy.set(id, swap.id)
      }
      swap.status = 'executed'
    } else {
      const call = rollbackSwap(db, { swapId: swap.id, reason: 'property test rollback' })
      if (swap.status !== 'executed') return transitionError(call)
      const changed = [...swap.moved.keys()].some((id) => m.lastMovedBy.get(id) !== swap.id)
      if (changed) return void (seen.changed++, await expect(call).rejects.toBeInstanceOf(SwapRollbackError))
      await call
      seen.rolledBack++
      for (const [id, from] of swap.moved) {
        m.owner.set(id, from)
        m.lastMovedBy.set(id, `rollback ${swap.id}`)
      }
      swap.status = 'rolled_back'
    }
  }

  it('after every step the assignments and statuses equal the model', async () => {
    const runs = ctx.driver === 'better-sqlite3' ? 30 : 12
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 10, maxLength: 40 }), async (steps) => {
        await reset()
        const m = new Model()
        for (const s of steps) {
          await apply(m, s)
          expect(await owners(db)).toEqual(Object.fromEntries([...m.owner].sort(([a], [b]) => a.localeCompare(b))))
        }
        const statuses = await db.selectFrom('swapRecords').select(['id', 'status']).execute()
        expect(Object.fromEntries(statuses.map((r) => [r.id, r.status]))).toEqual(Object.fromEntries(m.swaps.map((w) => [w.id, w.status])))
      }),
      { seed: 20261202, numRuns: runs, endOnFailure: true },
    )
    expect(seen.executed, JSON.stringify(seen)).toBeGreaterThan(0)
    expect(seen.rolledBack, JSON.stringify(seen)).toBeGreaterThan(0)
    expect(seen.collision + seen.changed, JSON.stringify(seen)).toBeGreaterThan(0)
  })
})
