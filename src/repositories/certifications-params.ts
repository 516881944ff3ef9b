// The parameter schemas of certifications.ts, loaded on the first call that validates input.
import { z } from 'zod'
import { isoDate, idParam } from './param-schemas.js'

export const expiringCertificationsParams = z.strictObject({
  // asOf + withinDays stops at 9999-12-31, the last date a column holds
  /** How far ahead to look, in days: 0 (today only) to 36,500; negative is a ValidationError. */
  withinDays: z.int().min(0).max(36_500),
  /** The reference date (default: today's UTC date). */
  asOf: isoDate.optional(),
  /** Only this person's certifications (default: everyone's). */
  personId: idParam.optional(),
  /** Only this certification type (default: every type). */
  certificationTypeId: idParam.optional(),
})

export const remindersParams = z.strictObject({
  /** The reference date (default: today's UTC date). */
  asOf: isoDate.optional(),
  /** Only this person's certifications (default: everyone's). */
  personId: idParam.optional(),
})
