
import { inTransaction } from './in-transaction.js'
import { isoWeekday } from './iso-dates.js'
import { lazySchemas, parseParams } from './parse-params.js'
import type { Executor, SwapApproval, SwapRecord } from './row-types.js'

const schemas = lazySchemas(() => import('./request-swap-params.js'))

export interface RequestSwapParams {
  /** The swap's id (default: a UUIDv7). */
  id?: string
  /** The faculty member giving up the source week. */
  sourceFacultyId: string
  /** The faculty member taking it. */
  targetFacultyId: string
  /** Monday of the week the source gives up. */
  sourceWeek: string
  /** one_to_one: Monday of the target's week the source takes in exchange (required, another week); absorb: none. */
  targetWeek?: string | null
  swapType: 'one_to_one' | 'absorb'
  /**
   * The person asking (default: the source faculty member). When it is someone
   * else (a coordinator, the target) the source must approve too.
   */
  requestedByPersonId?: string
  /** The user account that asked, stored as `requestedById`. */
  requestedById?: string | null
  reason?: string | null
  notes?: string | null
}

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
