import { ConflictError, NotFoundError } from '../errors.js'
import { inTransaction } from './in-transaction.js'
import { lockSwap } from './lock-swap.js'
import { lazySchemas, parseParams, type ParamsInput } from './parse-params.js'
import type { Executor, SwapApproval, SwapRecord } from './row-types.js'
import type * as Params from './respond-to-swap-params.js'

const schemas = lazySchemas(() => import('./respond-to-swap-params.js'))

export type RespondToSwapParams = ParamsInput<typeof Params.respondParams>

export interface SwapResponse {
  swap: SwapRecord
  approval: SwapApproval
}

/**
 * Records one approver's answer to a pending swap (yes/no, now, notes). The
 * swap becomes `rejected` at the first no, and `approved` (with `approvedAt`)
 * once every approval says yes; otherwise it stays pending. One transaction,
 * with the swap locked: two answers at once are applied one after the other.
 *
 * A swap that is not pending is a SwapTransitionError; a faculty member who is
 * not an approver of the swap a NotFoundError; one who already answered a
 * ConflictError (an answer is final). Nothing changes then.
 */
export async function respondToSwap(db: Executor, params: RespondToSwapParams): Promise<SwapResponse> {
  const p = parseParams('respondToSwap', (await schemas()).respondParams, params)
  return inTransaction(db, async (trx) => {
    await lockSwap(trx, p.swapId, 'respond')
    const approvals = await trx.selectFrom('swapApprovals').selectAll().where('swapId', '=', p.swapId).orderBy('id').execute()
    const mine = approvals.find((a) => a.facultyId === p.facultyId)
    if (mine === undefined) {
      throw new NotFoundError(`swap_approvals: ${p.facultyId} is not an approver of swap ${p.swapId}`, 'swap_approvals', p.swapId)
    }
    if (mine.respondedAt !== null) {
      throw new ConflictError(`swap_approvals: ${p.facultyId} already answered swap ${p.swapId}; an answer is final`, 'swap_approvals', mine.id)
    }
    const now = new Date()
    const approval = await trx
      .updateTable('swapApprovals')
      .set({ approved: p.approved, respondedAt: now, responseNotes: p.notes ?? null })
      .where('id', '=', mine.id)
      .returningAll()
      .executeTakeFirstOrThrow()
    const allYes = approvals.every((a) => (a.id === mine.id ? p.approved : a.approved === true))
    const change = !p.approved
      ? { status: 'rejected' as const }
      : allYes
        ? { status: 'approved' as const, approvedAt: now, approvedById: p.userId ?? null }
        : undefined
    const query = trx.selectFrom('swapRecords').selectAll().where('id', '=', p.swapId)
    const swap =
      change === undefined
        ? await query.executeTakeFirstOrThrow()
        : await trx.updateTable('swapRecords').set(change).where('id', '=', p.swapId).returningAll().executeTakeFirstOrThrow()
    return { swap, approval }
  })
}
