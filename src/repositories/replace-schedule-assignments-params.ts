// The parameter schemas of replace-schedule-assignments.ts, loaded on the first call that validates input.
import { z } from 'zod'
import { newAssignmentSchema } from '../schema/generated/zod/core.js'
import { isoDate, idParam, fromNotAfterTo } from './param-schemas.js'

export const replaceParams = z
  .strictObject({
    /** The run the new assignments belong to (stored as their `scheduleRunId`). */
    scheduleRunId: idParam,
    /** First date of the replaced range, inclusive. */
    from: isoDate,
    /** Last date, inclusive; before `from` is a ValidationError. */
    to: isoDate,
    /** The run's assignments; each on a block of [from, to]. */
    assignments: z.array(newAssignmentSchema.omit({ scheduleRunId: true })),
  })
  .refine(...fromNotAfterTo)
