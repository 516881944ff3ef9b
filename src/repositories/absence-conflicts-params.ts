// The parameter schemas of absence-conflicts.ts, loaded on the first call that validates input.
import { z } from 'zod'
import { isoDate, idParam, fromNotAfterTo } from './param-schemas.js'

export const absenceConflictsParams = z.strictObject({
  /** First date, inclusive. */
  from: isoDate,
  /** Last date, inclusive; before `from` is a ValidationError. */
  to: isoDate,
  /** Only this person's (default: everyone's). */
  personId: idParam.optional(),
}).refine(...fromNotAfterTo)
