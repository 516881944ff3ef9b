import { z } from 'zod'
import { isoDate, parseParams, rowId } from './parse-params.js'
import type { Executor, Person, SwapApproval, SwapRecord, SwapStatus } from './row-types.js'
import { rowsById } from './rows-by-id.js'

const swapStatus = z.enum(['pending', 'approved', 'executed', 'rejected', 'cancelled', 'rolled_back'])

const swapHistoryParams = z
  .strictObject({
    facultyId: rowId,
    status: z.union([swapStatus, z.array(swapStatus).min(1)]).optional(),
    from: isoDate.optional(),
    to: isoDate.optional(),
    page: z.int().min(1).default(1),
    pageSize: z.int().min(1).max(100).default(20),
  })
  .refine((p) => p.from === undefined || p.to === undefined || p.from <= p.to, {
    path: ['to'],
    message: 'to must be on or after from',
  })

export interface SwapHistoryParams {
  /** The faculty member, as source or target of the swap. */
  facultyId: string
  /** Only swaps in this status, or in one of these (a non-empty list); default: every status. */
  status?: SwapStatus | readonly SwapStatus[]
  /** Earliest `sourceWeek`, inclusive (default: no bound). */
  from?: string
  /** Latest `sourceWeek`, inclusive (default: no bound); before `from` is a ValidationError. */
  to?: string
  /** The page, from 1 (default 1); a page past the end is empty. */
  page?: number
  /** Items per page, 1 to 100 (default 20). */
  pageSize?: number
}

export interface SwapHistoryItem {
  swap: SwapRecord
  sourceFaculty: Person
  targetFaculty: Person
  /** The swap's approvals, in id order (creation order for library-made UUIDv7 ids). */
  approvals: SwapApproval[]
}

export interface SwapHistoryPage {
  items: SwapHistoryItem[]
  /** Matching swaps on every page. */
  total: number
  page: number
  pageSize: number
  /** Number of pages: 0 when nothing matches. */
  pages: number
}

/**
 * Swap records where the faculty member is the source or the target, newest
 * `requestedAt` first, ties by ascending id; filtered by status and by
 * `sourceWeek` in [from, to]; one page of them with the total counted before
 * paging. Four queries whatever the page size: count, page, people, approvals.
 */
export async function getSwapHistory(db: Executor, params: SwapHistoryParams): Promise<SwapHistoryPage> {
  const p = parseParams('getSwapHistory', swapHistoryParams, params)
  let matching = db
    .selectFrom('swapRecords')
    .where((eb) => eb.or([eb('sourceFacultyId', '=', p.facultyId), eb('targetFacultyId', '=', p.facultyId)]))
  if (p.status !== undefined) matching = matching.where('status', 'in', Array.isArray(p.status) ? p.status : [p.status])
  if (p.from !== undefined) matching = matching.where('sourceWeek', '>=', p.from)
  if (p.to !== undefined) matching = matching.where('sourceWeek', '<=', p.to)

  const { count } = await matching.select((eb) => eb.fn.countAll().as('count')).executeTakeFirstOrThrow()
  const total = Number(count)
  const swaps = await matching
    .selectAll()
    .orderBy('requestedAt', 'desc')
    .orderBy('id')
    .limit(p.pageSize)
    .offset((p.page - 1) * p.pageSize)
    .execute()

  const people = await rowsById(
    swaps.flatMap((s) => [s.sourceFacultyId, s.targetFacultyId]),
    (ids) => db.selectFrom('people').selectAll().where('id', 'in', ids).execute(),
  )
  const approvals = new Map<string, SwapApproval[]>(swaps.map((s) => [s.id, []]))
  if (swaps.length > 0) {
    const rows = await db
      .selectFrom('swapApprovals')
      .selectAll()
      .where('swapId', 'in', [...approvals.keys()])
      .orderBy('id')
      .execute()
    for (const approval of rows) approvals.get(approval.swapId)!.push(approval)
  }

  const items = swaps.flatMap((swap) => {
    const sourceFaculty = people.get(swap.sourceFacultyId)
    const targetFaculty = people.get(swap.targetFacultyId)
    // only possible when the swap itself was deleted between the queries
    if (!sourceFaculty || !targetFaculty) return []
    return [{ swap, sourceFaculty, targetFaculty, approvals: approvals.get(swap.id)! }]
  })
  return { items, total, page: p.page, pageSize: p.pageSize, pages: Math.ceil(total / p.pageSize) }
}
