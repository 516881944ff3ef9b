// The parameter schemas of call-coverage-gaps.ts, loaded on the first call that validates input.
import { daysBetween } from './iso-dates.js'
import { z } from 'zod'
import { isoDate, fromNotAfterTo } from './param-schemas.js'

// a year and a bit: the dates are listed in memory
export const params = z
  .strictObject({ from: isoDate, to: isoDate })
  .refine(...fromNotAfterTo)
  .refine((p) => daysBetween(p.from, p.to) <= 400, { path: ['to'], message: 'the range may span at most 400 days' })
