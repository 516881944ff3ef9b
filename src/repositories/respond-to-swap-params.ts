// The parameter schemas of respond-to-swap.ts, loaded on the first call that validates input.
import { z } from 'zod'
import { idParam } from './param-schemas.js'

export const respondParams = z
  .strictObject({
    swapId: idParam,
    facultyId: idParam,
    approved: z.boolean(),
    notes: z.string().nullish(),
    userId: idParam.nullish(),
  })
