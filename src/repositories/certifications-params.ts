// The parameter schemas of certifications.ts, loaded on the first call that validates input.
import { z } from 'zod'
import { isoDate, idParam } from './param-schemas.js'

export const expiringCertificationsParams = z.strictObject({
  // asOf + withinDays stops at 9999-12-31, the last date a column holds
  withinDays: z.int().min(0).max(36_500),
  asOf: isoDate.optional(),
  personId: idParam.optional(),
  certificationTypeId: idParam.optional(),
})

export const remindersParams = z.strictObject({ asOf: isoDate.optional(), personId: idParam.optional() })
