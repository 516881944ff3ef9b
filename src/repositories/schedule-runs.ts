import type { NewScheduleRun } from '../schema/generated/zod/index.js'
import { lazySchemas, parseParams } from './parse-params.js'
import type { Executor, ScheduleRun } from './row-types.js'

const schemas = lazySchemas(() => import('./schedule-runs-params.js'))

/**
 * Records a schedule run (the solver's pass over [startDate, endDate]); its
 * assignments then name it in `scheduleRunId` (see `insertAssignments`).
 * `endDate` before `startDate` is a ValidationError. The id is a UUIDv7 unless given.
 *
 * @returns the stored row
 * @example
 * const run = await createScheduleRun(db, { startDate: '2025-07-01', endDate: '2026-06-30', algorithm: 'cp-sat', status: 'completed' })
 * await insertAssignments(db, { assignments: rows.map((r) => ({ ...r, scheduleRunId: run.id })) })
 */
export async function createScheduleRun(db: Executor, params: NewScheduleRun): Promise<ScheduleRun> {
  const row = parseParams('createScheduleRun', (await schemas()).newScheduleRun, params)
  return db.insertInto('scheduleRuns').values(row).returningAll().executeTakeFirstOrThrow()
}
