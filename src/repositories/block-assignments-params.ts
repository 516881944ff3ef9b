// The parameter schemas of block-assignments.ts, loaded on the first call that validates input.
import { z } from 'zod'
import { blockAssignmentSchema } from '../schema/generated/zod/core.js'
import { idParam } from './param-schemas.js'

export const blockAssignmentsParams = z.strictObject({
  /** Y for the academic year July 1 of Y to June 30 of Y+1. */
  academicYear: z.int().min(1900).max(9998),
  /** Only this block, 0-13 (default: every block). */
  blockNumber: blockAssignmentSchema.shape.blockNumber.optional(),
  /** Only this resident (default: everyone). */
  residentId: idParam.optional(),
  /** Only this rotation (default: every rotation). */
  rotationTemplateId: idParam.optional(),
})
