// The parameter schemas of schedule-runs.ts, loaded on the first call that validates input.
import { newScheduleRunSchema } from '../schema/generated/zod/core.js'
import { datesInOrder } from './param-schemas.js'

export const newScheduleRun = newScheduleRunSchema.refine(...datesInOrder)
