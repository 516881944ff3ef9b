// The parameter schemas of blocks.ts, loaded on the first call that validates input.
import { z } from 'zod'
import { blockSchema } from '../schema/generated/zod/core.js'
import { academicYearOf } from './blocks.js'
import { isoDate } from './param-schemas.js'

export const academicYearBlocksParams = z
  .strictObject({
    /** Y for the academic year July 1 of Y to June 30 of Y+1. */
    academicYear: z.int().min(1900).max(9998),
    /**
     * Dates to mark `isHoliday` with their `holidayName` (default none). Applied to
     * rows this call inserts; an existing block is left as it is.
     */
    // a holiday name becomes blocks.holiday_name: its length rule comes from the column
    holidays: z.array(z.strictObject({ date: isoDate, name: blockSchema.shape.holidayName.unwrap().min(1) })).default([]),
  })
  .superRefine(({ academicYear, holidays }, ctx) => {
    holidays.forEach(({ date }, i) => {
      if (academicYearOf(date) !== academicYear) {
        ctx.addIssue({ code: 'custom', path: ['holidays', i, 'date'], message: `${date} is not in academic year ${academicYear}` })
      }
    })
  })
