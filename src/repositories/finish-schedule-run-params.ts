// The parameter schemas of finish-schedule-run.ts, loaded on the first call that validates input.
import { z } from 'zod'
import { idParam } from './param-schemas.js'

export const finishParams = z.strictObject({
  id: idParam,
  /** Default: the number of assignments that name the run (counted in the same statement). */
  totalBlocksAssigned: z.int().min(0).optional(),
  acgmeViolations: z.int().min(0).optional(),
  acgmeOverrideCount: z.int().min(0).optional(),
  runtimeSeconds: z.number().min(0).optional(),
})
