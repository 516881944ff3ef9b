// The parameter schemas of swaps.ts, loaded on the first call that validates input.
import { z } from 'zod'
import { swapRecordSchema } from '../schema/generated/zod/swaps.js'
import { isoDate, idParam, fromNotAfterTo } from './param-schemas.js'

// the values of swap_records.status, from its CHECK constraint
export const swapStatus = swapRecordSchema.shape.status

export const swapHistoryParams = z
  .strictObject({
    facultyId: idParam,
    status: z.union([swapStatus, z.array(swapStatus).min(1)]).optional(),
    from: isoDate.optional(),
    to: isoDate.optional(),
    // a bound that keeps the row offset an exact integer
    page: z.int().min(1).max(10_000_000).default(1),
    pageSize: z.int().min(1).max(100).default(20),
  })
  .refine(...fromNotAfterTo)
