
import { lazySchemas, parseParams, type ParamsInput } from './parse-params.js'
import { rowPart } from './row-parts.js'
import type { BlockAssignment, Executor, Person, RotationTemplate } from './row-types.js'
import { readerFor } from '../read-routing.js'
import type * as Params from './block-assignments-params.js'

const schemas = lazySchemas(() => import('./block-assignments-params.js'))

const blockAssignmentPart = rowPart<BlockAssignment>('blockAssignments', 'ba')
const residentPart = rowPart<Person>('people', 'p')
const templatePart = rowPart<RotationTemplate>('rotationTemplates', 'rt')

export type BlockAssignmentsParams = ParamsInput<typeof Params.blockAssignmentsParams>

export interface BlockAssignmentItem {
  blockAssignment: BlockAssignment
  resident: Person
  rotationTemplate: RotationTemplate | null
}

/**
 * The block-level rotation plan of an academic year: each resident's rotation
 * per block, with the resident and the rotation template (null when none),
 * optionally of one block, resident or rotation. Ordered by academic year,
 * block number, then id. One query.
 */
export async function getBlockAssignments(db: Executor, params: BlockAssignmentsParams): Promise<BlockAssignmentItem[]> {
  const p = parseParams('getBlockAssignments', (await schemas()).blockAssignmentsParams, params)
  db = readerFor(db)
  let query = db
    .selectFrom('blockAssignments')
    .innerJoin('people', 'people.id', 'blockAssignments.residentId')
    .leftJoin('rotationTemplates', 'rotationTemplates.id', 'blockAssignments.rotationTemplateId')
    .select([...blockAssignmentPart.columns, ...residentPart.columns, ...templatePart.columns] as never[])
    .where('blockAssignments.academicYear', '=', p.academicYear)
  if (p.blockNumber !== undefined) query = query.where('blockAssignments.blockNumber', '=', p.blockNumber)
  if (p.residentId !== undefined) query = query.where('blockAssignments.residentId', '=', p.residentId)
  if (p.rotationTemplateId !== undefined) query = query.where('blockAssignments.rotationTemplateId', '=', p.rotationTemplateId)
  const rows = (await query
    .orderBy('blockAssignments.academicYear')
    .orderBy('blockAssignments.blockNumber')
    .orderBy('blockAssignments.id')
    .execute()) as Record<string, unknown>[]
  return rows.map((row) => ({
    blockAssignment: blockAssignmentPart.read(row)!,
    resident: residentPart.read(row)!,
    rotationTemplate: templatePart.read(row),
  }))
}
