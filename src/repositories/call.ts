import { compareCodes } from './compare.js'
import { isoWeekday } from './iso-dates.js'
import { lazySchemas, parseParams, type ParamsInput } from './parse-params.js'
import { rowPart } from './row-parts.js'
import type { Executor, Person } from './row-types.js'
import { readerFor } from '../read-routing.js'
import type * as Params from './call-params.js'

const schemas = lazySchemas(() => import('./call-params.js'))

const personPart = rowPart<Person>('people', 'p')

export type CallEquityParams = ParamsInput<typeof Params.callEquityParams>

export interface CallEquityItem {
  person: Person
  /** Overnight calls on Sundays, the night the program counts apart (`people.sundayCallCount`). */
  sundayCalls: number
  /** Overnight calls on other nights: expected Monday to Thursday, Friday and Saturday counted too if any. */
  otherCalls: number
  totalCalls: number
}

/**
 * Call equity over [from, to]: per person, their `overnight` calls on Sundays
 * and on other nights. Only people with at least one overnight call; most calls
 * first, then more Sunday calls first, then person id. Overnight call is
 * expected Sunday to Thursday; weekend and backup calls are not counted.
 * One query (by idx_call_assignment_date); the weekday is computed here, from
 * the DATE string, the same on every dialect.
 */
export async function getCallEquity(db: Executor, params: CallEquityParams): Promise<CallEquityItem[]> {
  const { from, to } = parseParams('getCallEquity', (await schemas()).callEquityParams, params)
  db = readerFor(db)
  const rows = (await db
    .selectFrom('callAssignments')
    .innerJoin('people', 'people.id', 'callAssignments.personId')
    .select(['callAssignments.date as callDate', ...personPart.columns] as never[])
    .where('callAssignments.callType', '=', 'overnight')
    .where('callAssignments.date', '>=', from)
    .where('callAssignments.date', '<=', to)
    .execute()) as Record<string, unknown>[]
  const byPerson = new Map<string, CallEquityItem>()
  for (const row of rows) {
    const personId = row.pId as string
    let item = byPerson.get(personId)
    if (item === undefined) {
      item = { person: personPart.read(row)!, sundayCalls: 0, otherCalls: 0, totalCalls: 0 }
      byPerson.set(personId, item)
    }
    if (isoWeekday(row.callDate as string) === 7) item.sundayCalls++
    else item.otherCalls++
    item.totalCalls++
  }
  return [...byPerson.values()].sort(
    (a, b) => b.totalCalls - a.totalCalls || b.sundayCalls - a.sundayCalls || compareCodes(a.person.id, b.person.id),
  )
}
