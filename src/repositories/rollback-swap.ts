import { untyped } from '../audit/audited-tables.js'
import { SwapRollbackError } from '../errors.js'
import { inTransaction } from './in-transaction.js'
import { lockSwap } from './lock-swap.js'
import { lazySchemas, parseParams, type ParamsInput } from './parse-params.js'
import type { Executor, SwapRecord } from './row-types.js'
import { lockSwapFaculty, moveAssignments } from './swap-assignments.js'
import type * as Params from './rollback-swap-params.js'

const schemas = lazySchemas(() => import('./rollback-swap-params.js'))

/** How long after its execution a swap may be rolled back. */
export const SWAP_ROLLBACK_WINDOW_MS = 24 * 60 * 60 * 1000

export type RollbackSwapParams = ParamsInput<typeof Params.rollbackParams>

export interface SwapRollback {
  swap: SwapRecord
  /** Ids of the assignments given back to the faculty member who had them before the execution. */
  restored: string[]
}

/** A moved assignment, from the execution's audit history. */
interface Moved {
  id: string
  before: string
  endTransactionId: number | null
}

/**
 * Rolls back an executed swap within 24 hours of its execution, in one
 * transaction: exactly the assignments the execution moved (read from the
 * audit history of the executing transaction, not what the faculty members
 * hold that week now) go back to who had them, and the swap becomes
 * `rolled_back` with `rolledBackAt` / `rolledBackById` / `rollbackReason`.
 *
 * A swap that is not executed is a SwapTransitionError; more than 24 hours
 * after the execution, or when a moved assignment was changed or deleted since,
 * a SwapRollbackError (reason `expired` / `changed`, naming the assignments).
 * Nothing changes then.
 *
 * @example
 * await rollbackSwap(db, { swapId: swap.id, reason: 'Dr. Gus is deployed that week' })
 */
export async function rollbackSwap(db: Executor, params: RollbackSwapParams): Promise<SwapRollback> {
  const { swapId, reason, rolledBackById } = parseParams('rollbackSwap', (await schemas()).rollbackParams, params)
  return inTransaction(db, async (trx) => {
    const swap = await lockSwap(trx, swapId, 'rollback')
    const now = new Date()
    const executedAt = swap.executedAt
    if (executedAt === null || now.getTime() - executedAt.getTime() > SWAP_ROLLBACK_WINDOW_MS) {
      const when = executedAt === null ? 'at an unknown time' : `at ${executedAt.toISOString()}`
      throw new SwapRollbackError(swapId, 'expired', `executed ${when}, more than 24 hours ago: a rollback is no longer allowed; swap the weeks back with a new swap`)
    }
    await lockSwapFaculty(trx, swap)
    const moved = await movedBy(trx, swap)
    const changed = moved.filter((m) => m.endTransactionId !== null).map((m) => m.id)
    if (changed.length > 0) {
      throw new SwapRollbackError(
        swapId,
        'changed',
        `assignments ${changed.join(', ')} changed since the execution: a rollback would undo those changes; restore them by hand`,
        changed,
      )
    }
    for (const personId of [swap.sourceFacultyId, swap.targetFacultyId]) {
      await moveAssignments(trx, moved.filter((m) => m.before === personId).map((m) => m.id), personId, now)
    }
    const rolledBack = await trx
      .updateTable('swapRecords')
      .set({ status: 'rolled_back', rolledBackAt: now, rolledBackById: rolledBackById ?? null, rollbackReason: reason })
      .where('id', '=', swapId)
      .returningAll()
      .executeTakeFirstOrThrow()
    return { swap: rolledBack, restored: moved.map((m) => m.id) }
  })
}

/**
 * The assignments the swap's execution moved between its two faculty members:
 * the versions its transaction (the one that stamped the swap `executed`)
 * wrote, with the person each had before. Two queries on the version tables'
 * keys.
 */
async function movedBy(trx: Executor, swap: SwapRecord): Promise<Moved[]> {
  const u = untyped(trx)
  const execution = await u
    .selectFrom('swapRecordsVersion')
    .select((eb) => eb.fn.max('transactionId').as('tx'))
    .where('id', '=', swap.id)
    .where('status', '=', 'executed')
    // the transaction that made it executed, not a later edit of the executed swap
    .where('statusMod', '=', true)
    .executeTakeFirst()
  if (execution?.tx === null || execution?.tx === undefined) {
    throw new SwapRollbackError(swap.id, 'changed', 'its execution is not in the audit history: restore the assignments by hand')
  }
  const tx = Number(execution.tx)
  const people = [swap.sourceFacultyId, swap.targetFacultyId]
  const rows: { id: string; before: string; after: string; endTransactionId: number | string | null }[] = await u
    .selectFrom('assignmentsVersion as v')
    .innerJoin('assignmentsVersion as p', (join) => join.onRef('p.id', '=', 'v.id').onRef('p.endTransactionId', '=', 'v.transactionId'))
    .select(['v.id', 'p.personId as before', 'v.personId as after', 'v.endTransactionId'])
    .where('v.transactionId', '=', tx)
    .where('v.operationType', '=', 1)
    .where('p.personId', 'in', people)
    .where('v.personId', 'in', people)
    .orderBy('v.id')
    .execute()
  return rows
    .filter((r) => r.before !== r.after)
    .map((r) => ({ id: r.id, before: r.before, endTransactionId: r.endTransactionId === null ? null : Number(r.endTransactionId) }))
}
