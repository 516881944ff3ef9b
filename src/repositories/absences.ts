import { z } from 'zod'
import { NotFoundError } from '../errors.js'
import { absenceSchema, absenceUpdateSchema, newAbsenceSchema, type AbsenceUpdate, type NewAbsence } from '../schema/zod/index.js'
import { daysBetween } from './iso-dates.js'
import { fromNotAfterTo, idParam, isoDate, parseParams } from './parse-params.js'
import type { Absence, Executor } from './row-types.js'
import { datesInOrder, storableText } from './write-input.js'

const absenceType = absenceSchema.shape.absenceType
export type AbsenceType = z.infer<typeof absenceType>

const absencesInRangeParams = z
  .strictObject({ from: isoDate, to: isoDate, personId: idParam.optional(), absenceType: absenceType.optional() })
  .refine(...fromNotAfterTo)

export interface AbsencesInRangeParams {
  /** First date, inclusive. */
  from: string
  /** Last date, inclusive; before `from` is a ValidationError. */
  to: string
  /** Only this person's absences (default: everyone's). */
  personId?: string
  /** Only this type (default: every type). */
  absenceType?: AbsenceType
}

/**
 * Absences that overlap [from, to] (`startDate <= to AND endDate >= from`): one
 * that starts or ends on a bound is included. Ordered by start date, then end
 * date, then id.
 */
export async function getAbsencesInRange(db: Executor, params: AbsencesInRangeParams): Promise<Absence[]> {
  const p = parseParams('getAbsencesInRange', absencesInRangeParams, params)
  let query = db.selectFrom('absences').selectAll().where('startDate', '<=', p.to).where('endDate', '>=', p.from)
  if (p.personId !== undefined) query = query.where('personId', '=', p.personId)
  if (p.absenceType !== undefined) query = query.where('absenceType', '=', p.absenceType)
  return query.orderBy('startDate').orderBy('endDate').orderBy('id').execute()
}

/** Types that block assignment whatever their length. */
const ALWAYS_BLOCKING = new Set<AbsenceType>([
  'deployment',
  'tdy',
  'family_emergency',
  'bereavement',
  'emergency_leave',
  'convalescent',
  'maternity_paternity',
])
/** Types that block once they last longer than this many days (both end days counted). */
const BLOCKING_AFTER_DAYS: Partial<Record<AbsenceType, number>> = { medical: 7, sick: 3 }

const blockingParams = z
  .looseObject({
    absenceType,
    isBlocking: z.boolean().nullable().optional(),
    startDate: isoDate,
    endDate: isoDate,
  })
  .refine(...datesInOrder)

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
  return blocksAssignment(parseParams('isBlockingAbsence', blockingParams, absence))
}

/** `isBlockingAbsence` of a stored (already valid) absence, without validation. */
export function blocksAssignment(a: BlockingAbsenceInput): boolean {
  if (a.isBlocking !== undefined && a.isBlocking !== null) return a.isBlocking
  if (ALWAYS_BLOCKING.has(a.absenceType)) return true
  const after = BLOCKING_AFTER_DAYS[a.absenceType]
  return after !== undefined && daysBetween(a.startDate, a.endDate) + 1 > after
}

const newAbsence = newAbsenceSchema.superRefine(storableText).refine(...datesInOrder)

/**
 * Records an absence; `endDate` before `startDate` is a ValidationError. The id
 * is a UUIDv7 unless given. Without `isBlocking` it stores null (not the
 * column's default false), so that `isBlockingAbsence`'s type and duration
 * rules decide; give true or false to decide for this absence.
 *
 * @returns the stored row
 */
export async function createAbsence(db: Executor, params: NewAbsence): Promise<Absence> {
  const row = parseParams('createAbsence', newAbsence, params)
  return db
    .insertInto('absences')
    .values({ ...row, isBlocking: row.isBlocking ?? null })
    .returningAll()
    .executeTakeFirstOrThrow()
}

const absenceChanges = absenceUpdateSchema.omit({ id: true, createdAt: true }).superRefine(storableText).refine(...datesInOrder)
const updateAbsenceParams = z.strictObject({ id: idParam, changes: absenceChanges })
// the dates as they would be after a change of one of them
const mergedDates = z.looseObject({ startDate: isoDate, endDate: isoDate }).superRefine((row, ctx) => {
  if (row.endDate < row.startDate) ctx.addIssue({ code: 'custom', path: ['changes', 'endDate'], message: 'endDate must be on or after startDate' })
})

export interface UpdateAbsenceParams {
  id: string
  /** The columns to change (not `id` or `createdAt`). */
  changes: Omit<AbsenceUpdate, 'id' | 'createdAt'>
}

/**
 * Changes an absence's columns. A change of one date is checked against the
 * other stored date, in one transaction (the caller's, when given one). A
 * missing absence is a NotFoundError.
 *
 * @returns the stored row
 */
export async function updateAbsence(db: Executor, params: UpdateAbsenceParams): Promise<Absence> {
  const { id, changes } = parseParams('updateAbsence', updateAbsenceParams, params)
  const update = async (tx: Executor): Promise<Absence> => {
    if ((changes.startDate === undefined) !== (changes.endDate === undefined)) {
      const current = await tx.selectFrom('absences').select(['startDate', 'endDate']).where('id', '=', id).executeTakeFirst()
      if (current === undefined) throw notFound(id)
      parseParams('updateAbsence', mergedDates, { ...current, ...changes })
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

const deleteAbsenceParams = z.strictObject({ id: idParam })

/**
 * Deletes an absence. A missing absence is a NotFoundError.
 *
 * @returns the deleted row
 */
export async function deleteAbsence(db: Executor, params: { id: string }): Promise<Absence> {
  const { id } = parseParams('deleteAbsence', deleteAbsenceParams, params)
  const row = await db.deleteFrom('absences').where('id', '=', id).returningAll().executeTakeFirst()
  if (row === undefined) throw notFound(id)
  return row
}

function notFound(id: string): NotFoundError {
  return new NotFoundError(`absences: no absence ${id}`, 'absences', id)
}
