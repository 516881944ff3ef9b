import { takesRowLocks } from '../dialect/row-locks.js'
import { addDays } from './iso-dates.js'
import { placeholder, PreparedQuery, PreparedVariants } from './prepared-query.js'
import type { Executor, SwapRecord } from './row-types.js'

/** An assignment of one of a swap's two faculty members, with its block's half-day. */
export interface SwapAssignment {
  id: string
  personId: string
  blockId: string
  date: string
  timeOfDay: string
}

const faculty = new PreparedQuery([placeholder.uuid(0), placeholder.uuid(1)] as const, (db, ids) =>
  db.selectFrom('people').select('id').where('id', 'in', ids).orderBy('id').forNoKeyUpdate(),
)

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
  await faculty.execute(trx, [swap.sourceFacultyId, swap.targetFacultyId])
}

// by the number of weeks (1: absorb, 2: one_to_one); arguments: source, target, then each week's Monday and Sunday
const weekAssignments = new PreparedVariants<SwapAssignment>((key) => {
  const weeks = Number(key)
  const placeholders = [placeholder.uuid(0), placeholder.uuid(1), ...Array.from({ length: 2 * weeks }, (_, i) => placeholder.date(i))]
  return new PreparedQuery<readonly unknown[], SwapAssignment>(placeholders, (db, [source, target, ...days]) =>
    db
      .selectFrom('assignments')
      .innerJoin('blocks', 'blocks.id', 'assignments.blockId')
      .select(['assignments.id', 'assignments.personId', 'assignments.blockId', 'blocks.date', 'blocks.timeOfDay'])
      .where('assignments.personId', 'in', [source as string, target as string])
      .where((eb) =>
        eb.or(Array.from({ length: weeks }, (_, w) => eb.and([eb('blocks.date', '>=', days[2 * w] as string), eb('blocks.date', '<=', days[2 * w + 1] as string)]))),
      )
      .orderBy('assignments.id'),
  )
})

/** Both faculty members' assignments in the swap's source week and (when set) target week, Monday to Sunday. One query. */
export async function swapWeekAssignments(trx: Executor, swap: SwapRecord): Promise<SwapAssignment[]> {
  const weeks = [swap.sourceWeek, ...(swap.targetWeek === null ? [] : [swap.targetWeek])]
  const days = weeks.flatMap((w) => [w, addDays(w, 6)])
  return weekAssignments.get(String(weeks.length)).execute(trx, [swap.sourceFacultyId, swap.targetFacultyId, ...days])
}

/** A test of whether a date lies in the week starting on Monday `week` (never, for null); its end computed once. */
export function inWeek(week: string | null): (date: string) => boolean {
  if (week === null) return () => false
  const end = addDays(week, 6)
  return (date) => date >= week && date <= end
}

// by the length of the id list, a power of two (the ids padded with the last one):
// a few SQL texts for any number of assignments
const move = new PreparedVariants((key) => {
  const count = Number(key)
  const placeholders = [placeholder.uuid(0), placeholder.timestamp(0), ...Array.from({ length: count }, (_, i) => placeholder.uuid(i + 1))]
  return new PreparedQuery<readonly unknown[], unknown>(placeholders, (db, [personId, now, ...ids]) =>
    db
      .updateTable('assignments')
      .set({ personId: personId as string, updatedAt: now as string })
      .where('id', 'in', ids as string[]),
  )
})

/** Moves assignments to `personId` (one UPDATE), stamping `updatedAt`. */
export async function moveAssignments(trx: Executor, ids: readonly string[], personId: string, now: Date): Promise<void> {
  if (ids.length === 0) return
  const count = 2 ** Math.ceil(Math.log2(ids.length))
  const padded = ids.concat(Array.from({ length: count - ids.length }, () => ids.at(-1)!))
  await move.get(String(count)).execute(trx, [personId, now.toISOString(), ...padded])
}
