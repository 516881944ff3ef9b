import type { Insertable } from 'kysely'
import { uuidv7 } from '../src/codec/uuid-v7.js'
import { createPerson, createScheduleRun, generateAcademicYearBlocks, insertAssignments, type NewAssignment } from '../src/index.js'
import { addDays, daysBetween, isoWeekday } from '../src/repositories/iso-dates.js'
import type { Executor } from '../src/repositories/row-types.js'
import type {
  AbsencesTable,
  BlockAssignmentsTable,
  CallAssignmentsTable,
  Database,
  PersonCertificationsTable,
  ProcedureCredentialsTable,
  SwapApprovalsTable,
  SwapRecordsTable,
} from '../src/schema/generated/database.js'

/**
 * A large residency program built through the library: `years` academic years
 * of half-day blocks, 150 people (108 residents, 42 faculty), everyone but 15
 * people on each day assigned to both half-days (about 98,600 assignments a
 * year, 986,040 for ten), plus absences, certifications, procedure
 * credentials, call, block rotations and FMIT swaps. Deterministic but for ids
 * and creation times. Assignments go through `insertAssignments`, one
 * schedule run per academic year.
 */
export interface ScaleOptions {
  /** First academic year (default 2020). */
  firstYear?: number
  /** Academic years (default 10). */
  years?: number
  /** People (default 150; the first 72% residents). */
  people?: number
  /** Called with a line of progress. */
  progress?: (line: string) => void
  /**
   * Inserts a year's assignment rows (default: `insertAssignments`); the raw
   * comparison passes its own to insert the same rows another way.
   */
  insertYear?: (db: Executor, rows: NewAssignment[]) => Promise<void>
}

export interface ScaleProgram {
  firstDate: string
  lastDate: string
  /** The resident assigned to every half-day. */
  featuredResidentId: string
  /** The faculty member with the most swaps. */
  featuredFacultyId: string
  /** A date inside the program for "today" in the certification queries. */
  asOf: string
  peopleIds: string[]
  rotationTemplateIds: string[]
  /** Per table, rows inserted. */
  counts: Record<string, number>
  /** Time spent inserting assignments (ms), and how many. */
  assignmentInsert: { ms: number; rows: number }
}

const FIRST_NAMES = ['Ana', 'Ben', 'Chloé', 'Dev', 'Elif', 'Femi', 'Grace', 'Hiro', 'Ines', 'Jamal', 'Kai', 'Lena', 'Mateo', 'Nia', 'Omar']
const LAST_NAMES = ['Adeyemi', 'Brooks', 'Castro', 'Dubois', 'Eriksen', 'Fischer', 'García', 'Haddad', 'Ito', 'Jensen']
const FACULTY_ROLES = ['pd', 'apd', 'oic', 'dept_chief', 'sports_med', 'core', 'core', 'core', 'core', 'adjunct'] as const
const ROTATIONS = [
  ['Family Medicine Clinic', 'clinic', 'FMC'],
  ['FMIT Inpatient', 'inpatient', 'FMIT'],
  ['Obstetrics', 'inpatient', 'OB'],
  ['Pediatrics', 'clinic', 'PEDS'],
  ['Emergency Medicine', 'inpatient', 'EM'],
  ['Sports Medicine', 'clinic', 'SM'],
  ['Night Float', 'inpatient', 'NF'],
  ['Intensive Care', 'inpatient', 'ICU'],
  ['General Surgery', 'inpatient', 'SURG'],
  ['Procedures Clinic', 'procedure', 'PROC'],
  ['Elective', 'elective', 'ELEC'],
  ['Didactics', 'education', 'LEC'],
] as const
const CERTIFICATIONS = ['BLS', 'ACLS', 'PALS', 'NRP', 'ALSO', 'ATLS', 'DEA Registration', 'State License'] as const
const PROCEDURES = ['Joint Injection', 'Skin Biopsy', 'IUD Insertion', 'Colposcopy', 'Vasectomy', 'Endometrial Biopsy', 'Ultrasound', 'Laceration Repair']
/** Off duty each day, among everyone but the featured resident. */
const OFF_PER_DAY = 15
const BATCH = 500

/** A small deterministic hash for spreading values. */
function mix(...values: number[]): number {
  let h = 2166136261
  for (const v of values) {
    h ^= v
    h = Math.imul(h, 16777619) >>> 0
  }
  return h
}

export async function seedScaleProgram(db: Executor, options: ScaleOptions = {}): Promise<ScaleProgram> {
  const firstYear = options.firstYear ?? 2020
  const years = options.years ?? 10
  const peopleCount = options.people ?? 150
  const progress = options.progress ?? (() => {})
  const insertYear = options.insertYear ?? (async (tx, rows) => void (await insertAssignments(tx, { assignments: rows })))
  const counts: Record<string, number> = {}
  const firstDate = `${firstYear}-07-01`
  const lastDate = `${firstYear + years}-06-30`
  const asOf = addDays(lastDate, -240)

  const insertRows = async <T>(table: keyof Database, rows: T[]) => {
    await db.transaction().execute(async (tx) => {
      for (let i = 0; i < rows.length; i += BATCH) await tx.insertInto(table).values(rows.slice(i, i + BATCH) as never).execute()
    })
    counts[table] = (counts[table] ?? 0) + rows.length
  }

  // blocks
  let blockTotal = 0
  for (let y = firstYear; y < firstYear + years; y++) {
    const holidays = [
      { date: `${y}-07-04`, name: 'Independence Day' },
      { date: `${y}-12-25`, name: 'Christmas Day' },
      { date: `${y + 1}-01-01`, name: "New Year's Day" },
    ]
    blockTotal += (await generateAcademicYearBlocks(db, { academicYear: y, holidays })).inserted
  }
  counts.blocks = blockTotal
  progress(`blocks: ${blockTotal} half-days, ${firstDate} to ${lastDate}`)

  // people and rotations
  const residents = Math.round(peopleCount * 0.72)
  const peopleIds: string[] = []
  for (let i = 0; i < peopleCount; i++) {
    const name = `${FIRST_NAMES[i % FIRST_NAMES.length]} ${LAST_NAMES[Math.floor(i / FIRST_NAMES.length) % LAST_NAMES.length]}${i >= FIRST_NAMES.length * LAST_NAMES.length ? ` ${i}` : ''}`
    const person =
      i < residents
        ? await createPerson(db, { name, type: 'resident', pgyLevel: 1 + (i % 3), email: `resident${i}@scale.example` })
        : await createPerson(db, {
            name: `Dr. ${name}`,
            type: 'faculty',
            facultyRole: FACULTY_ROLES[i % FACULTY_ROLES.length],
            email: `faculty${i}@scale.example`,
            performsProcedures: i % 3 === 0,
          })
    peopleIds.push(person.id)
  }
  counts.people = peopleCount
  const rotationTemplateIds: string[] = []
  for (const [name, activityType, abbreviation] of ROTATIONS) {
    const row = await db.insertInto('rotationTemplates').values({ name, activityType, abbreviation }).returning('id').executeTakeFirstOrThrow()
    rotationTemplateIds.push(row.id)
  }
  counts.rotationTemplates = ROTATIONS.length
  progress(`people: ${residents} residents, ${peopleCount - residents} faculty; ${ROTATIONS.length} rotations`)

  // the schedule, one schedule run per academic year
  const expected = blockTotal * (peopleCount - OFF_PER_DAY)
  let done = 0
  let insertMs = 0
  const started = performance.now()
  for (let y = firstYear; y < firstYear + years; y++) {
    const from = `${y}-07-01`
    const to = `${y + 1}-06-30`
    const blocks = await db
      .selectFrom('blocks')
      .select(['id', 'date', 'timeOfDay', 'blockNumber'])
      .where('date', '>=', from)
      .where('date', '<=', to)
      .orderBy('date')
      .orderBy('timeOfDay')
      .execute()
    const run = await createScheduleRun(db, { startDate: from, endDate: to, algorithm: 'cp_sat', status: 'completed', totalBlocksAssigned: blocks.length })
    const rows: NewAssignment[] = []
    for (const block of blocks) {
      const day = daysBetween(firstDate, block.date)
      const weekday = isoWeekday(block.date)
      for (let i = 0; i < peopleCount; i++) {
        if (i > 0 && (i + day) % (peopleCount - 1) < OFF_PER_DAY) continue
        const resident = i < residents
        const rotation =
          resident && weekday === 3 && block.timeOfDay === 'PM'
            ? ROTATIONS.length - 1
            : resident
              ? (block.blockNumber + i) % (ROTATIONS.length - 1)
              : i % 6
        rows.push({
          blockId: block.id,
          personId: peopleIds[i]!,
          rotationTemplateId: rotationTemplateIds[rotation]!,
          role: resident ? 'primary' : i % 7 === 0 ? 'backup' : 'supervising',
          scheduleRunId: run.id,
        })
      }
    }
    const t0 = performance.now()
    await insertYear(db, rows)
    insertMs += performance.now() - t0
    done += rows.length
    const seconds = (performance.now() - started) / 1000
    progress(
      `assignments: academic year ${y}: ${rows.length.toLocaleString('en')} rows; ${done.toLocaleString('en')} of ${expected.toLocaleString('en')} (${((100 * done) / expected).toFixed(0)}%), ${Math.round(done / seconds).toLocaleString('en')} rows/s`,
    )
  }
  counts.assignments = done
  counts.scheduleRuns = years

  await insertRows('absences', absenceRows(peopleIds, firstYear, years))
  await insertRows('callAssignments', callRows(peopleIds, residents, firstDate, lastDate))
  await insertRows('blockAssignments', blockAssignmentRows(peopleIds, residents, rotationTemplateIds, firstYear, years))
  progress(`absences ${counts.absences}, call assignments ${counts.callAssignments}, block rotations ${counts.blockAssignments}`)

  const typeIds: string[] = []
  for (const [k, name] of CERTIFICATIONS.entries()) {
    const row = await db
      .insertInto('certificationTypes')
      .values({ name, reminderDays180: k % 4 !== 3, reminderDays14: k % 3 !== 2 })
      .returning('id')
      .executeTakeFirstOrThrow()
    typeIds.push(row.id)
  }
  counts.certificationTypes = typeIds.length
  await insertRows('personCertifications', certificationRows(peopleIds, typeIds, asOf))
  const procedureIds: string[] = []
  for (const name of PROCEDURES) procedureIds.push((await db.insertInto('procedures').values({ name }).returning('id').executeTakeFirstOrThrow()).id)
  counts.procedures = procedureIds.length
  await insertRows('procedureCredentials', credentialRows(peopleIds, residents, procedureIds, asOf))

  const faculty = peopleIds.slice(residents)
  const swaps = swapRows(faculty, firstDate, lastDate)
  await insertRows('swapRecords', swaps)
  await insertRows('swapApprovals', approvalRows(swaps))
  progress(
    `certifications ${counts.personCertifications}, procedure credentials ${counts.procedureCredentials}, swaps ${counts.swapRecords} with ${counts.swapApprovals} approvals`,
  )

  return {
    firstDate,
    lastDate,
    featuredResidentId: peopleIds[0]!,
    featuredFacultyId: faculty[0]!,
    asOf,
    peopleIds,
    rotationTemplateIds,
    counts,
    assignmentInsert: { ms: insertMs, rows: done },
  }
}

const ABSENCE_TYPES = ['vacation', 'conference', 'sick', 'medical', 'deployment', 'tdy', 'family_emergency'] as const

function absenceRows(peopleIds: string[], firstYear: number, years: number): Insertable<AbsencesTable>[] {
  const rows: Insertable<AbsencesTable>[] = []
  peopleIds.forEach((personId, i) => {
    for (let y = firstYear; y < firstYear + years; y++) {
      const start = addDays(`${y}-07-01`, mix(i, y) % 300)
      rows.push({ personId, absenceType: 'vacation', startDate: start, endDate: addDays(start, 6) })
      const conference = addDays(start, 20 + (mix(y, i) % 30))
      rows.push({ personId, absenceType: 'conference', startDate: conference, endDate: addDays(conference, 2) })
      if (mix(i, y, 3) % 3 === 0) {
        const type = ABSENCE_TYPES[2 + (mix(i, y, 4) % (ABSENCE_TYPES.length - 2))]!
        const other = addDays(conference, 30 + (mix(i, y, 5) % 60))
        rows.push({ personId, absenceType: type, startDate: other, endDate: addDays(other, mix(i, y, 6) % 12), notes: `${type} leave` })
      }
    }
  })
  return rows
}

/** Overnight call Sunday to Thursday, weekend call Friday and Saturday (residents), backup call (faculty). */
function callRows(peopleIds: string[], residents: number, firstDate: string, lastDate: string): Insertable<CallAssignmentsTable>[] {
  const rows: Insertable<CallAssignmentsTable>[] = []
  const faculty = peopleIds.length - residents
  for (let d = 0, date = firstDate; date <= lastDate; d++, date = addDays(date, 1)) {
    const weekday = isoWeekday(date)
    const weekend = weekday === 5 || weekday === 6
    rows.push({ date, personId: peopleIds[mix(d) % residents]!, callType: weekend ? 'weekend' : 'overnight', isWeekend: weekday >= 6 })
    rows.push({ date, personId: peopleIds[residents + (d % faculty)]!, callType: 'backup', isWeekend: weekday >= 6 })
  }
  return rows
}

function blockAssignmentRows(
  peopleIds: string[],
  residents: number,
  templates: string[],
  firstYear: number,
  years: number,
): Insertable<BlockAssignmentsTable>[] {
  const rows: Insertable<BlockAssignmentsTable>[] = []
  for (let y = firstYear; y < firstYear + years; y++) {
    for (let i = 0; i < residents; i++) {
      for (let blockNumber = 0; blockNumber <= 13; blockNumber++) {
        const leave = mix(i, y, blockNumber) % 9 === 0
        rows.push({
          academicYear: y,
          blockNumber,
          residentId: peopleIds[i]!,
          rotationTemplateId: templates[(blockNumber + i) % (templates.length - 1)]!,
          hasLeave: leave,
          leaveDays: leave ? 7 : 0,
          assignmentReason: leave ? 'leave_eligible_match' : 'balanced',
        })
      }
    }
  }
  return rows
}

function certificationRows(peopleIds: string[], typeIds: string[], asOf: string): Insertable<PersonCertificationsTable>[] {
  const rows: Insertable<PersonCertificationsTable>[] = []
  peopleIds.forEach((personId, i) => {
    typeIds.forEach((certificationTypeId, k) => {
      if (k >= 4 && mix(i, k) % 2 === 0) return
      const expirationDate = addDays(asOf, (mix(i, k, 1) % 800) - 60)
      const days = daysBetween(asOf, expirationDate)
      rows.push({
        personId,
        certificationTypeId,
        certificationNumber: `C-${i}-${k}`,
        issuedDate: addDays(expirationDate, -730),
        expirationDate,
        status: days < 0 ? 'expired' : days <= 180 ? 'expiring_soon' : 'current',
        reminder180Sent: days <= 180 && mix(i, k, 2) % 2 === 0 ? new Date(`${addDays(expirationDate, -180)}T09:00:00Z`) : null,
      })
    })
  })
  return rows
}

function credentialRows(peopleIds: string[], residents: number, procedureIds: string[], asOf: string): Insertable<ProcedureCredentialsTable>[] {
  const rows: Insertable<ProcedureCredentialsTable>[] = []
  peopleIds.forEach((personId, i) => {
    if (i < residents && i % 3 !== 2) return
    procedureIds.forEach((procedureId, k) => {
      if (mix(i, k) % 3 === 0) return
      const h = mix(i, k, 7)
      rows.push({
        personId,
        procedureId,
        status: h % 10 === 0 ? 'suspended' : h % 10 === 1 ? 'pending' : 'active',
        competencyLevel: i < residents ? 'trainee' : (['qualified', 'expert', 'master'] as const)[h % 3],
        issuedDate: addDays(asOf, -400),
        expirationDate: h % 4 === 0 ? null : addDays(asOf, (h % 400) - 30),
      })
    })
  })
  return rows
}

const SWAP_STATUSES = ['executed', 'executed', 'approved', 'pending', 'rejected', 'cancelled', 'rolled_back'] as const

function swapRows(faculty: string[], firstDate: string, lastDate: string): Insertable<SwapRecordsTable>[] {
  const rows: Insertable<SwapRecordsTable>[] = []
  // FMIT weeks start on Monday
  let monday = addDays(firstDate, (8 - isoWeekday(firstDate)) % 7)
  for (let w = 0; monday <= addDays(lastDate, -7); w++, monday = addDays(monday, 7)) {
    if (w % 2 === 1) continue
    // the first faculty member is in a third of the swaps
    const source = w % 3 === 0 ? faculty[0]! : faculty[1 + (mix(w) % (faculty.length - 1))]!
    let target = faculty[1 + (mix(w, 1) % (faculty.length - 1))]!
    if (target === source) target = faculty[faculty.length - 1]!
    const absorb = w % 4 === 0
    const status = SWAP_STATUSES[mix(w, 2) % SWAP_STATUSES.length]!
    const requestedAt = new Date(`${addDays(monday, -21)}T${String(8 + (w % 9)).padStart(2, '0')}:00:00Z`)
    rows.push({
      id: uuidv7(),
      sourceFacultyId: source,
      sourceWeek: monday,
      targetFacultyId: target,
      targetWeek: absorb ? null : addDays(monday, 14),
      swapType: absorb ? 'absorb' : 'one_to_one',
      status,
      requestedAt,
      approvedAt: status === 'pending' || status === 'rejected' || status === 'cancelled' ? null : new Date(requestedAt.getTime() + 86_400_000),
      reason: 'FMIT coverage',
    })
  }
  return rows
}

/** The source's approval, and the target's answer once there is one. */
function approvalRows(swaps: Insertable<SwapRecordsTable>[]): Insertable<SwapApprovalsTable>[] {
  return swaps.flatMap((swap) => {
    const asked = swap.requestedAt as Date
    const answered = swap.status !== 'pending' && swap.status !== 'cancelled'
    const rows: Insertable<SwapApprovalsTable>[] = [
      { swapId: swap.id!, facultyId: swap.sourceFacultyId, role: 'source', approved: true, respondedAt: asked },
    ]
    rows.push({
      swapId: swap.id!,
      facultyId: swap.targetFacultyId,
      role: 'target',
      approved: answered ? swap.status !== 'rejected' : null,
      respondedAt: answered ? new Date(asked.getTime() + 3_600_000) : null,
    })
    return rows
  })
}
