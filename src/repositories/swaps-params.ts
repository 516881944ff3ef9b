// The parameter schemas of swaps.ts, loaded on the first call that validates input.
import { z } from 'zod'
import { swapRecordSchema } from '../schema/generated/zod/swaps.js'
import { isoDate, idParam, fromNotAfterTo } from './param-schemas.js'

// the values of swap_records.status, from its CHECK constraint
export const swapStatus = swapRecordSchema.shape.status

export const swapHistoryParams = z
  .strictObject({
    /** The faculty member, as source or target of the swap. */
    facultyId: idParam,
    /** Only swaps in this status, or in one of these (a non-empty list); default: every status. */
    status: z.union([swapStatus, z.array(swapStatus).min(1)]).optional(),
    /** Earliest `sourceWeek`, inclusive (default: no bound). */
    from: isoDate.optional(),
    /** Latest `sourceWeek`, inclusive (default: no bound); before `from` is a ValidationError. */
    to: isoDate.optional(),
    // a bound that keeps the row offset an exact integer
    /** The page, from 1 to 10,000,000 (default 1); a page past the end is empty. */
    page: z.int().min(1).max(10_000_000).default(1),
    /** Items per page, 1 to 100 (default 20). */
    pageSize: z.int().min(1).max(100).default(20),
  })
  .refine(...fromNotAfterTo)
