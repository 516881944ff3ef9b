import { NotFoundError } from '../errors.js'
import type { AbsencesTable } from '../schema/generated/database.js'
import type { NewAbsence } from '../schema/generated/zod/index.js'
import { checkPureInput, isoDateRule, nullableBoolean, oneOf } from './check-pure-input.js'
import { daysBetween } from './iso-dates.js'
import { lazySchemas, parseParams, type ParamsInput } from './parse-params.js'
import type { Absence, Executor } from './row-types.js'
import { readerFor } from '../read-routing.js'
import type * as Params from './absences-params.js'

const schemas = lazySchemas(() => import('./absences-params.js'))

export type AbsenceType = AbsencesTable['absenceType']

export type AbsencesInRangeParams = ParamsInput<typeof Params.absencesInRangeParams>

/**
 * Absences that overlap [from, to] (`startDate <= to AND endDate >= from`): one
 * that starts or ends on a bound is included. Ordered by start date, then end
 * date, then id.
 */
export async function getAbsencesInRange(db: Executor, params: AbsencesInRangeParams): Promise<Absence[]> {
  const p = parseParams('getAbsencesInRange', (await schemas()).absencesInRangeParams, params)
  db = readerFor(db)
  let query = db.selectFrom('absences').selectAll().where('startDate', '<=', p.to).where('endDate', '>=', p.from)
  if (p.personId !== undefined) query = query.where('personId', '=', p.personId)
  if (p.absenceType !== undefined) query = query.where('absenceType', '=', p.absenceType)
  return query.orderBy('startDate').orderBy('endDate').orderBy('id').execute()
}

/**
 * Per absence type: blocks assignment always, never, or once it lasts longer
 * than this many days (both end days counted). A Record over the column's type:
 * a new absence type does not compile until it is placed here.
 */
const BLOCKING: Record<AbsenceType, 'always' | 'never' | number> = {
  vacation: 'never',
  conference: 'never',
  deployment: 'always',
  tdy: 'always',
  family_emergency: 'always',
  bereavement: 'always',
  emergency_leave: 'always',
  convalescent: 'always',
  maternity_paternity: 'always',
  medical: 7,
  sick: 3,
}

const blockingRules = {
  absenceType: oneOf(Object.keys(BLOCKING)),
  isBlocking: { ...nullableBoolean, optional: true },
  startDate: isoDateRule,
  endDate: isoDateRule,
}

export type BlockingAbsenceInput = Pick<Absence, 'absenceType' | 'startDate' | 'endDate'> & { isBlocking?: boolean | null }

/**
 * Whether an absence blocks assignment: a set `isBlocking` decides; otherwise
 * deployment, TDY, family emergency, bereavement, emergency leave, convalescent
 * and maternity/paternity leave always block, medical leave blocks when it lasts
 * more than 7 days and sick leave more than 3 (counting both end days), and
 * vacation and conferences do not. Pure: takes an absence row (or the four
 * fields) and reads no database.
 *
 * @example
 * isBlockingAbsence({ absenceType: 'sick', startDate: '2025-09-01', endDate: '2025-09-04', isBlocking: null }) // true: 4 days
 */
export function isBlockingAbsence(absence: BlockingAbsenceInput): boolean {
  // a row may carry more columns: not strict
  const a = checkPureInput<BlockingAbsenceInput>('isBlockingAbsence', absence, blockingRules, {
    strict: false,
    refine: (a) => (a.endDate < a.startDate ? { path: ['endDate'], code: 'custom', message: 'endDate must be on or after startDate' } : undefined),
  })
  return blocksAssignment(a)
}

/** `isBlockingAbsence` of a stored (already valid) absence, without validation. */
export function blocksAssignment(a: BlockingAbsenceInput): boolean {
  if (a.isBlocking !== undefined && a.isBlocking !== null) return a.isBlocking
  const rule = BLOCKING[a.absenceType]
  return rule === 'always' || (typeof rule === 'number' && daysBetween(a.startDate, a.endDate) + 1 > rule)
}

/**
 * Records an absence; `endDate` before `startDate` is a ValidationError. The id
 * is a UUIDv7 unless given. Without `isBlocking` it stores null (not the
 * column's default false), so that `isBlockingAbsence`'s type and duration
 * rules decide; give true or false to decide for this absence.
 *
 * @returns the stored row
 */
export async function createAbsence(db: Executor, params: NewAbsence): Promise<Absence> {
  const row = parseParams('createAbsence', (await schemas()).newAbsence, params)
  return db
    .insertInto('absences')
    .values({ ...row, isBlocking: row.isBlocking ?? null })
    .returningAll()
    .executeTakeFirstOrThrow()
}

export type UpdateAbsenceParams = ParamsInput<typeof Params.updateAbsenceParams>

/**
 * Changes an absence's columns. A change of one date is checked against the
 * other stored date, in one transaction (the caller's, when given one). A
 * missing absence is a NotFoundError.
 *
 * @returns the stored row
 */
export async function updateAbsence(db: Executor, params: UpdateAbsenceParams): Promise<Absence> {
  const { id, changes } = parseParams('updateAbsence', (await schemas()).updateAbsenceParams, params)
  const update = async (tx: Executor): Promise<Absence> => {
    if ((changes.startDate === undefined) !== (changes.endDate === undefined)) {
      const current = await tx.selectFrom('absences').select(['startDate', 'endDate']).where('id', '=', id).executeTakeFirst()
      if (current === undefined) throw notFound(id)
      parseParams('updateAbsence', (await schemas()).mergedDates, { ...current, ...changes })
    }
    const query = tx.updateTable('absences').where('id', '=', id)
    // no column to change: the stored row as it is
    const row =
      Object.keys(changes).length === 0
        ? await tx.selectFrom('absences').selectAll().where('id', '=', id).executeTakeFirst()
        : await query.set(changes).returningAll().executeTakeFirst()
    if (row === undefined) throw notFound(id)
    return row
  }
  return db.isTransaction ? update(db) : db.transaction().execute(update)
}

/**
 * Deletes an absence. A missing absence is a NotFoundError.
 *
 * @returns the deleted row
 */
export async function deleteAbsence(db: Executor, params: { id: string }): Promise<Absence> {
  const { id } = parseParams('deleteAbsence', (await schemas()).deleteAbsenceParams, params)
  const row = await db.deleteFrom('absences').where('id', '=', id).returningAll().executeTakeFirst()
  if (row === undefined) throw notFound(id)
  return row
}

function notFound(id: string): NotFoundError {
  return new NotFoundError(`absences: no absence ${id}`, 'absences', id)
}
