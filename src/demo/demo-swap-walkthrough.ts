import type { Kysely } from 'kysely'
import { withAuditContext } from '../audit/with-audit-context.js'
import { executeSwap } from '../repositories/execute-swap.js'
import { requestSwap } from '../repositories/request-swap.js'
import { respondToSwap } from '../repositories/respond-to-swap.js'
import { rollbackSwap } from '../repositories/rollback-swap.js'
import type { Database } from '../schema/generated/database.js'
import { DEMO_WEEKS, demoId } from './demo-program.js'

const SOURCE = 'Dr. Michael Chen'
const TARGET = 'Dr. Elena Vargas'
const WEEK = DEMO_WEEKS[2]!

/**
 * The swap workflow, once per database: Dr. Chen asks Dr. Vargas to absorb
 * his clinic afternoons of one week; she approves, the swap is executed and
 * then rolled back. Returns lines of text; on a database where it already ran
 * it only reports the swap's status.
 */
export async function demoSwapWalkthrough(db: Kysely<Database>): Promise<string[]> {
  const id = demoId('swap_records', 'walkthrough')
  const title = `Swap walkthrough: ${SOURCE} -> ${TARGET}, absorb of the week of ${WEEK}`
  const existing = await db.selectFrom('swapRecords').select('status').where('id', '=', id).executeTakeFirst()
  if (existing !== undefined) return ['', title, `already walked through: the swap is ${existing.status}`]
  const source = demoId('people', SOURCE)
  const target = demoId('people', TARGET)
  const lines = ['', title]
  await requestSwap(db, { id, sourceFacultyId: source, targetFacultyId: target, sourceWeek: WEEK, swapType: 'absorb', reason: 'Conference travel' })
  lines.push('requested: pending, waiting for the target to answer')
  const { swap } = await respondToSwap(db, { swapId: id, facultyId: target, approved: true, notes: 'Happy to cover' })
  lines.push(`${TARGET} approved: the swap is ${swap.status}`)
  const executed = await withAuditContext(db, { userId: 'residency-db demo' }, (trx) => executeSwap(trx, { swapId: id }))
  lines.push(`executed: ${executed.movedToTarget.length} half-days moved to ${TARGET}`)
  const rolledBack = await rollbackSwap(db, { swapId: id, reason: 'Conference cancelled; Dr. Chen works his week' })
  lines.push(`rolled back: ${rolledBack.restored.length} half-days given back to ${SOURCE}; the swap is ${rolledBack.swap.status}`)
  return lines
}
