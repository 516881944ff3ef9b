// The parameter schemas of schedule-runs.ts, loaded on the first call that validates input.
import { newScheduleRunSchema } from '../schema/zod/core.js'
import { storableText, datesInOrder } from './param-schemas.js'

export const newScheduleRun = newScheduleRunSchema.superRefine(storableText).refine(...datesInOrder)
