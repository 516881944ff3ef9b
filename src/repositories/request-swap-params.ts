// The parameter schemas of request-swap.ts, loaded on the first call that validates input.
import { isoWeekday } from './iso-dates.js'
import { z } from 'zod'
import { newSwapRecordSchema } from '../schema/generated/zod/swaps.js'
import { isoDate, idParam } from './param-schemas.js'

export const monday = isoDate.refine((d) => isoWeekday(d) === 1, 'must be a Monday (swap weeks run Monday to Sunday)')
export const text = newSwapRecordSchema.shape.reason

export const requestSwapParams = z
  .strictObject({
    id: idParam.optional(),
    sourceFacultyId: idParam,
    targetFacultyId: idParam,
    sourceWeek: monday,
    targetWeek: monday.nullish(),
    swapType: z.enum(['one_to_one', 'absorb']),
    requestedByPersonId: idParam.optional(),
    requestedById: idParam.nullish(),
    reason: text,
    notes: text,
  })
  
  .superRefine((p, ctx) => {
    if (p.sourceFacultyId === p.targetFacultyId) ctx.addIssue({ code: 'custom', path: ['targetFacultyId'], message: 'must differ from sourceFacultyId' })
    if (p.swapType === 'one_to_one' && (p.targetWeek ?? null) === null)
      ctx.addIssue({ code: 'custom', path: ['targetWeek'], message: 'a one_to_one swap needs the target week the source takes in exchange' })
    if (p.swapType === 'one_to_one' && p.targetWeek === p.sourceWeek)
      ctx.addIssue({ code: 'custom', path: ['targetWeek'], message: 'must differ from sourceWeek (the two would exchange the same week)' })
    if (p.swapType === 'absorb' && (p.targetWeek ?? null) !== null)
      ctx.addIssue({ code: 'custom', path: ['targetWeek'], message: 'an absorb swap has no target week: leave it out' })
  })
