// The parameter schemas of assignments.ts, loaded on the first call that validates input.
import { z } from 'zod'
import { assignmentUpdateSchema, newAssignmentSchema } from '../schema/generated/zod/core.js'
import { idParam, readTimestamp } from './param-schemas.js'

export const newAssignment = newAssignmentSchema

export const assignmentChanges = assignmentUpdateSchema.omit({ id: true, createdAt: true, updatedAt: true })
export const updateAssignmentParams = z.strictObject({
  id: idParam,
  /** The row's `updatedAt` as the caller read it: the change applies only if nobody changed the row since. */
  updatedAt: readTimestamp,
  /** The columns to change (not `id`, `createdAt` or `updatedAt`, which moves to now). */
  changes: assignmentChanges,
})

export const deleteAssignmentParams = z.strictObject({
  id: idParam,
  /** When given, delete only if the row's `updatedAt` is still this one (else a ConflictError). */
  updatedAt: readTimestamp.optional(),
})

export const insertAssignmentsParams = z.strictObject({
  /** The rows, e.g. a schedule run's output (ids are UUIDv7 where not given). */
  assignments: z.array(newAssignment),
})
