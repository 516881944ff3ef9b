// The parameter schemas of procedure-credentials.ts, loaded on the first call that validates input.
import { z } from 'zod'
import { isoDate, idParam } from './param-schemas.js'

export const validCredentialsParams = z.strictObject({
  asOf: isoDate.optional(),
  personId: idParam.optional(),
  procedureId: idParam.optional(),
})

export const expiringCredentialsParams = z.strictObject({
  asOf: isoDate.optional(),
  // the upper bound keeps asOf + withinDays a four-digit year
  withinDays: z.int().min(0).max(36_500).default(30),
  personId: idParam.optional(),
  procedureId: idParam.optional(),
})
