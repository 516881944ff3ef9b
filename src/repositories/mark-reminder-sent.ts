import { NotFoundError } from '../errors.js'
import type { ReminderDays } from './certifications.js'
import { lazySchemas, parseParams, type ParamsInput } from './parse-params.js'
import type { Executor, PersonCertification } from './row-types.js'
import type * as Params from './mark-reminder-sent-params.js'

const schemas = lazySchemas(() => import('./mark-reminder-sent-params.js'))

const SENT_COLUMN = {
  180: 'reminder180Sent',
  90: 'reminder90Sent',
  30: 'reminder30Sent',
  14: 'reminder14Sent',
  7: 'reminder7Sent',
} as const satisfies Record<ReminderDays, keyof PersonCertification>

export type MarkReminderSentParams = ParamsInput<typeof Params.markParams>

/**
 * Records that the `days`-day reminder of a certification went out. Idempotent:
 * a reminder already marked keeps its first time (a retried send changes
 * nothing). One statement. A missing certification is a NotFoundError.
 *
 * @returns the stored row
 */
export async function markReminderSent(db: Executor, params: MarkReminderSentParams): Promise<PersonCertification> {
  const { id, days, sentAt = new Date() } = parseParams('markReminderSent', (await schemas()).markParams, params)
  const column = SENT_COLUMN[days]
  const row = await db
    .updateTable('personCertifications')
    .set((eb) => ({ [column]: eb.fn.coalesce(column, eb.val(sentAt)) }))
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst()
  if (row === undefined) throw new NotFoundError(`person_certifications: no certification ${id}`, 'person_certifications', id)
  return row
}
