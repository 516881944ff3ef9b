
import { compareCodes, compareNames } from './compare.js'
import { lazySchemas, parseParams, type ParamsInput } from './parse-params.js'
import { placeholder, PreparedQuery } from './prepared-query.js'
import { rowPart, selection } from './row-parts.js'
import type { Assignment, Block, Executor, Person, RotationTemplate, TimeOfDay } from './row-types.js'
import { readerFor } from '../read-routing.js'
import type * as Params from './schedule-params.js'

const schemas = lazySchemas(() => import('./schedule-params.js'))

export type PersonScheduleParams = ParamsInput<typeof Params.personScheduleParams>

export interface ScheduleItem {
  assignment: Assignment
  block: Block
  rotationTemplate: RotationTemplate | null
}

const assignmentPart = rowPart<Assignment>('assignments', 'a')
const blockPart = rowPart<Block>('blocks', 'b')
const templatePart = rowPart<RotationTemplate>('rotationTemplates', 'rt')
const personPart = rowPart<Person>('people', 'p')
// a block's id and its assignments' block_id are one cell (the queries join on them)
const scheduleColumns = selection(
  { assignment: assignmentPart, block: blockPart, rotationTemplate: templatePart },
  { same: { 'block.id': 'assignment.blockId' } },
)
const halfDayColumns = selection(
  { block: blockPart, assignment: assignmentPart, person: personPart, rotationTemplate: templatePart },
  { same: { 'assignment.blockId': 'block.id' } },
)

// Drives from the blocks of the range (idx_block_date) and probes each block's
// assignment of the person through unique_person_per_block (block_id, person_id):
// about 60 probes for a month, where starting from the person's assignments
// would read every one of them (6,570 in ten years). SQLite's planner, without
// statistics, prefers the person's index; CROSS JOIN is its documented way to
// fix the join order (blocks outside) and means an inner join everywhere else,
// where PostgreSQL's planner chooses the order itself.
const personSchedule = new PreparedQuery(
  [placeholder.uuid(0), placeholder.date(0), placeholder.date(1)] as const,
  (db, [personId, from, to]) =>
    db
      .selectFrom('blocks')
      .crossJoin('assignments')
      .leftJoin('rotationTemplates', 'rotationTemplates.id', 'assignments.rotationTemplateId')
      .select(scheduleColumns.columns as never[])
      .whereRef('assignments.blockId', '=', 'blocks.id')
      .where('assignments.personId', '=', personId)
      .where('blocks.date', '>=', from)
      .where('blocks.date', '<=', to)
      // 'AM' < 'PM' in every collation
      .orderBy('blocks.date')
      .orderBy('blocks.timeOfDay')
      .orderBy('assignments.id'),
)

/**
 * A person's assignments whose block date lies in [from, to], each with its
 * block and rotation template (null when it has none), ordered by date, AM
 * before PM, then assignment id. One query.
 *
 * @example
 * const week = await getPersonSchedule(db, { personId, from: '2025-09-01', to: '2025-09-07' })
 * week[0] // { assignment: { id, role: 'primary', … }, block: { date: '2025-09-01', timeOfDay: 'AM', … }, rotationTemplate: { name: 'Clinic', … } }
 */
export async function getPersonSchedule(db: Executor, params: PersonScheduleParams): Promise<ScheduleItem[]> {
  const { personId, from, to } = parseParams('getPersonSchedule', (await schemas()).personScheduleParams, params)
  db = readerFor(db)
  const result = await personSchedule.executeCells(db, [personId, from, to])
  const { rows } = result
  const read = scheduleColumns.readersFor(result)
  const items = new Array<ScheduleItem>(rows.length)
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i]
    items[i] = { assignment: read.assignment(row)!, block: read.block(row)!, rotationTemplate: read.rotationTemplate(row) }
  }
  return items
}

export type HalfDayParams = ParamsInput<typeof Params.halfDayParams>

export interface HalfDayAssignment {
  assignment: Assignment
  person: Person
  rotationTemplate: RotationTemplate | null
}

/** A half-day block and everyone assigned to it. */
export interface HalfDay {
  block: Block
  /** By person name (see `compareNames`), then assignment id; empty when nobody is assigned. */
  assignments: HalfDayAssignment[]
}

// The block by unique_block_per_half_day, its assignments by idx_assignment_block_id,
// people and templates by primary key. The SQL order by name is the database's
// collation; it leaves the rows nearly in the final order, which the stable sort
// below then settles in a handful of comparisons.
const halfDay = new PreparedQuery([placeholder.date(0), placeholder.text(0)] as const, (db, [date, timeOfDay]) =>
  db
    .selectFrom('blocks')
    .leftJoin('assignments', 'assignments.blockId', 'blocks.id')
    .leftJoin('people', 'people.id', 'assignments.personId')
    .leftJoin('rotationTemplates', 'rotationTemplates.id', 'assignments.rotationTemplateId')
    .select(halfDayColumns.columns as never[])
    .where('blocks.date', '=', date)
    .where('blocks.timeOfDay', '=', timeOfDay as TimeOfDay)
    .orderBy('people.name')
    .orderBy('assignments.id'),
)

/**
 * One half-day: its block and every assignment in it with its person and
 * rotation template, ordered by person name (see `compareNames`), then
 * assignment id. Null when no block exists for that date and half-day; a block
 * with nobody assigned has an empty `assignments`. One query.
 */
export async function getHalfDay(db: Executor, params: HalfDayParams): Promise<HalfDay | null> {
  const { date, timeOfDay } = parseParams('getHalfDay', (await schemas()).halfDayParams, params)
  db = readerFor(db)
  const result = await halfDay.executeCells(db, [date, timeOfDay])
  const { rows } = result
  if (rows.length === 0) return null
  const read = halfDayColumns.readersFor(result)
  const block = read.block(rows[0])!
  const assignments: HalfDayAssignment[] = []
  for (const row of rows) {
    const assignment = read.assignment(row)
    // the one row of a block with no assignments
    if (assignment === null) continue
    assignments.push({ assignment, person: read.person(row)!, rotationTemplate: read.rotationTemplate(row) })
  }
  assignments.sort((a, b) => compareNames(a.person.name, b.person.name) || compareCodes(a.assignment.id, b.assignment.id))
  return { block, assignments }
}
