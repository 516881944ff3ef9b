import { takesRowLocks } from '../dialect/row-locks.js'
import { addDays } from './iso-dates.js'
import type { Executor, SwapRecord } from './row-types.js'

/** An assignment of one of a swap's two faculty members, with its block's half-day. */
export interface SwapAssignment {
  id: string
  personId: string
  blockId: string
  date: string
  timeOfDay: string
}

/**
 * Locks both faculty members of a swap against every other swap move until
 * the transaction ends: on PostgreSQL their `people` rows, in id order (no
 * deadlock between two swaps that share a member), FOR NO KEY UPDATE (other
 * writes that reference them are not held up); SQLite already holds the write
 * lock (`lockSwap`). Two swaps that touch the same assignments share a faculty
 * member, so they run one after the other, the second reading what the first
 * committed.
 */
export async function lockSwapFaculty(trx: Executor, swap: SwapRecord): Promise<void> {
  if (!takesRowLocks(trx)) return
  await trx
    .selectFrom('people')
    .select('id')
    .where('id', 'in', [swap.sourceFacultyId, swap.targetFacultyId])
    .orderBy('id')
    .forNoKeyUpdate()
    .execute()
}

/** Both faculty members' assignments in the swap's source week and (when set) target week, Monday to Sunday. One query. */
export async function swapWeekAssignments(trx: Executor, swap: SwapRecord): Promise<SwapAssignment[]> {
  const weeks = [swap.sourceWeek, ...(swap.targetWeek === null ? [] : [swap.targetWeek])]
  return trx
    .selectFrom('assignments')
    .innerJoin('blocks', 'blocks.id', 'assignments.blockId')
    .select(['assignments.id', 'assignments.personId', 'assignments.blockId', 'blocks.date', 'blocks.timeOfDay'])
    .where('assignments.personId', 'in', [swap.sourceFacultyId, swap.targetFacultyId])
    .where((eb) => eb.or(weeks.map((w) => eb.and([eb('blocks.date', '>=', w), eb('blocks.date', '<=', addDays(w, 6))]))))
    .orderBy('assignments.id')
    .execute()
}

/** A test of whether a date lies in the week starting on Monday `week` (never, for null); its end computed once. */
export function inWeek(week: string | null): (date: string) => boolean {
  if (week === null) return () => false
  const end = addDays(week, 6)
  return (date) => date >= week && date <= end
}

/** Moves assignments to `personId` (one UPDATE), stamping `updatedAt`. */
export async function moveAssignments(trx: Executor, ids: readonly string[], personId: string, now: Date): Promise<void> {
  if (ids.length === 0) return
  await trx.updateTable('assignments').set({ personId, updatedAt: now }).where('id', 'in', ids).execute()
}
