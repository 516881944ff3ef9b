import { z } from 'zod'
import { compareCodes, compareNames } from './compare.js'
import { isoDate, parseParams, rowId } from './parse-params.js'
import type { Assignment, Block, Executor, Person, RotationTemplate, TimeOfDay } from './row-types.js'
import { rowsById } from './rows-by-id.js'

const personScheduleParams = z
  .strictObject({ personId: rowId, from: isoDate, to: isoDate })
  .refine((p) => p.from <= p.to, { path: ['to'], message: 'to must be on or after from' })

export interface PersonScheduleParams {
  personId: string
  /** First date, inclusive ('YYYY-MM-DD'). */
  from: string
  /** Last date, inclusive; before `from` is a ValidationError. */
  to: string
}

export interface ScheduleItem {
  assignment: Assignment
  block: Block
  rotationTemplate: RotationTemplate | null
}

/**
 * A person's assignments whose block date lies in [from, to], each with its
 * block and rotation template (null when it has none), ordered by date, AM
 * before PM, then assignment id.
 *
 * Related rows are read by id after the assignments (three queries in all); run
 * it in a transaction when concurrent deletes must not drop an item between them.
 */
export async function getPersonSchedule(db: Executor, params: PersonScheduleParams): Promise<ScheduleItem[]> {
  const { personId, from, to } = parseParams('getPersonSchedule', personScheduleParams, params)
  const assignments = await db
    .selectFrom('assignments')
    .innerJoin('blocks', 'blocks.id', 'assignments.blockId')
    .selectAll('assignments')
    .where('assignments.personId', '=', personId)
    .where('blocks.date', '>=', from)
    .where('blocks.date', '<=', to)
    // 'AM' < 'PM' in every collation
    .orderBy('blocks.date')
    .orderBy('blocks.timeOfDay')
    .orderBy('assignments.id')
    .execute()
  const blocks = await rowsById(assignments.map((a) => a.blockId), (ids) =>
    db.selectFrom('blocks').selectAll().where('id', 'in', ids).execute(),
  )
  const templates = await rowsById(assignments.map((a) => a.rotationTemplateId), (ids) =>
    db.selectFrom('rotationTemplates').selectAll().where('id', 'in', ids).execute(),
  )
  return assignments.flatMap((assignment) => {
    const block = blocks.get(assignment.blockId)
    // a block deleted between the queries took its assignments with it (ON DELETE CASCADE)
    if (!block) return []
    const rotationTemplate = assignment.rotationTemplateId ? (templates.get(assignment.rotationTemplateId) ?? null) : null
    return [{ assignment, block, rotationTemplate }]
  })
}

const halfDayParams = z.strictObject({ date: isoDate, timeOfDay: z.enum(['AM', 'PM']) })

export interface HalfDayParams {
  date: string
  timeOfDay: TimeOfDay
}

export interface HalfDayAssignment {
  assignment: Assignment
  person: Person
  rotationTemplate: RotationTemplate | null
}

export interface HalfDay {
  block: Block
  assignments: HalfDayAssignment[]
}

/**
 * One half-day: its block and every assignment in it with its person and
 * rotation template, ordered by person name (see `compareNames`), then
 * assignment id. Null when no block exists for that date and half-day; a block
 * with nobody assigned has an empty `assignments`.
 */
export async function getHalfDay(db: Executor, params: HalfDayParams): Promise<HalfDay | null> {
  const { date, timeOfDay } = parseParams('getHalfDay', halfDayParams, params)
  const block = await db
    .selectFrom('blocks')
    .selectAll()
    .where('date', '=', date)
    .where('timeOfDay', '=', timeOfDay)
    .executeTakeFirst()
  if (!block) return null
  const assignments = await db.selectFrom('assignments').selectAll().where('blockId', '=', block.id).execute()
  const people = await rowsById(assignments.map((a) => a.personId), (ids) =>
    db.selectFrom('people').selectAll().where('id', 'in', ids).execute(),
  )
  const templates = await rowsById(assignments.map((a) => a.rotationTemplateId), (ids) =>
    db.selectFrom('rotationTemplates').selectAll().where('id', 'in', ids).execute(),
  )
  const items = assignments.flatMap((assignment) => {
    const person = people.get(assignment.personId)
    // a person deleted between the queries took their assignments with them (ON DELETE CASCADE)
    if (!person) return []
    const rotationTemplate = assignment.rotationTemplateId ? (templates.get(assignment.rotationTemplateId) ?? null) : null
    return [{ assignment, person, rotationTemplate }]
  })
  items.sort(
    (a, b) => compareNames(a.person.name, b.person.name) || compareCodes(a.assignment.id, b.assignment.id),
  )
  return { block, assignments: items }
}
