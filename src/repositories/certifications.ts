import { z } from 'zod'
import { compareCodes, compareNames } from './compare.js'
import { addDays, daysBetween, utcToday } from './iso-dates.js'
import { isoDate, parseParams, rowId } from './parse-params.js'
import type { CertificationType, Executor, Person, PersonCertification } from './row-types.js'
import { rowsById } from './rows-by-id.js'

const expiringCertificationsParams = z.strictObject({
  // the upper bound keeps asOf + withinDays a four-digit year
  withinDays: z.int().min(0).max(36_500),
  asOf: isoDate.optional(),
  personId: rowId.optional(),
  certificationTypeId: rowId.optional(),
})

export interface ExpiringCertificationsParams {
  /** How far ahead to look, in days: 0 (today only) to 36,500; negative is a ValidationError. */
  withinDays: number
  /** The reference date (default: today's UTC date). */
  asOf?: string
  /** Only this person's certifications (default: everyone's). */
  personId?: string
  /** Only this certification type (default: every type). */
  certificationTypeId?: string
}

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
 */
export async function getExpiringCertifications(
  db: Executor,
  params: ExpiringCertificationsParams,
): Promise<ExpiringCertification[]> {
  const p = parseParams('getExpiringCertifications', expiringCertificationsParams, params)
  const asOf = p.asOf ?? utcToday()
  let query = db
    .selectFrom('personCertifications')
    .selectAll()
    .where('expirationDate', '>=', asOf)
    .where('expirationDate', '<=', addDays(asOf, p.withinDays))
  if (p.personId !== undefined) query = query.where('personId', '=', p.personId)
  if (p.certificationTypeId !== undefined) query = query.where('certificationTypeId', '=', p.certificationTypeId)
  const certifications = await query.execute()

  const people = await rowsById(certifications.map((c) => c.personId), (ids) =>
    db.selectFrom('people').selectAll().where('id', 'in', ids).execute(),
  )
  const types = await rowsById(certifications.map((c) => c.certificationTypeId), (ids) =>
    db.selectFrom('certificationTypes').selectAll().where('id', 'in', ids).execute(),
  )
  const items = certifications.flatMap((certification) => {
    const person = people.get(certification.personId)
    const certificationType = types.get(certification.certificationTypeId)
    // deleted between the queries: the certification went with them (ON DELETE CASCADE)
    if (!person || !certificationType) return []
    const daysUntilExpiration = daysBetween(asOf, certification.expirationDate)
    return [{ certification, person, certificationType, daysUntilExpiration }]
  })
  return items.sort(
    (a, b) =>
      compareCodes(a.certification.expirationDate, b.certification.expirationDate) ||
      compareNames(a.person.name, b.person.name) ||
      compareCodes(a.certification.id, b.certification.id),
  )
}
