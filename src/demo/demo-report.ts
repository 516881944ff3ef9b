import type { Kysely } from 'kysely'
import { formatTable } from '../cli/text-table.js'
import { getExpiringCertifications } from '../repositories/certifications.js'
import { isoWeekday } from '../repositories/iso-dates.js'
import type { Person } from '../repositories/row-types.js'
import { getHalfDay, getPersonSchedule } from '../repositories/schedule.js'
import { getSwapHistory } from '../repositories/swaps.js'
import type { Database } from '../schema/generated/database.js'
import { DEMO_AS_OF, DEMO_FEATURED, demoId } from './demo-program.js'

const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun']

function weekday(date: string): string {
  return WEEKDAYS[isoWeekday(date) - 1]!
}

function describePerson(person: Person): string {
  if (person.type === 'resident') return `PGY-${person.pgyLevel}`
  return person.facultyRole ? `faculty (${person.facultyRole})` : 'faculty'
}

/** A timestamp as 'YYYY-MM-DD HH:MM' UTC. */
function utcMinute(at: Date): string {
  return at.toISOString().slice(0, 16).replace('T', ' ')
}

/**
 * The demo's four sections, one per core query pattern, as lines of text:
 * a resident's week, one half-day with its people, certifications expiring
 * within 90 days of the demo's date, and a faculty member's swap history.
 */
export async function demoReport(db: Kysely<Database>): Promise<string[]> {
  const f = DEMO_FEATURED
  const lines: string[] = []
  const section = (title: string, body: string[]) => lines.push('', title, ...(body.length > 0 ? body : ['(none)']))

  const schedule = await getPersonSchedule(db, { personId: demoId('people', f.resident), ...f.week })
  const resident = await db.selectFrom('people').selectAll().where('id', '=', demoId('people', f.resident)).executeTakeFirst()
  section(
    `Schedule of ${f.resident}${resident ? ` (${describePerson(resident)})` : ''}, ${f.week.from} to ${f.week.to}`,
    schedule.length === 0
      ? []
      : formatTable(
          ['date', 'day', 'half', 'block', 'rotation', 'role'],
          schedule.map(({ assignment, block, rotationTemplate }) => [
            block.date,
            weekday(block.date),
            block.timeOfDay,
            String(block.blockNumber),
            rotationTemplate?.name ?? assignment.activityOverride ?? '-',
            assignment.role,
          ]),
          [3],
        ),
  )

  const halfDay = await getHalfDay(db, f.halfDay)
  section(
    `Half-day ${f.halfDay.date} ${f.halfDay.timeOfDay} (${weekday(f.halfDay.date)}${halfDay ? `, block ${halfDay.block.blockNumber}` : ', no block'})`,
    !halfDay || halfDay.assignments.length === 0
      ? []
      : formatTable(
          ['person', 'who', 'rotation', 'role'],
          halfDay.assignments.map(({ assignment, person, rotationTemplate }) => [
            person.name,
            describePerson(person),
            rotationTemplate?.name ?? '-',
            assignment.role,
          ]),
        ),
  )

  const expiring = await getExpiringCertifications(db, { withinDays: f.expiringWithinDays, asOf: DEMO_AS_OF })
  section(
    `Certifications expiring within ${f.expiringWithinDays} days of ${DEMO_AS_OF}`,
    expiring.length === 0
      ? []
      : formatTable(
          ['expires', 'in', 'person', 'certification'],
          expiring.map(({ certification, person, certificationType, daysUntilExpiration: days }) => [
            certification.expirationDate,
            days === 0 ? 'today' : `${days} day${days === 1 ? '' : 's'}`,
            person.name,
            certificationType.fullName ? `${certificationType.name} (${certificationType.fullName})` : certificationType.name,
          ]),
          [1],
        ),
  )

  const history = await getSwapHistory(db, { facultyId: demoId('people', f.faculty), pageSize: f.swapPageSize })
  section(
    `Swap history of ${f.faculty} (page ${history.page} of ${history.pages}, ${history.total} swaps, ${history.pageSize} a page)`,
    history.items.length === 0
      ? []
      : formatTable(
          ['requested (UTC)', 'status', 'type', 'week', 'from', 'to', 'their week', 'answers'],
          history.items.map(({ swap, sourceFaculty, targetFaculty, approvals }) => [
            utcMinute(swap.requestedAt),
            swap.status,
            swap.swapType,
            swap.sourceWeek,
            sourceFaculty.name,
            targetFaculty.name,
            swap.targetWeek ?? '-',
            [...approvals]
              .sort((a, b) => a.role.localeCompare(b.role))
              .map((a) => `${a.role} ${a.approved === null ? 'waiting' : a.approved ? 'yes' : 'no'}`)
              .join(', '),
          ]),
        ),
  )
  return lines
}
