// The parameter schemas of replace-schedule-assignments.ts, loaded on the first call that validates input.
import { z } from 'zod'
import { newAssignmentSchema } from '../schema/generated/zod/core.js'
import { isoDate, idParam, fromNotAfterTo } from './param-schemas.js'

export const replaceParams = z
  .strictObject({
    scheduleRunId: idParam,
    from: isoDate,
    to: isoDate,
    assignments: z.array(newAssignmentSchema.omit({ scheduleRunId: true })),
  })
  .refine(...fromNotAfterTo)
