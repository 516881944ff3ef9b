// The parameter schemas of request-swap.ts, loaded on the first call that validates input.
import { isoWeekday } from './iso-dates.js'
import { z } from 'zod'
import { newSwapRecordSchema } from '../schema/generated/zod/swaps.js'
import { isoDate, idParam } from './param-schemas.js'

export const monday = isoDate.refine((d) => isoWeekday(d) === 1, 'must be a Monday (swap weeks run Monday to Sunday)')
export const text = newSwapRecordSchema.shape.reason

export const requestSwapParams = z
  .strictObject({
    /** The swap's id (default: a UUIDv7). */
    id: idParam.optional(),
    /** The faculty member giving up the source week. */
    sourceFacultyId: idParam,
    /** The faculty member taking it. */
    targetFacultyId: idParam,
    /** Monday of the week the source gives up. */
    sourceWeek: monday,
    /** one_to_one: Monday of the target's week the source takes in exchange (required, another week); absorb: none. */
    targetWeek: monday.nullish(),
    swapType: z.enum(['one_to_one', 'absorb']),
    /**
     * The person asking (default: the source faculty member). When it is someone
     * else (a coordinator, the target) the source must approve too.
     */
    requestedByPersonId: idParam.optional(),
    /** The user account that asked, stored as `requestedById`. */
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
