// The parameter schemas of rollback-swap.ts, loaded on the first call that validates input.
import { z } from 'zod'
import { idParam } from './param-schemas.js'

export const rollbackParams = z
  .strictObject({
    swapId: idParam,
    /** Why, at least 10 characters (not counting spaces around it); stored as `rollbackReason`. */
    reason: z.string().refine((r) => r.trim().length >= 10, 'must have at least 10 characters (say why the swap is undone)'),
    /** The user account rolling it back, stored as `rolledBackById`. */
    rolledBackById: idParam.nullish(),
  })
