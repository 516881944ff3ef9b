import { compareCodes, compareNames } from './compare.js'
import { addDaysWithinRange, daysBetween, utcToday } from './iso-dates.js'
import { lazySchemas, parseParams, type ParamsInput } from './parse-params.js'
import { rowPart } from './row-parts.js'
import type { Executor, Person, Procedure, ProcedureCredential } from './row-types.js'
import { readerFor } from '../read-routing.js'
import type * as Params from './procedure-credentials-params.js'

const schemas = lazySchemas(() => import('./procedure-credentials-params.js'))

const credentialPart = rowPart<ProcedureCredential>('procedureCredentials', 'pc')
const personPart = rowPart<Person>('people', 'p')
const procedurePart = rowPart<Procedure>('procedures', 'pr')

export interface ProcedureCredentialItem {
  credential: ProcedureCredential
  person: Person
  procedure: Procedure
}

interface Filters {
  personId?: string
  procedureId?: string
}

/** Active credentials with their person and procedure, expiring no earlier than `from` (or never) and no later than `to`. */
async function activeCredentials(
  db: Executor,
  range: { from: string; to?: string; includeNoExpiry: boolean },
  f: Filters,
): Promise<ProcedureCredentialItem[]> {
  let query = db
    .selectFrom('procedureCredentials')
    .innerJoin('people', 'people.id', 'procedureCredentials.personId')
    .innerJoin('procedures', 'procedures.id', 'procedureCredentials.procedureId')
    .select([...credentialPart.columns, ...personPart.columns, ...procedurePart.columns] as never[])
    .where('procedureCredentials.status', '=', 'active')
  query = range.includeNoExpiry
    ? query.where((eb) =>
        eb.or([eb('procedureCredentials.expirationDate', 'is', null), eb('procedureCredentials.expirationDate', '>=', range.from)]),
      )
    : query.where('procedureCredentials.expirationDate', '>=', range.from)
  if (range.to !== undefined) query = query.where('procedureCredentials.expirationDate', '<=', range.to)
  if (f.personId !== undefined) query = query.where('procedureCredentials.personId', '=', f.personId)
  if (f.procedureId !== undefined) query = query.where('procedureCredentials.procedureId', '=', f.procedureId)
  const rows = (await query.execute()) as Record<string, unknown>[]
  return rows.map((row) => ({ credential: credentialPart.read(row)!, person: personPart.read(row)!, procedure: procedurePart.read(row)! }))
}

export type ValidProcedureCredentialsParams = ParamsInput<typeof Params.validCredentialsParams>

/**
 * Procedure credentials valid on `asOf`: status `active` and no expiration
 * date or one not before asOf (a credential expiring on asOf is still valid
 * that day). Each with its person and procedure; ordered by person name,
 * procedure name (see `compareNames`), then credential id.
 */
export async function getValidProcedureCredentials(
  db: Executor,
  params: ValidProcedureCredentialsParams = {},
): Promise<ProcedureCredentialItem[]> {
  const p = parseParams('getValidProcedureCredentials', (await schemas()).validCredentialsParams, params)
  db = readerFor(db)
  const items = await activeCredentials(db, { from: p.asOf ?? utcToday(), includeNoExpiry: true }, p)
  return items.sort(
    (a, b) =>
      compareNames(a.person.name, b.person.name) ||
      compareNames(a.procedure.name, b.procedure.name) ||
      compareCodes(a.credential.id, b.credential.id),
  )
}

export type ExpiringProcedureCredentialsParams = ParamsInput<typeof Params.expiringCredentialsParams>

export interface ExpiringProcedureCredential extends ProcedureCredentialItem {
  /** Days from asOf to the expiration date: 0 when it expires on asOf. */
  daysUntilExpiration: number
}

/**
 * Active procedure credentials expiring in [asOf, asOf + withinDays] (default 30
 * days), with their person and procedure; ordered by expiration date, person
 * name, then credential id.
 */
export async function getExpiringProcedureCredentials(
  db: Executor,
  params: ExpiringProcedureCredentialsParams = {},
): Promise<ExpiringProcedureCredential[]> {
  const p = parseParams('getExpiringProcedureCredentials', (await schemas()).expiringCredentialsParams, params)
  db = readerFor(db)
  const asOf = p.asOf ?? utcToday()
  const items = await activeCredentials(db, { from: asOf, to: addDaysWithinRange(asOf, p.withinDays), includeNoExpiry: false }, p)
  return items
    .map((item) => ({ ...item, daysUntilExpiration: daysBetween(asOf, item.credential.expirationDate!) }))
    .sort(
      (a, b) =>
        compareCodes(a.credential.expirationDate!, b.credential.expirationDate!) ||
        compareNames(a.person.name, b.person.name) ||
        compareCodes(a.credential.id, b.credential.id),
    )
}
