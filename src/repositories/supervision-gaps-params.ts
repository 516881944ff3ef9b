// The parameter schemas of supervision-gaps.ts, loaded on the first call that validates input.
import { z } from 'zod'
import { isoDate, fromNotAfterTo } from './param-schemas.js'

export const params = z.strictObject({ from: isoDate, to: isoDate }).refine(...fromNotAfterTo)
