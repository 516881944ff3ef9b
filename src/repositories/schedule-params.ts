// The parameter schemas of schedule.ts, loaded on the first call that validates input.
import { z } from 'zod'
import { blockSchema } from '../schema/generated/zod/core.js'
import { isoDate, idParam, fromNotAfterTo } from './param-schemas.js'

export const personScheduleParams = z
  .strictObject({
    personId: idParam,
    /** First date, inclusive ('YYYY-MM-DD'). */
    from: isoDate,
    /** Last date, inclusive; before `from` is a ValidationError. */
    to: isoDate,
  })
  .refine(...fromNotAfterTo)

export const halfDayParams = z.strictObject({ date: isoDate, timeOfDay: blockSchema.shape.timeOfDay })
