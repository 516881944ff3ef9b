// The parameter schemas of procedure-credentials.ts, loaded on the first call that validates input.
import { z } from 'zod'
import { isoDate, idParam } from './param-schemas.js'

export const validCredentialsParams = z.strictObject({
  /** The reference date (default: today's UTC date). */
  asOf: isoDate.optional(),
  /** Only this person's credentials (default: everyone's). */
  personId: idParam.optional(),
  /** Only credentials for this procedure (default: every procedure). */
  procedureId: idParam.optional(),
})

export const expiringCredentialsParams = z.strictObject({
  /** The reference date (default: today's UTC date). */
  asOf: isoDate.optional(),
  // the upper bound keeps asOf + withinDays a four-digit year
  /** How far ahead to look, 0 to 36,500 days (default 30); negative is a ValidationError. */
  withinDays: z.int().min(0).max(36_500).default(30),
  personId: idParam.optional(),
  procedureId: idParam.optional(),
})
