
import { inTransaction } from './in-transaction.js'
import { lazySchemas, parseParams, type ParamsInput } from './parse-params.js'
import type { Executor, SwapApproval, SwapRecord } from './row-types.js'
import type * as Params from './request-swap-params.js'

const schemas = lazySchemas(() => import('./request-swap-params.js'))

export type RequestSwapParams = ParamsInput<typeof Params.requestSwapParams>

export interface SwapRequest {
  swap: SwapRecord
  /** Its approvals: the target's, then the source's when someone else asked. */
  approvals: SwapApproval[]
}

/**
 * Requests a swap: stores it `pending` with one unanswered approval per
 * faculty member who must agree (the target; the source too when someone
 * else asked), in one transaction. Weeks are Mondays. A second identical
 * request is a UniqueViolationError (for absorb swaps too, see migration
 * 20261202T0000-absorb-swap-unique), and stores nothing.
 *
 * @example
 * const { swap } = await requestSwap(db, { sourceFacultyId: fay, targetFacultyId: gus, sourceWeek: '2025-09-22', swapType: 'absorb' })
 */
export async function requestSwap(db: Executor, params: RequestSwapParams): Promise<SwapRequest> {
  const { requestedByPersonId, ...p } = parseParams('requestSwap', (await schemas()).requestSwapParams, params)
  const approvers: { facultyId: string; role: string }[] = [{ facultyId: p.targetFacultyId, role: 'target' }]
  if (requestedByPersonId !== undefined && requestedByPersonId !== p.sourceFacultyId) {
    approvers.push({ facultyId: p.sourceFacultyId, role: 'source' })
  }
  return inTransaction(db, async (trx) => {
    const swap = await trx
      .insertInto('swapRecords')
      .values({ ...p, targetWeek: p.targetWeek ?? null, status: 'pending' })
      .returningAll()
      .executeTakeFirstOrThrow()
    const approvals = await trx
      .insertInto('swapApprovals')
      .values(approvers.map((a) => ({ ...a, swapId: swap.id })))
      .returningAll()
      .execute()
    // in insertion order, whatever order RETURNING gives
    approvals.sort((a, b) => (a.role === b.role ? 0 : a.role === 'target' ? -1 : 1))
    return { swap, approvals }
  })
}
