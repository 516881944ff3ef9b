import { z } from 'zod'
import { newSwapRecordSchema } from '../schema/zod/index.js'
import { inTransaction } from './in-transaction.js'
import { isoWeekday } from './iso-dates.js'
import { idParam, isoDate, parseParams } from './parse-params.js'
import type { Executor, SwapApproval, SwapRecord } from './row-types.js'
import { storableText } from './write-input.js'

const monday = isoDate.refine((d) => isoWeekday(d) === 1, 'must be a Monday (swap weeks run Monday to Sunday)')
const text = newSwapRecordSchema.shape.reason

const requestSwapParams = z
  .strictObject({
    id: idParam.optional(),
    sourceFacultyId: idParam,
    targetFacultyId: idParam,
    sourceWeek: monday,
    targetWeek: monday.nullish(),
    swapType: z.enum(['one_to_one', 'absorb']),
    requestedByPersonId: idParam.optional(),
    requestedById: idParam.nullish(),
    reason: text,
    notes: text,
  })
  .superRefine(storableText)
  .superRefine((p, ctx) => {
    if (p.sourceFacultyId === p.targetFacultyId) ctx.addIssue({ code: 'custom', path: ['targetFacultyId'], message: 'must differ from sourceFacultyId' })
    if (p.swapType === 'one_to_one' && (p.targetWeek ?? null) === null)
      ctx.addIssue({ code: 'custom', path: ['targetWeek'], message: 'a one_to_one swap needs the target week the source takes in exchange' })
    if (p.swapType === 'one_to_one' && p.targetWeek === p.sourceWeek)
      ctx.addIssue({ code: 'custom', path: ['targetWeek'], message: 'must differ from sourceWeek (the two would exchange the same week)' })
    if (p.swapType === 'absorb' && (p.targetWeek ?? null) !== null)
      ctx.addIssue({ code: 'custom', path: ['targetWeek'], message: 'an absorb swap has no target week: leave it out' })
  })

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
  const { requestedByPersonId, ...p } = parseParams('requestSwap', requestSwapParams, params)
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
