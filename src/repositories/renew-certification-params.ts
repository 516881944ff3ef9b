// The parameter schemas of renew-certification.ts, loaded on the first call that validates input.
import { z } from 'zod'
import { isoDate, idParam } from './param-schemas.js'

export const renewParams = z
  .strictObject({ id: idParam, issuedDate: isoDate, expirationDate: isoDate, asOf: isoDate.optional() })
  .refine((p) => p.issuedDate <= p.expirationDate, { path: ['expirationDate'], message: 'expirationDate must be on or after issuedDate' })
