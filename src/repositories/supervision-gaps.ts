import { lazySchemas, parseParams } from './parse-params.js'
import { rowPart } from './row-parts.js'
import type { Block, Executor, RotationTemplate } from './row-types.js'

const schemas = lazySchemas(() => import('./supervision-gaps-params.js'))

export interface SupervisionGap {
  block: Block
  rotationTemplate: RotationTemplate
  /** The residents assigned to the rotation on that half-day, by id. */
  residentIds: string[]
}

const blockPart = rowPart<Block>('blocks', 'b')
const templatePart = rowPart<RotationTemplate>('rotationTemplates', 'rt')

/**
 * Half-days of [from, to] where residents are assigned to a rotation that
 * needs supervision (`supervisionRequired` true or unset) and no faculty
 * member is assigned to the same rotation on the same block. Ordered by date,
 * AM before PM, rotation name, rotation id. One query (blocks by date, their
 * assignments by idx_assignment_block_id, the faculty check by the same index).
 */
export async function getSupervisionGaps(db: Executor, input: { from: string; to: string }): Promise<SupervisionGap[]> {
  const p = parseParams('getSupervisionGaps', (await schemas()).params, input)
  const rows = (await db
    .selectFrom('blocks')
    .innerJoin('assignments as a', 'a.blockId', 'blocks.id')
    .innerJoin('people as p', 'p.id', 'a.personId')
    .innerJoin('rotationTemplates', 'rotationTemplates.id', 'a.rotationTemplateId')
    .select([...blockPart.columns, ...templatePart.columns, 'a.personId as residentId'] as never[])
    .where('blocks.date', '>=', p.from)
    .where('blocks.date', '<=', p.to)
    .where('p.type', '=', 'resident')
    .where((eb) => eb.or([eb('rotationTemplates.supervisionRequired', 'is', null), eb('rotationTemplates.supervisionRequired', '=', true)]))
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('assignments as f')
            .innerJoin('people as fp', 'fp.id', 'f.personId')
            .select('f.id')
            .whereRef('f.blockId', '=', 'a.blockId')
            .whereRef('f.rotationTemplateId', '=', 'a.rotationTemplateId')
            .where('fp.type', '=', 'faculty'),
        ),
      ),
    )
    .orderBy('blocks.date')
    .orderBy('blocks.timeOfDay')
    .orderBy('rotationTemplates.name')
    .orderBy('rotationTemplates.id')
    .orderBy('a.personId')
    .execute()) as Record<string, unknown>[]
  const out: SupervisionGap[] = []
  for (const row of rows) {
    const last = out.at(-1)
    if (last !== undefined && last.block.id === row.bId && last.rotationTemplate.id === row.rtId) last.residentIds.push(row.residentId as string)
    else out.push({ block: blockPart.read(row)!, rotationTemplate: templatePart.read(row)!, residentIds: [row.residentId as string] })
  }
  return out
}
