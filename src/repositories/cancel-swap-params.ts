// The parameter schemas of cancel-swap.ts, loaded on the first call that validates input.
import { z } from 'zod'
import { idParam } from './param-schemas.js'

export const cancelParams = z.strictObject({ swapId: idParam })
