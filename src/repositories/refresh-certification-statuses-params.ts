// The parameter schemas of refresh-certification-statuses.ts, loaded on the first call that validates input.
import { z } from 'zod'
import { isoDate } from './param-schemas.js'

export const refreshParams = z.strictObject({ asOf: isoDate.optional() })
