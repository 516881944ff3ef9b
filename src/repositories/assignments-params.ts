// The parameter schemas of assignments.ts, loaded on the first call that validates input.
import { z } from 'zod'
import { assignmentUpdateSchema, newAssignmentSchema } from '../schema/generated/zod/core.js'
import { idParam, readTimestamp } from './param-schemas.js'

export const newAssignment = newAssignmentSchema

export const assignmentChanges = assignmentUpdateSchema.omit({ id: true, createdAt: true, updatedAt: true })
export const updateAssignmentParams = z.strictObject({ id: idParam, updatedAt: readTimestamp, changes: assignmentChanges })

export const deleteAssignmentParams = z.strictObject({ id: idParam, updatedAt: readTimestamp.optional() })

export const insertAssignmentsParams = z.strictObject({ assignments: z.array(newAssignment) })
