// The parameter schemas of rollback-swap.ts, loaded on the first call that validates input.
import { z } from 'zod'
import { idParam } from './param-schemas.js'

export const rollbackParams = z
  .strictObject({
    swapId: idParam,
    reason: z.string().refine((r) => r.trim().length >= 10, 'must have at least 10 characters (say why the swap is undone)'),
    rolledBackById: idParam.nullish(),
  })
