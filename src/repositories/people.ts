import { NotFoundError } from '../errors.js'
import type { NewPerson } from '../schema/generated/zod/index.js'
import { lazySchemas, parseParams, type ParamsInput } from './parse-params.js'
import type { Executor, Person } from './row-types.js'
import type * as Params from './people-params.js'

const schemas = lazySchemas(() => import('./people-params.js'))

/**
 * Adds a person. Validated by the `people` insert schema (name up to 255
 * characters, known type and roles, PGY level 1-3) plus the domain's rule: a
 * resident has a PGY level, faculty have none. The id is a UUIDv7 unless given.
 * A taken email is a UniqueViolationError.
 *
 * @returns the stored row
 * @example
 * const ana = await createPerson(db, { name: 'Ana Ortiz', type: 'resident', pgyLevel: 1 })
 */
export async function createPerson(db: Executor, params: NewPerson): Promise<Person> {
  const row = parseParams('createPerson', (await schemas()).createPersonParams, params)
  return db.insertInto('people').values(row).returningAll().executeTakeFirstOrThrow()
}

export type UpdatePersonParams = ParamsInput<typeof Params.updatePersonParams>

/**
 * Changes a person's columns. A change of `type` or `pgyLevel` is checked
 * against the row's other value (a resident keeps a PGY level), in one
 * transaction (the caller's, when given one). A missing person is a NotFoundError.
 *
 * @returns the stored row
 */
export async function updatePerson(db: Executor, params: UpdatePersonParams): Promise<Person> {
  const { id, changes } = parseParams('updatePerson', (await schemas()).updatePersonParams, params)
  const update = async (tx: Executor): Promise<Person> => {
    if (changes.type !== undefined || changes.pgyLevel !== undefined) {
      const current = await tx.selectFrom('people').select(['type', 'pgyLevel']).where('id', '=', id).executeTakeFirst()
      if (current === undefined) throw notFound(id)
      parseParams('updatePerson', (await schemas()).mergedPerson, { ...current, ...changes })
    }
    const row = await tx
      .updateTable('people')
      .set({ updatedAt: new Date(), ...changes })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirst()
    if (row === undefined) throw notFound(id)
    return row
  }
  return db.isTransaction ? update(db) : db.transaction().execute(update)
}

/**
 * Deletes a person, and with them (ON DELETE CASCADE) their assignments,
 * absences, certifications and credentials. A faculty member named on a swap
 * record cannot be deleted (a ForeignKeyViolationError): swaps are history.
 * A missing person is a NotFoundError.
 *
 * @returns the deleted row
 */
export async function deletePerson(db: Executor, params: { id: string }): Promise<Person> {
  const { id } = parseParams('deletePerson', (await schemas()).deletePersonParams, params)
  const row = await db.deleteFrom('people').where('id', '=', id).returningAll().executeTakeFirst()
  if (row === undefined) throw notFound(id)
  return row
}

function notFound(id: string): NotFoundError {
  return new NotFoundError(`people: no person ${id}`, 'people', id)
}
