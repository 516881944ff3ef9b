import { EXPIRING_SOON_DAYS } from './certifications.js'
import { addDays, utcToday } from './iso-dates.js'
import { lazySchemas, parseParams } from './parse-params.js'
import type { Executor } from './row-types.js'

const schemas = lazySchemas(() => import('./refresh-certification-statuses-params.js'))

/**
 * Brings every certification's stored `status` in line with
 * `certificationStatus` on `asOf` (default: today's UTC date): `expired`
 * before its expiration date, `expiring_soon` within 180 days, else `current`
 * (a `pending` one too: the dates decide). One set-based UPDATE that writes
 * only the rows whose status differs (their `updatedAt` moves to now).
 *
 * @returns how many rows changed
 * @example
 * const changed = await refreshCertificationStatuses(db, { asOf: '2025-10-01' })
 */
export async function refreshCertificationStatuses(db: Executor, params: { asOf?: string } = {}): Promise<number> {
  const { asOf = utcToday() } = parseParams('refreshCertificationStatuses', (await schemas()).refreshParams, params)
  const soon = addDays(asOf, EXPIRING_SOON_DAYS)
  const result = await db
    .updateTable('personCertifications')
    .set((eb) => ({
      status: eb
        .case()
        .when('expirationDate', '<', asOf)
        .then('expired' as const)
        .when('expirationDate', '<=', soon)
        .then('expiring_soon' as const)
        .else('current' as const)
        .end(),
      updatedAt: new Date(),
    }))
    .where((eb) =>
      eb.or([
        eb('status', 'is', null),
        eb.and([eb('expirationDate', '<', asOf), eb('status', '<>', 'expired')]),
        eb.and([eb('expirationDate', '>=', asOf), eb('expirationDate', '<=', soon), eb('status', '<>', 'expiring_soon')]),
        eb.and([eb('expirationDate', '>', soon), eb('status', '<>', 'current')]),
      ]),
    )
    .executeTakeFirst()
  return Number(result.numUpdatedRows)
}
