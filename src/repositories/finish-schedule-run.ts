import { NotFoundError } from '../errors.js'
import { lazySchemas, parseParams, type ParamsInput } from './parse-params.js'
import type { Executor, ScheduleRun } from './row-types.js'
import type * as Params from './finish-schedule-run-params.js'

const schemas = lazySchemas(() => import('./finish-schedule-run-params.js'))

export type FinishScheduleRunParams = ParamsInput<typeof Params.finishParams>

async function finish(db: Executor, fn: string, status: 'completed' | 'failed', params: FinishScheduleRunParams): Promise<ScheduleRun> {
  const { id, totalBlocksAssigned, ...counts } = parseParams(fn, (await schemas()).finishParams, params)
  const row = await db
    .updateTable('scheduleRuns')
    .set((eb) => ({
      ...counts,
      status,
      totalBlocksAssigned:
        totalBlocksAssigned ??
        eb.selectFrom('assignments').select((e) => e.fn.countAll<number>().as('n')).where('scheduleRunId', '=', id),
    }))
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst()
  if (row === undefined) throw new NotFoundError(`schedule_runs: no run ${id}`, 'schedule_runs', id)
  return row
}

/**
 * Marks a schedule run `completed` and stores its counts; `totalBlocksAssigned`
 * defaults to the assignments that name the run. One statement. A missing run
 * is a NotFoundError.
 */
export function completeScheduleRun(db: Executor, params: FinishScheduleRunParams): Promise<ScheduleRun> {
  return finish(db, 'completeScheduleRun', 'completed', params)
}

/**
 * Marks a schedule run `failed` and stores its counts (a failed
 * `replaceScheduleAssignments` left none of its assignments: the count is then 0).
 */
export function failScheduleRun(db: Executor, params: FinishScheduleRunParams): Promise<ScheduleRun> {
  return finish(db, 'failScheduleRun', 'failed', params)
}
