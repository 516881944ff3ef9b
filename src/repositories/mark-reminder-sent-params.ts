// The parameter schemas of mark-reminder-sent.ts, loaded on the first call that validates input.
import { REMINDER_DAYS, type ReminderDays } from './certifications.js'
import { z } from 'zod'
import { idParam } from './param-schemas.js'

export const markParams = z.strictObject({
  /** The person certification. */
  id: idParam,
  /** The reminder: 180, 90, 30, 14 or 7 days before expiration. */
  days: z.union(REMINDER_DAYS.map((d) => z.literal(d)) as [z.ZodLiteral<ReminderDays>, ...z.ZodLiteral<ReminderDays>[]]),
  /** When it went out (default: now). */
  sentAt: z.date().optional(),
})
