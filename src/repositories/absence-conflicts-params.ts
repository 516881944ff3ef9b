// The parameter schemas of absence-conflicts.ts, loaded on the first call that validates input.
import { z } from 'zod'
import { isoDate, idParam, fromNotAfterTo } from './param-schemas.js'

export const params = z.strictObject({ from: isoDate, to: isoDate, personId: idParam.optional() }).refine(...fromNotAfterTo)
