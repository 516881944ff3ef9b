// The parameter schemas of execute-swap.ts, loaded on the first call that validates input.
import { z } from 'zod'
import { idParam } from './param-schemas.js'

export const executeParams = z.strictObject({
  swapId: idParam,
  /** The user account executing it, stored as `executedById`. */
  executedById: idParam.nullish(),
})
