import { ValidationError } from '../errors.js'
import { insertInBatches } from './bulk-insert.js'
import { inTransaction } from './in-transaction.js'
import { lazySchemas, parseParams, type ParamsInput } from './parse-params.js'
import type { Executor } from './row-types.js'
import type * as Params from './replace-schedule-assignments-params.js'

const schemas = lazySchemas(() => import('./replace-schedule-assignments-params.js'))

export type ReplaceScheduleAssignmentsParams = ParamsInput<typeof Params.replaceParams>

export interface ReplaceScheduleAssignmentsResult {
  /** Assignments of the range deleted. */
  deleted: number
  inserted: number
  /** The new rows' ids, in input order. */
  ids: string[]
}

/**
 * Replaces the schedule of the dates [from, to] with a run's output, in one
 * transaction (the caller's, when given one): deletes every assignment on a
 * block of the range, then inserts the new ones as `insertAssignments` does
 * (multi-row INSERTs, all rows or none), each stamped with `scheduleRunId`.
 * A failure half-way (a constraint, a lost connection) rolls back the delete
 * too: the old schedule stays as it was.
 *
 * Every assignment of the range goes, not only earlier runs': a run covers its
 * whole range, and an assignment it did not produce (entered by hand, moved
 * by a swap) would either duplicate its output on the same half-day (a
 * UniqueViolationError for the whole replace) or silently disagree with it. A
 * solver that must keep hand-made assignments takes them as fixed input and
 * returns them among its own. The deletions are in the audit history (run it
 * in `withAuditContext`); `getScheduleAsOf` shows the schedule before.
 *
 * An assignment on a block outside the range (or on no block) is a
 * ValidationError naming its index, and nothing changes.
 *
 * @example
 * const run = await createScheduleRun(db, { startDate: from, endDate: to, algorithm: 'cp-sat', status: 'running' })
 * await replaceScheduleAssignments(db, { scheduleRunId: run.id, from, to, assignments })
 * await completeScheduleRun(db, { id: run.id })
 */
export async function replaceScheduleAssignments(
  db: Executor,
  params: ReplaceScheduleAssignmentsParams,
): Promise<ReplaceScheduleAssignmentsResult> {
  const { scheduleRunId, from, to, assignments } = parseParams('replaceScheduleAssignments', (await schemas()).replaceParams, params)
  return inTransaction(db, async (trx) => {
    const blocks = await trx.selectFrom('blocks').select('id').where('date', '>=', from).where('date', '<=', to).execute()
    const inRange = new Set(blocks.map((b) => b.id))
    const outside = assignments.flatMap((a, i) => (inRange.has(a.blockId.toLowerCase()) ? [] : [i]))
    if (outside.length > 0) {
      throw new ValidationError(
        `replaceScheduleAssignments: ${outside.length} assignment(s) not on a block of ${from}..${to}; give only the range's assignments`,
        outside.map((i) => ({ path: ['assignments', i, 'blockId'], code: 'custom', message: `not a block of ${from}..${to}` })),
      )
    }
    const removed = await trx
      .deleteFrom('assignments')
      .where('blockId', 'in', (eb) => eb.selectFrom('blocks').select('id').where('date', '>=', from).where('date', '<=', to))
      .executeTakeFirst()
    const ids = await insertInBatches(trx, 'assignments', assignments.map((a) => ({ ...a, scheduleRunId })))
    return { deleted: Number(removed.numDeletedRows), inserted: ids.length, ids }
  })
}
