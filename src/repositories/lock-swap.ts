import { NotFoundError, type SwapTransition, SwapTransitionError } from '../errors.js'
import { beginWriting, takesRowLocks } from '../dialect/row-locks.js'
import { placeholder, PreparedQuery } from './prepared-query.js'
import type { Executor, SwapRecord, SwapStatus } from './row-types.js'

/** The status each move starts from (QUERIES.md, swap lifecycle). */
const FROM: Record<SwapTransition, SwapStatus> = {
  respond: 'pending',
  cancel: 'pending',
  execute: 'approved',
  rollback: 'executed',
}

// FOR UPDATE where reads lock rows (PostgreSQL); SQLite's transaction holds the write lock instead
const lockedSwap = new PreparedQuery([placeholder.uuid(0)] as const, (db, [swapId]) => {
  const query = db.selectFrom('swapRecords').selectAll().where('id', '=', swapId)
  return takesRowLocks(db) ? query.forUpdate() : query
})

/**
 * Reads a swap for a move inside the open transaction `trx`, locked against
 * every other move of it until `trx` ends (a row lock on PostgreSQL, the write
 * lock on SQLite): a second caller waits here and then reads the status the
 * first one left. A missing swap is a NotFoundError, a status the move does
 * not start from a SwapTransitionError.
 */
export async function lockSwap(trx: Executor, swapId: string, transition: SwapTransition): Promise<SwapRecord> {
  await beginWriting(trx, 'swap_records')
  const [swap] = await lockedSwap.execute(trx, [swapId])
  if (swap === undefined) throw new NotFoundError(`swap_records: no swap ${swapId}`, 'swap_records', swapId)
  if (swap.status !== FROM[transition]) throw new SwapTransitionError(swapId, swap.status, transition)
  return swap
}
