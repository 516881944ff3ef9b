import { z } from 'zod'
import { type ParamsInput, parseParams } from '../repositories/parse-params.js'
import { fromNotAfterTo, idParam, isoDate } from '../repositories/param-schemas.js'
import { rowPart } from '../repositories/row-parts.js'
import type { Assignment, Block, Executor, RotationTemplate } from '../repositories/row-types.js'
import type { ScheduleItem } from '../repositories/schedule.js'
import { untyped } from './audited-tables.js'
import { auditMomentParam, transactionAt, validAt } from './transaction-at.js'
import { readerFor } from '../read-routing.js'

/** The parameter schema of the function below; its parameter type is this schema's input. */
export const scheduleAsOfParams = z
  .strictObject({
    /** Only this person's assignments (default: everyone's). */
    personId: idParam.optional(),
    /** First date, inclusive ('YYYY-MM-DD'). */
    from: isoDate,
    /** Last date, inclusive; before `from` is a ValidationError. */
    to: isoDate,
    /** A transaction id or a time (see `AuditMoment`). */
    at: auditMomentParam,
  })
  .refine(...fromNotAfterTo)

export type ScheduleAsOfParams = ParamsInput<typeof scheduleAsOfParams>

// the same row parts getPersonSchedule builds its items with; the assignment from its version
const assignmentPart = rowPart<Assignment>('assignments', 'a', 'v')
const blockPart = rowPart<Block>('blocks', 'b')
const templatePart = rowPart<RotationTemplate>('rotationTemplates', 'rt')

/**
 * The assignments whose block date lies in [from, to] as they stood at a moment
 * of the history, each with its block and rotation template, ordered like
 * `getPersonSchedule` (date, AM before PM, assignment id): for one person it
 * returns what `getPersonSchedule` returned at that moment.
 *
 * Blocks and rotation templates have no history: they are read as they are
 * now, and an assignment whose block has been deleted since is left out.
 * Reads the assignments' whole history (the version table has no index on
 * person or block): a query for audits, not for every page view.
 *
 * @example
 * const lastMonday = await getScheduleAsOf(db, { personId, from: '2025-09-01', to: '2025-09-07', at: new Date('2025-09-01T07:00:00Z') })
 */
export async function getScheduleAsOf(db: Executor, params: ScheduleAsOfParams): Promise<ScheduleItem[]> {
  const { personId, from, to, at } = parseParams('getScheduleAsOf', scheduleAsOfParams, params)
  db = readerFor(db)
  const tx = await transactionAt(db, at)
  if (tx === null) return []
  let query = untyped(db)
    .selectFrom('assignmentsVersion as v')
    .innerJoin('blocks', 'blocks.id', 'v.blockId')
    .leftJoin('rotationTemplates', 'rotationTemplates.id', 'v.rotationTemplateId')
    .select([...assignmentPart.columns, ...blockPart.columns, ...templatePart.columns])
    .where(validAt(tx))
    .where('v.operationType', '<>', 2)
    .where('blocks.date', '>=', from)
    .where('blocks.date', '<=', to)
  if (personId !== undefined) query = query.where('v.personId', '=', personId)
  const rows = await query.orderBy('blocks.date').orderBy('blocks.timeOfDay').orderBy('v.id').execute()
  return rows.map((row: Record<string, unknown>) => ({
    assignment: assignmentPart.read(row)!,
    block: blockPart.read(row)!,
    rotationTemplate: templatePart.read(row),
  }))
}
