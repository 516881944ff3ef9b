// The parameter schemas of block-assignments.ts, loaded on the first call that validates input.
import { z } from 'zod'
import { blockAssignmentSchema } from '../schema/generated/zod/core.js'
import { idParam } from './param-schemas.js'

export const blockAssignmentsParams = z.strictObject({
  academicYear: z.int().min(1900).max(9998),
  blockNumber: blockAssignmentSchema.shape.blockNumber.optional(),
  residentId: idParam.optional(),
  rotationTemplateId: idParam.optional(),
})
