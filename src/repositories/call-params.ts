// The parameter schemas of call.ts, loaded on the first call that validates input.
import { z } from 'zod'
import { isoDate, fromNotAfterTo } from './param-schemas.js'

export const callEquityParams = z.strictObject({ from: isoDate, to: isoDate }).refine(...fromNotAfterTo)
