// The parameter schemas of call.ts, loaded on the first call that validates input.
import { z } from 'zod'
import { isoDate, fromNotAfterTo } from './param-schemas.js'

export const callEquityParams = z.strictObject({
  /** First night, inclusive. */
  from: isoDate,
  /** Last night, inclusive; before `from` is a ValidationError. */
  to: isoDate,
}).refine(...fromNotAfterTo)
