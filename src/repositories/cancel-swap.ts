import { idParams } from './id-params.js'
import { inTransaction } from './in-transaction.js'
import { lockSwap } from './lock-swap.js'
import { lazySchemas, parseParams } from './parse-params.js'
import type { Executor, SwapRecord } from './row-types.js'

const schemas = lazySchemas(() => import('./cancel-swap-params.js'))
/** `cancelParams` when plainly valid, without zod (see idParams). */
export const quickCancelParams = idParams(['swapId'])

/**
 * Cancels a pending swap (its approvals stay as answered). Any other status is
 * a SwapTransitionError, a missing swap a NotFoundError; nothing changes then.
 *
 * @returns the stored swap
 */
export async function cancelSwap(db: Executor, params: { swapId: string }): Promise<SwapRecord> {
  const { swapId } = quickCancelParams(params) ?? parseParams('cancelSwap', (await schemas()).cancelParams, params)
  return inTransaction(db, async (trx) => {
    await lockSwap(trx, swapId, 'cancel')
    return trx.updateTable('swapRecords').set({ status: 'cancelled' }).where('id', '=', swapId).returningAll().executeTakeFirstOrThrow()
  })
}
