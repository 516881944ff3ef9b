// The parameter schemas of is-person-free.ts, loaded on the first call that validates input.
import { z } from 'zod'
import { idParam } from './param-schemas.js'

export const personFreeParams = z.strictObject({
  personId: idParam,
  /** The half-day blocks to check, 1 to 1,000. */
  blockIds: z.array(idParam).min(1).max(1000),
})
