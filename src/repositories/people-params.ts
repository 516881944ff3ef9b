// The parameter schemas of people.ts, loaded on the first call that validates input.
import { z } from 'zod'
import { newPersonSchema, personUpdateSchema } from '../schema/generated/zod/core.js'
import { idParam } from './param-schemas.js'

/** PGY level 1-3 for residents (required), none for faculty. */
export function pgyRule(person: { type?: string; pgyLevel?: number | null }, ctx: z.RefinementCtx, path: string[]): void {
  if (person.type === 'resident' && (person.pgyLevel === undefined || person.pgyLevel === null)) {
    ctx.addIssue({ code: 'custom', path, message: 'a resident needs a PGY level (1-3)' })
  }
  if (person.type === 'faculty' && person.pgyLevel !== undefined && person.pgyLevel !== null) {
    ctx.addIssue({ code: 'custom', path, message: 'faculty have no PGY level' })
  }
}

export const createPersonParams = newPersonSchema.superRefine((p, ctx) => pgyRule(p, ctx, ['pgyLevel']))

export const personChanges = personUpdateSchema.omit({ id: true, createdAt: true })
export const updatePersonParams = z.strictObject({
  id: idParam,
  /** The columns to change (not `id` or `createdAt`); `updatedAt` defaults to now. */
  changes: personChanges,
})
// the row as it would be after the change, for the rule that spans two columns
export const mergedPerson = z.looseObject({}).superRefine((p, ctx) => pgyRule(p, ctx, ['changes', 'pgyLevel']))

export const deletePersonParams = z.strictObject({ id: idParam })
