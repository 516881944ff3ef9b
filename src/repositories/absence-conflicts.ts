import { blocksAssignment } from './absences.js'
import { lazySchemas, parseParams, type ParamsInput } from './parse-params.js'
import { rowPart } from './row-parts.js'
import type { Absence, Assignment, Block, Executor } from './row-types.js'
import type * as Params from './absence-conflicts-params.js'

const schemas = lazySchemas(() => import('./absence-conflicts-params.js'))

export type AbsenceConflictsParams = ParamsInput<typeof Params.absenceConflictsParams>

export interface AbsenceConflict {
  assignment: Assignment
  block: Block
  /** The blocking absence of the same person that covers the block's date. */
  absence: Absence
}

const assignmentPart = rowPart<Assignment>('assignments', 'a')
const blockPart = rowPart<Block>('blocks', 'b')
const absencePart = rowPart<Absence>('absences', 'ab')

/**
 * Assignments whose block date in [from, to] falls inside a blocking absence
 * (see `isBlockingAbsence`) of the same person: one item per assignment and
 * absence, ordered by date, AM before PM, assignment id, absence id. One
 * query (blocks by idx_block_date, assignments by idx_assignment_block_id,
 * absences by idx_absence_person_id); whether an absence without `isBlocking`
 * blocks is decided on the rows it returns.
 */
export async function getAbsenceConflicts(db: Executor, input: AbsenceConflictsParams): Promise<AbsenceConflict[]> {
  const p = parseParams('getAbsenceConflicts', (await schemas()).absenceConflictsParams, input)
  let query = db
    .selectFrom('blocks')
    .innerJoin('assignments', 'assignments.blockId', 'blocks.id')
    .innerJoin('absences', (join) =>
      join
        .onRef('absences.personId', '=', 'assignments.personId')
        .onRef('absences.startDate', '<=', 'blocks.date')
        .onRef('absences.endDate', '>=', 'blocks.date'),
    )
    .select([...assignmentPart.columns, ...blockPart.columns, ...absencePart.columns] as never[])
    .where('blocks.date', '>=', p.from)
    .where('blocks.date', '<=', p.to)
    .where((eb) => eb.or([eb('absences.isBlocking', 'is', null), eb('absences.isBlocking', '=', true)]))
  if (p.personId !== undefined) query = query.where('assignments.personId', '=', p.personId)
  const rows = (await query.orderBy('blocks.date').orderBy('blocks.timeOfDay').orderBy('assignments.id').orderBy('absences.id').execute()) as Record<
    string,
    unknown
  >[]
  const out: AbsenceConflict[] = []
  for (const row of rows) {
    const absence = absencePart.read(row)!
    if (blocksAssignment(absence)) out.push({ assignment: assignmentPart.read(row)!, block: blockPart.read(row)!, absence })
  }
  return out
}
