// The parameter schemas of execute-swap.ts, loaded on the first call that validates input.
import { z } from 'zod'
import { idParam } from './param-schemas.js'

export const executeParams = z.strictObject({ swapId: idParam, executedById: idParam.nullish() })
