// The parameter schemas of renew-certification.ts, loaded on the first call that validates input.
import { z } from 'zod'
import { isoDate, idParam } from './param-schemas.js'

export const renewParams = z
  .strictObject({
    /** The person certification. */
    id: idParam,
    /** The new certificate's issue date. */
    issuedDate: isoDate,
    /** Its expiration date, on or after `issuedDate`. */
    expirationDate: isoDate,
    /** The date the status is computed for (default: today's UTC date). */
    asOf: isoDate.optional(),
  })
  .refine((p) => p.issuedDate <= p.expirationDate, { path: ['expirationDate'], message: 'expirationDate must be on or after issuedDate' })
