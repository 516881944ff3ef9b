import { addDays, isoWeekday } from './iso-dates.js'
import { lazySchemas, parseParams } from './parse-params.js'
import type { Executor } from './row-types.js'

const schemas = lazySchemas(() => import('./call-coverage-gaps-params.js'))

/**
 * The Sunday-to-Thursday nights of [from, to] (the nights overnight call is
 * expected) that have no `overnight` call assignment, in date order. One query
 * (call assignments by idx_call_assignment_date); the range may span at most
 * 400 days.
 *
 * @example
 * await getCallCoverageGaps(db, { from: '2025-09-28', to: '2025-10-04' }) // ['2025-10-02'] when Thursday is uncovered
 */
export async function getCallCoverageGaps(db: Executor, input: { from: string; to: string }): Promise<string[]> {
  const { from, to } = parseParams('getCallCoverageGaps', (await schemas()).params, input)
  const covered = await db
    .selectFrom('callAssignments')
    .select('date')
    .distinct()
    .where('date', '>=', from)
    .where('date', '<=', to)
    .where('callType', '=', 'overnight')
    .execute()
  const have = new Set(covered.map((c) => c.date))
  const gaps: string[] = []
  for (let d = from; d <= to; d = addDays(d, 1)) {
    const weekday = isoWeekday(d)
    if ((weekday === 7 || weekday <= 4) && !have.has(d)) gaps.push(d)
  }
  return gaps
}
