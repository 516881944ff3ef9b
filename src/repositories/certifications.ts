import { checkPureInput, isoDateRule } from './check-pure-input.js'
import { compareCodes, compareNames } from './compare.js'
import { addDaysWithinRange, daysBetween, utcToday } from './iso-dates.js'
import { lazySchemas, parseParams, type ParamsInput } from './parse-params.js'
import { placeholder, PreparedQuery, PreparedVariants } from './prepared-query.js'
import { rowPart, selection } from './row-parts.js'
import type { CertificationType, Executor, Person, PersonCertification } from './row-types.js'
import { readerFor } from '../read-routing.js'
import type * as Params from './certifications-params.js'

const schemas = lazySchemas(() => import('./certifications-params.js'))

const certificationPart = rowPart<PersonCertification>('personCertifications', 'pc')
const personPart = rowPart<Person>('people', 'p')
const typePart = rowPart<CertificationType>('certificationTypes', 'ct')
// the person and the type are joined on the certification's ids: those cells are read once
const expiringColumns = selection(
  { certification: certificationPart, person: personPart, certificationType: typePart },
  { same: { 'person.id': 'certification.personId', 'certificationType.id': 'certification.certificationTypeId' } },
)

/**
 * Person certifications expiring in [from, to] with their person and type, by
 * expiration date (idx_person_certs_expiration), person name, id; optionally of
 * one person and/or one type (the variant key says which: 'p', 't', 'pt', '').
 */
const expiringCertifications = new PreparedVariants((key) => {
  const byPerson = key.includes('p')
  const byType = key.includes('t')
  const placeholders = [placeholder.date(0), placeholder.date(1)]
  if (byPerson) placeholders.push(placeholder.uuid(0))
  if (byType) placeholders.push(placeholder.uuid(1))
  return new PreparedQuery<readonly unknown[], unknown>(placeholders, (db, args) => {
    const [from, to, ...ids] = args as string[]
    let query = db
      .selectFrom('personCertifications')
      .innerJoin('people', 'people.id', 'personCertifications.personId')
      .innerJoin('certificationTypes', 'certificationTypes.id', 'personCertifications.certificationTypeId')
      .select(expiringColumns.columns as never[])
      .where('personCertifications.expirationDate', '>=', from!)
      .where('personCertifications.expirationDate', '<=', to!)
    if (byPerson) query = query.where('personCertifications.personId', '=', ids.shift()!)
    if (byType) query = query.where('personCertifications.certificationTypeId', '=', ids.shift()!)
    return query
      .orderBy('personCertifications.expirationDate')
      .orderBy('people.name')
      .orderBy('personCertifications.id')
  })
})

/** Certifications expiring in [asOf, to], with their person and type, in the documented order. */
async function certificationsExpiring(
  db: Executor,
  asOf: string,
  to: string,
  personId: string | undefined,
  certificationTypeId: string | undefined,
): Promise<ExpiringCertification[]> {
  const key = `${personId === undefined ? '' : 'p'}${certificationTypeId === undefined ? '' : 't'}`
  const args = [asOf, to]
  if (personId !== undefined) args.push(personId)
  if (certificationTypeId !== undefined) args.push(certificationTypeId)
  const result = await expiringCertifications.get(key).executeCells(db, args)
  const { rows } = result
  const read = expiringColumns.readersFor(result)
  const items = new Array<ExpiringCertification>(rows.length)
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i]
    const certification = read.certification(row)!
    items[i] = {
      certification,
      person: read.person(row)!,
      certificationType: read.certificationType(row)!,
      daysUntilExpiration: daysBetween(asOf, certification.expirationDate),
    }
  }
  // SQL sorted by name in its own collation: nearly in order already
  return items.sort(
    (a, b) =>
      compareCodes(a.certification.expirationDate, b.certification.expirationDate) ||
      compareNames(a.person.name, b.person.name) ||
      compareCodes(a.certification.id, b.certification.id),
  )
}

export type ExpiringCertificationsParams = ParamsInput<typeof Params.expiringCertificationsParams>

export interface ExpiringCertification {
  certification: PersonCertification
  person: Person
  certificationType: CertificationType
  /** Days from asOf to the expiration date: 0 when it expires on asOf. */
  daysUntilExpiration: number
}

/**
 * Person certifications with `asOf <= expirationDate <= asOf + withinDays`:
 * one expiring on asOf is expiring, not expired. Ordered by expiration date,
 * person name (see `compareNames`), then certification id. Dates decide, not
 * the stored `status` column, and inactive certification types are included.
 * One query.
 */
export async function getExpiringCertifications(
  db: Executor,
  params: ExpiringCertificationsParams,
): Promise<ExpiringCertification[]> {
  const p = parseParams('getExpiringCertifications', (await schemas()).expiringCertificationsParams, params)
  db = readerFor(db)
  const asOf = p.asOf ?? utcToday()
  return certificationsExpiring(db, asOf, addDaysWithinRange(asOf, p.withinDays), p.personId, p.certificationTypeId)
}

/** A certification's status by its dates (see `certificationStatus`). */
export type CertificationStatus = 'current' | 'expiring_soon' | 'expired'

/** How close to expiry `expiring_soon` starts, in days. */
export const EXPIRING_SOON_DAYS = 180

const certificationStatusRules = { expirationDate: isoDateRule, asOf: { ...isoDateRule, optional: true } }

/**
 * A certification's status on `asOf` (default: today's UTC date): `expired`
 * when it expired before asOf, `expiring_soon` when it expires within 180 days
 * (asOf itself included), else `current`. Pure: reads no database.
 *
 * @example
 * certificationStatus({ expirationDate: '2026-01-01', asOf: '2025-12-31' }) // 'expiring_soon'
 */
export function certificationStatus(params: { expirationDate: string; asOf?: string }): CertificationStatus {
  const { expirationDate, asOf = utcToday() } = checkPureInput<{ expirationDate: string; asOf?: string }>('certificationStatus', params, certificationStatusRules, { strict: true })
  const days = daysBetween(asOf, expirationDate)
  return days < 0 ? 'expired' : days <= EXPIRING_SOON_DAYS ? 'expiring_soon' : 'current'
}

/** The reminder schedule, in days before expiration. */
export const REMINDER_DAYS = [180, 90, 30, 14, 7] as const
/** One of the reminder days: 180, 90, 30, 14 or 7. */
export type ReminderDays = (typeof REMINDER_DAYS)[number]

const REMINDER_COLUMNS = {
  180: { sent: 'reminder180Sent', enabled: 'reminderDays180' },
  90: { sent: 'reminder90Sent', enabled: 'reminderDays90' },
  30: { sent: 'reminder30Sent', enabled: 'reminderDays30' },
  14: { sent: 'reminder14Sent', enabled: 'reminderDays14' },
  7: { sent: 'reminder7Sent', enabled: 'reminderDays7' },
} as const satisfies Record<ReminderDays, { sent: keyof PersonCertification; enabled: keyof CertificationType }>

export type CertificationRemindersParams = ParamsInput<typeof Params.remindersParams>

export interface CertificationReminder {
  certification: PersonCertification
  person: Person
  certificationType: CertificationType
  daysUntilExpiration: number
  /**
   * Every reminder due, largest first (`[90, 30]`: neither the 90- nor the 30-day
   * reminder went out). A sender usually sends the last (the most urgent) and
   * marks them all sent.
   */
  reminders: ReminderDays[]
}

/**
 * Certifications that need a reminder on `asOf`: the d-day reminder (d in 180,
 * 90, 30, 14, 7) is due when `asOf <= expirationDate <= asOf + d`, its
 * `reminder<d>Sent` is null and its type's `reminderDays<d>` is true (a null
 * setting counts as false). An expired certification needs none. Ordered by
 * expiration date, person name, id. One query.
 */
export async function getCertificationsNeedingReminder(
  db: Executor,
  params: CertificationRemindersParams = {},
): Promise<CertificationReminder[]> {
  const p = parseParams('getCertificationsNeedingReminder', (await schemas()).remindersParams, params)
  db = readerFor(db)
  const asOf = p.asOf ?? utcToday()
  const rows = await certificationsExpiring(db, asOf, addDaysWithinRange(asOf, REMINDER_DAYS[0]), p.personId, undefined)
  const items: CertificationReminder[] = []
  for (const row of rows) {
    const reminders = REMINDER_DAYS.filter((d) => {
      const { sent, enabled } = REMINDER_COLUMNS[d]
      return row.daysUntilExpiration <= d && row.certification[sent] === null && row.certificationType[enabled] === true
    })
    if (reminders.length > 0) items.push({ ...row, reminders })
  }
  return items
}
