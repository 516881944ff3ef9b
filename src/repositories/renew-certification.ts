import { NotFoundError } from '../errors.js'
import { certificationStatus } from './certifications.js'
import { utcToday } from './iso-dates.js'
import { lazySchemas, parseParams, type ParamsInput } from './parse-params.js'
import type { Executor, PersonCertification } from './row-types.js'
import type * as Params from './renew-certification-params.js'

const schemas = lazySchemas(() => import('./renew-certification-params.js'))

export type RenewCertificationParams = ParamsInput<typeof Params.renewParams>

/**
 * Records a renewed certificate: new issue and expiration dates, the status
 * recomputed for `asOf` (see `certificationStatus`), all five
 * `reminder<d>Sent` cleared (the new expiration starts the reminder schedule
 * again), `updatedAt` now. One statement. A missing certification is a
 * NotFoundError.
 *
 * @returns the stored row
 * @example
 * await renewCertification(db, { id, issuedDate: '2025-10-01', expirationDate: '2027-10-31' })
 */
export async function renewCertification(db: Executor, params: RenewCertificationParams): Promise<PersonCertification> {
  const { id, issuedDate, expirationDate, asOf = utcToday() } = parseParams('renewCertification', (await schemas()).renewParams, params)
  const row = await db
    .updateTable('personCertifications')
    .set({
      issuedDate,
      expirationDate,
      status: certificationStatus({ expirationDate, asOf }),
      reminder180Sent: null,
      reminder90Sent: null,
      reminder30Sent: null,
      reminder14Sent: null,
      reminder7Sent: null,
      updatedAt: new Date(),
    })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst()
  if (row === undefined) throw new NotFoundError(`person_certifications: no certification ${id}`, 'person_certifications', id)
  return row
}
