// The parameter schemas of respond-to-swap.ts, loaded on the first call that validates input.
import { z } from 'zod'
import { idParam } from './param-schemas.js'

export const respondParams = z
  .strictObject({
    swapId: idParam,
    /** The faculty member answering: one of the swap's approvers. */
    facultyId: idParam,
    approved: z.boolean(),
    /** Stored as the approval's `responseNotes`. */
    notes: z.string().nullish(),
    /** The user account answering: stored as the swap's `approvedById` when this answer approves it. */
    userId: idParam.nullish(),
  })
