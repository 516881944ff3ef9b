// The parameter schemas of absences.ts, loaded on the first call that validates input.
import { z } from 'zod'
import { absenceSchema, absenceUpdateSchema, newAbsenceSchema } from '../schema/generated/zod/core.js'
import { isoDate, idParam, fromNotAfterTo, datesInOrder } from './param-schemas.js'

export const absenceType = absenceSchema.shape.absenceType
export const absencesInRangeParams = z
  .strictObject({
    /** First date, inclusive. */
    from: isoDate,
    /** Last date, inclusive; before `from` is a ValidationError. */
    to: isoDate,
    /** Only this person's absences (default: everyone's). */
    personId: idParam.optional(),
    /** Only this type (default: every type). */
    absenceType: absenceType.optional(),
  })
  .refine(...fromNotAfterTo)

export const newAbsence = newAbsenceSchema.refine(...datesInOrder)

export const absenceChanges = absenceUpdateSchema.omit({ id: true, createdAt: true }).refine(...datesInOrder)
export const updateAbsenceParams = z.strictObject({
  id: idParam,
  /** The columns to change (not `id` or `createdAt`). */
  changes: absenceChanges,
})
// the dates as they would be after a change of one of them
export const mergedDates = z.looseObject({ startDate: isoDate, endDate: isoDate }).superRefine((row, ctx) => {
  if (row.endDate < row.startDate) ctx.addIssue({ code: 'custom', path: ['changes', 'endDate'], message: 'endDate must be on or after startDate' })
})

export const deleteAbsenceParams = z.strictObject({ id: idParam })
