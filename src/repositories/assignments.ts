import type { ExpressionBuilder } from 'kysely'
import { ConflictError, NotFoundError } from '../errors.js'
import type { NewAssignment } from '../schema/generated/zod/index.js'
import type { Database } from '../schema/generated/database.js'
import { insertInBatches } from './bulk-insert.js'
import { lazySchemas, parseParams, type ParamsInput } from './parse-params.js'
import type { Assignment, Executor } from './row-types.js'
import { nextUpdatedAt, toDate } from './write-input.js'
import type * as Params from './assignments-params.js'

const schemas = lazySchemas(() => import('./assignments-params.js'))

/**
 * Assigns a person to a half-day block. The id is a UUIDv7 unless given. A
 * person already assigned to that block is a UniqueViolationError (the
 * database's unique_person_per_block decides, so two concurrent writers cannot
 * both get in) and leaves the existing assignment as it was.
 *
 * @returns the stored row
 */
export async function createAssignment(db: Executor, params: NewAssignment): Promise<Assignment> {
  const row = parseParams('createAssignment', (await schemas()).newAssignment, params)
  return db.insertInto('assignments').values(row).returningAll().executeTakeFirstOrThrow()
}

export type UpdateAssignmentParams = ParamsInput<typeof Params.updateAssignmentParams>

/**
 * Changes an assignment optimistically: the update applies only while the
 * row's `updatedAt` is still the one the caller read (to the millisecond, as a
 * Date holds it), and moves `updatedAt` to now (always later than before).
 * Changed since is a ConflictError; deleted (or never there) is a NotFoundError;
 * either way nothing is written. One statement, so no lock is held in between.
 *
 * @returns the stored row
 * @example
 * const [item] = await getPersonSchedule(db, { personId, from, to: from })
 * await updateAssignment(db, { id: item.assignment.id, updatedAt: item.assignment.updatedAt, changes: { notes: 'swap desk' } })
 */
export async function updateAssignment(db: Executor, params: UpdateAssignmentParams): Promise<Assignment> {
  const { id, updatedAt, changes } = parseParams('updateAssignment', (await schemas()).updateAssignmentParams, params)
  const read = updatedAt === null ? null : toDate(updatedAt)
  const row = await db
    .updateTable('assignments')
    .set({ ...changes, updatedAt: nextUpdatedAt(read) })
    .where('id', '=', id)
    .where((eb) => isVersion(eb, read))
    .returningAll()
    .executeTakeFirst()
  if (row === undefined) throw await staleOrMissing(db, id, read)
  return row
}

export type DeleteAssignmentParams = ParamsInput<typeof Params.deleteAssignmentParams>

/**
 * Deletes an assignment; with `updatedAt`, only the version the caller read.
 * A missing assignment is a NotFoundError.
 *
 * @returns the deleted row
 */
export async function deleteAssignment(db: Executor, params: DeleteAssignmentParams): Promise<Assignment> {
  const { id, updatedAt } = parseParams('deleteAssignment', (await schemas()).deleteAssignmentParams, params)
  const read = updatedAt === undefined ? undefined : updatedAt === null ? null : toDate(updatedAt)
  let query = db.deleteFrom('assignments').where('id', '=', id)
  if (read !== undefined) query = query.where((eb) => isVersion(eb, read))
  const row = await query.returningAll().executeTakeFirst()
  if (row === undefined) throw await staleOrMissing(db, id, read ?? null)
  return row
}

/**
 * The row version read at `read`: a Date has milliseconds, PostgreSQL keeps
 * microseconds, so the stored value must fall in [read, read + 1 ms).
 */
function isVersion(eb: ExpressionBuilder<Database, 'assignments'>, read: Date | null) {
  if (read === null) return eb('updatedAt', 'is', null)
  return eb.and([eb('updatedAt', '>=', read), eb('updatedAt', '<', new Date(read.getTime() + 1))])
}

async function staleOrMissing(db: Executor, id: string, read: Date | null): Promise<Error> {
  const current = await db.selectFrom('assignments').select('updatedAt').where('id', '=', id).executeTakeFirst()
  if (current === undefined) return new NotFoundError(`assignments: no assignment ${id}`, 'assignments', id)
  const was = read === null ? 'none' : read.toISOString()
  const now = current.updatedAt === null ? 'none' : current.updatedAt.toISOString()
  return new ConflictError(`assignments: ${id} changed since it was read (updatedAt ${was}, now ${now})`, 'assignments', id)
}

export type InsertAssignmentsParams = ParamsInput<typeof Params.insertAssignmentsParams>

export interface InsertAssignmentsResult {
  inserted: number
  /** The ids of the rows, in input order. */
  ids: string[]
}

/**
 * Inserts many assignments in one call, for schedule runs: every row is
 * validated first (a ValidationError lists each bad row's fields as
 * `assignments.<index>.<field>`, and nothing is written), then the rows go in
 * multi-row INSERTs as large as the driver's parameter limit allows, in one
 * transaction (the caller's, when given one): all rows or none. Rows left
 * without `createdAt`/`updatedAt` share one timestamp.
 */
export async function insertAssignments(db: Executor, params: InsertAssignmentsParams): Promise<InsertAssignmentsResult> {
  const { assignments } = parseParams('insertAssignments', (await schemas()).insertAssignmentsParams, params)
  const ids = await insertInBatches(db, 'assignments', assignments)
  return { inserted: ids.length, ids }
}
