import { blocksAssignment } from './absences.js'
import { lazySchemas, parseParams, type ParamsInput } from './parse-params.js'
import type { Executor } from './row-types.js'
import type * as Params from './is-person-free-params.js'

const schemas = lazySchemas(() => import('./is-person-free-params.js'))

export type PersonFreeParams = ParamsInput<typeof Params.personFreeParams>

/** Why the person is not free on one block. */
export interface BusyBlock {
  blockId: string
  /** The person's assignment on it, or null. */
  assignmentId: string | null
  /** A blocking absence of the person covering its date, or null. */
  absenceId: string | null
}

export interface PersonFree {
  /** True when the person has neither an assignment nor a blocking absence on any of the blocks. */
  free: boolean
  /** The blocks where they are busy, in the order asked. */
  busy: BusyBlock[]
}

/**
 * Whether a person is free on a list of half-day blocks (pattern 2 of the
 * original's queries): busy on a block where they have an assignment, or
 * whose date a blocking absence of theirs covers (see `isBlockingAbsence`).
 * One query (blocks by key, the assignment by idx_assignment_person_block,
 * absences by idx_absence_person_id). A block id that does not exist is free.
 */
export async function isPersonFree(db: Executor, input: PersonFreeParams): Promise<PersonFree> {
  const { personId, blockIds } = parseParams('isPersonFree', (await schemas()).personFreeParams, input)
  const rows = await db
    .selectFrom('blocks')
    .leftJoin('assignments', (join) => join.onRef('assignments.blockId', '=', 'blocks.id').on('assignments.personId', '=', personId))
    .leftJoin('absences', (join) =>
      join
        .on('absences.personId', '=', personId)
        .onRef('absences.startDate', '<=', 'blocks.date')
        .onRef('absences.endDate', '>=', 'blocks.date'),
    )
    .select([
      'blocks.id as blockId',
      'assignments.id as assignmentId',
      'absences.id as absenceId',
      'absences.absenceType',
      'absences.isBlocking',
      'absences.startDate',
      'absences.endDate',
    ])
    .where('blocks.id', 'in', blockIds)
    .orderBy('blocks.id')
    .orderBy('absences.id')
    .execute()
  const busy = new Map<string, BusyBlock>()
  for (const r of rows) {
    const blocking =
      r.absenceId !== null && blocksAssignment({ absenceType: r.absenceType!, isBlocking: r.isBlocking, startDate: r.startDate!, endDate: r.endDate! })
    if (r.assignmentId === null && !blocking) continue
    const entry = busy.get(r.blockId) ?? { blockId: r.blockId, assignmentId: r.assignmentId, absenceId: null }
    if (blocking && entry.absenceId === null) entry.absenceId = r.absenceId
    busy.set(r.blockId, entry)
  }
  const ordered = [...new Set(blockIds)].flatMap((id) => busy.get(id) ?? [])
  return { free: ordered.length === 0, busy: ordered }
}
