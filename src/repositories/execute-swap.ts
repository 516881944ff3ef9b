import { type SwapCollision, SwapCollisionError } from '../errors.js'
import { idParams } from './id-params.js'
import { inTransaction } from './in-transaction.js'
import { lockSwap } from './lock-swap.js'
import { lazySchemas, parseParams, type ParamsInput } from './parse-params.js'
import { placeholder, PreparedQuery } from './prepared-query.js'
import type { Executor, SwapRecord } from './row-types.js'
import { inWeek, lockSwapFaculty, moveAssignments, type SwapAssignment, swapWeekAssignments } from './swap-assignments.js'
import type * as Params from './execute-swap-params.js'

const schemas = lazySchemas(() => import('./execute-swap-params.js'))
/** `executeParams` when plainly valid, without zod (see idParams). */
export const quickExecuteParams = idParams(['swapId'], ['executedById'])

export type ExecuteSwapParams = ParamsInput<typeof Params.executeParams>

export interface SwapExecution {
  swap: SwapRecord
  /** Ids of the source's assignments of the source week, now the target's. */
  movedToTarget: string[]
  /** one_to_one: ids of the target's assignments of the target week, now the source's. */
  movedToSource: string[]
}

const stampExecuted = new PreparedQuery<readonly [string, string, string | null], SwapRecord>([placeholder.uuid(0), placeholder.timestamp(0), placeholder.uuid(1)], (db, [swapId, now, executedById]) =>
  db.updateTable('swapRecords').set({ status: 'executed', executedAt: now, executedById }).where('id', '=', swapId).returningAll(),
)

/**
 * Executes an approved swap in one transaction: the source faculty member's
 * assignments of the source week (Monday to Sunday) go to the target and, for
 * one_to_one, the target's of the target week to the source (each assignment
 * keeps its id, block, rotation and role; `updatedAt` moves to now); the swap
 * becomes `executed` with `executedAt` / `executedById`. A week with nothing
 * to move moves nothing.
 *
 * A swap that is not approved is a SwapTransitionError (so of two executions
 * at once, the second gets one); an assignment that would land on a half-day
 * its receiver already works is a SwapCollisionError naming every such block.
 * Nothing changes then. Run it in `withAuditContext` to record who did it: the
 * audit history of this transaction is what `rollbackSwap` reverses.
 *
 * @example
 * const { movedToTarget } = await executeSwap(db, { swapId: swap.id })
 */
export async function executeSwap(db: Executor, params: ExecuteSwapParams): Promise<SwapExecution> {
  const { swapId, executedById } = quickExecuteParams(params) ?? parseParams('executeSwap', (await schemas()).executeParams, params)
  return inTransaction(db, async (trx) => {
    const swap = await lockSwap(trx, swapId, 'execute')
    await lockSwapFaculty(trx, swap)
    const rows = await swapWeekAssignments(trx, swap)
    const { toTarget, toSource, collisions } = planMoves(swap, rows)
    if (collisions.length > 0) throw new SwapCollisionError(swapId, collisions)
    const now = new Date()
    await moveAssignments(trx, toTarget, swap.targetFacultyId, now)
    await moveAssignments(trx, toSource, swap.sourceFacultyId, now)
    const [executed] = await stampExecuted.execute(trx, [swapId, now.toISOString(), executedById ?? null])
    // the row lockSwap read and locked
    return { swap: executed!, movedToTarget: toTarget, movedToSource: toSource }
  })
}

/** What an execution moves, and the half-days where a receiver already has an assignment that stays. One pass over the rows. */
export function planMoves(swap: SwapRecord, rows: readonly SwapAssignment[]) {
  const src = swap.sourceFacultyId
  const tgt = swap.targetFacultyId
  const inSourceWeek = inWeek(swap.sourceWeek)
  const inTargetWeek = inWeek(swap.swapType === 'one_to_one' ? swap.targetWeek : null)
  const toTarget: string[] = []
  const toSource: string[] = []
  const moving: SwapAssignment[] = []
  const staying = new Set<string>()
  for (const r of rows) {
    if (r.personId === src && inSourceWeek(r.date)) {
      toTarget.push(r.id)
      moving.push(r)
    } else if (r.personId === tgt && inTargetWeek(r.date)) {
      toSource.push(r.id)
      moving.push(r)
    } else staying.add(`${r.personId} ${r.blockId}`)
  }
  const collisions: SwapCollision[] = []
  for (const r of moving) {
    const receiver = r.personId === src ? tgt : src
    if (staying.has(`${receiver} ${r.blockId}`)) collisions.push({ blockId: r.blockId, date: r.date, timeOfDay: r.timeOfDay, personId: receiver })
  }
  collisions.sort((a, b) => a.date.localeCompare(b.date) || a.timeOfDay.localeCompare(b.timeOfDay) || a.personId.localeCompare(b.personId))
  return { toTarget, toSource, collisions }
}
