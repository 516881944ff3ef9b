import type { InsertResult, Insertable, Kysely, Transaction } from 'kysely'
import { generateAcademicYearBlocks } from '../repositories/blocks.js'
import { addDays, daysBetween, isoWeekday } from '../repositories/iso-dates.js'
import type {
  AbsencesTable,
  AssignmentsTable,
  CertificationTypesTable,
  Database,
  PeopleTable,
  PersonCertificationsTable,
  RotationTemplatesTable,
  SwapApprovalsTable,
  SwapRecordsTable,
} from '../schema/generated/database.js'
import {
  DEMO_ABSENCES,
  DEMO_ACADEMIC_YEAR,
  DEMO_AS_OF,
  DEMO_CERTIFICATION_TYPES,
  DEMO_CERTIFICATIONS,
  DEMO_DEFAULT_EXPIRATION,
  DEMO_FACULTY,
  DEMO_RESIDENTS,
  DEMO_ROTATIONS,
  DEMO_SWAPS,
  DEMO_WEEKS,
  type DemoRotation,
  demoId,
  residentRotation,
} from './demo-program.js'

/** Rows per insert statement: well under SQLite's parameter limit for any of these tables. */
const BATCH = 200

/**
 * Loads the demo program (see demo-program.ts) in one transaction: the 2025
 * academic year's blocks, 12 residents and 6 faculty, rotation templates, three
 * weeks of assignments, absences, certifications, and FMIT swaps with their
 * approvals. Ids are derived from natural keys and rows whose id exists are
 * skipped, so loading it again adds nothing. Needs the fully migrated schema.
 *
 * @returns the new rows per table (camelCase name): all zero when the program was already loaded
 */
export async function seedDemoProgram(db: Kysely<Database>): Promise<Record<string, number>> {
  return db.transaction().execute(async (tx) => {
    const insertNew = async <T>(rows: T[], insert: (batch: T[]) => Promise<InsertResult>): Promise<number> => {
      let inserted = 0
      for (let i = 0; i < rows.length; i += BATCH) {
        inserted += Number((await insert(rows.slice(i, i + BATCH))).numInsertedOrUpdatedRows ?? 0)
      }
      return inserted
    }
    return {
      blocks: (await generateAcademicYearBlocks(tx, { academicYear: DEMO_ACADEMIC_YEAR })).inserted,
      people: await insertNew(peopleRows(), (b) =>
        tx.insertInto('people').values(b).onConflict((oc) => oc.column('id').doNothing()).executeTakeFirst(),
      ),
      rotationTemplates: await insertNew(rotationRows(), (b) =>
        tx.insertInto('rotationTemplates').values(b).onConflict((oc) => oc.column('id').doNothing()).executeTakeFirst(),
      ),
      absences: await insertNew(absenceRows(), (b) =>
        tx.insertInto('absences').values(b).onConflict((oc) => oc.column('id').doNothing()).executeTakeFirst(),
      ),
      assignments: await insertNew(await assignmentRows(tx), (b) =>
        tx.insertInto('assignments').values(b).onConflict((oc) => oc.column('id').doNothing()).executeTakeFirst(),
      ),
      certificationTypes: await insertNew(certificationTypeRows(), (b) =>
        tx.insertInto('certificationTypes').values(b).onConflict((oc) => oc.column('id').doNothing()).executeTakeFirst(),
      ),
      personCertifications: await insertNew(personCertificationRows(), (b) =>
        tx.insertInto('personCertifications').values(b).onConflict((oc) => oc.column('id').doNothing()).executeTakeFirst(),
      ),
      swapRecords: await insertNew(swapRows(), (b) =>
        tx.insertInto('swapRecords').values(b).onConflict((oc) => oc.column('id').doNothing()).executeTakeFirst(),
      ),
      swapApprovals: await insertNew(approvalRows(), (b) =>
        tx.insertInto('swapApprovals').values(b).onConflict((oc) => oc.column('id').doNothing()).executeTakeFirst(),
      ),
    }
  })
}

const personId = (name: string) => demoId('people', name)
const email = (name: string) => `${name.replace(/^Dr\. /, '').toLowerCase().replace(/[^a-z]+/g, '.')}@demo.residency.example`

function peopleRows(): Insertable<PeopleTable>[] {
  return [
    ...DEMO_RESIDENTS.map((r) => ({ id: personId(r.name), name: r.name, type: 'resident' as const, email: email(r.name), pgyLevel: r.pgyLevel })),
    ...DEMO_FACULTY.map((f) => ({
      id: personId(f.name),
      name: f.name,
      type: 'faculty' as const,
      email: email(f.name),
      facultyRole: f.role,
      performsProcedures: f.role === 'sports_med',
      specialties: f.role === 'sports_med' ? ['Sports Medicine', 'Family Medicine'] : ['Family Medicine'],
    })),
  ]
}

const rotationId = (rotation: DemoRotation) => demoId('rotation_templates', rotation)

function rotationRows(): Insertable<RotationTemplatesTable>[] {
  return Object.entries(DEMO_ROTATIONS).map(([key, r]) => ({ id: rotationId(key as DemoRotation), ...r }))
}

function absenceRows(): Insertable<AbsencesTable>[] {
  return DEMO_ABSENCES.map((a) => ({
    id: demoId('absences', `${a.person}:${a.start}`),
    personId: personId(a.person),
    absenceType: a.type,
    startDate: a.start,
    endDate: a.end,
    notes: a.notes ?? null,
  }))
}

function isAbsent(name: string, date: string): boolean {
  return DEMO_ABSENCES.some((a) => a.person === name && a.start <= date && date <= a.end)
}

/** Weekday half-days of the demo weeks: residents on their rotations, faculty supervising. */
async function assignmentRows(tx: Transaction<Database>): Promise<Insertable<AssignmentsTable>[]> {
  const from = DEMO_WEEKS[0]!
  const to = addDays(DEMO_WEEKS.at(-1)!, 4)
  const blocks = await tx.selectFrom('blocks').select(['id', 'date', 'timeOfDay']).where('date', '>=', from).where('date', '<=', to).execute()
  const rows: Insertable<AssignmentsTable>[] = []
  for (const block of blocks) {
    const weekday = isoWeekday(block.date)
    const timeOfDay = block.timeOfDay as 'AM' | 'PM'
    if (weekday > 5) continue
    const add = (name: string, rotation: DemoRotation, role: 'primary' | 'supervising') => {
      if (isAbsent(name, block.date)) return
      const id = demoId('assignments', `${name}:${block.date}:${timeOfDay}`)
      rows.push({ id, blockId: block.id, personId: personId(name), rotationTemplateId: rotationId(rotation), role })
    }
    DEMO_RESIDENTS.forEach((r, i) => add(r.name, residentRotation(r, i, weekday, timeOfDay), 'primary'))
    for (const f of DEMO_FACULTY) {
      const rotation = weekday === 3 && timeOfDay === 'PM' ? (f.role === 'pd' ? 'didactics' : null) : f.supervises[timeOfDay]
      if (rotation) add(f.name, rotation, 'supervising')
    }
  }
  return rows
}

function certificationTypeRows(): Insertable<CertificationTypesTable>[] {
  return DEMO_CERTIFICATION_TYPES.map((t) => ({ id: demoId('certification_types', t.name), ...t }))
}

/** The stored status as a coordinator's tool would have set it on DEMO_AS_OF. */
function certificationStatus(expires: string): 'current' | 'expiring_soon' | 'expired' {
  const days = daysBetween(DEMO_AS_OF, expires)
  return days < 0 ? 'expired' : days <= 180 ? 'expiring_soon' : 'current'
}

function personCertificationRows(): Insertable<PersonCertificationsTable>[] {
  const everyone = [...DEMO_RESIDENTS, ...DEMO_FACULTY].map((p) => p.name)
  const expirations = new Map<string, string>()
  for (const name of everyone) {
    for (const type of ['BLS', 'ACLS']) expirations.set(`${name}|${type}`, DEMO_DEFAULT_EXPIRATION)
  }
  for (const c of DEMO_CERTIFICATIONS) expirations.set(`${c.person}|${c.type}`, c.expires)
  return [...expirations].map(([key, expires]) => {
    const [name, type] = key.split('|') as [string, string]
    return {
      id: demoId('person_certifications', key),
      personId: personId(name),
      certificationTypeId: demoId('certification_types', type),
      certificationNumber: `${type}-${demoId('number', key).slice(0, 8).toUpperCase()}`,
      issuedDate: addDays(expires, -730),
      expirationDate: expires,
      status: certificationStatus(expires),
    }
  })
}

const HOUR = 3_600_000

function swapRows(): Insertable<SwapRecordsTable>[] {
  return DEMO_SWAPS.map((s) => {
    const requestedAt = new Date(s.requestedAt)
    const approvedAt = ['approved', 'executed', 'rolled_back'].includes(s.status) ? new Date(requestedAt.getTime() + 24 * HOUR) : null
    const executedAt = ['executed', 'rolled_back'].includes(s.status) ? new Date(requestedAt.getTime() + 72 * HOUR) : null
    const rolledBack = s.status === 'rolled_back' && executedAt !== null
    return {
      id: demoId('swap_records', s.key),
      sourceFacultyId: personId(s.source),
      targetFacultyId: personId(s.target),
      sourceWeek: s.sourceWeek,
      targetWeek: s.targetWeek,
      swapType: s.targetWeek === null ? 'absorb' : 'one_to_one',
      status: s.status,
      requestedAt,
      approvedAt,
      executedAt,
      rolledBackAt: rolledBack ? new Date(executedAt.getTime() + 2 * HOUR) : null,
      rollbackReason: rolledBack ? 'Jury duty was cancelled; original week restored' : null,
      reason: s.reason,
    }
  })
}

function approvalRows(): Insertable<SwapApprovalsTable>[] {
  return DEMO_SWAPS.flatMap((s) =>
    s.approvals.map((a) => ({
      id: demoId('swap_approvals', `${s.key}:${a.role}`),
      swapId: demoId('swap_records', s.key),
      facultyId: personId(a.faculty),
      role: a.role,
      approved: a.approved,
      respondedAt: a.respondedAt === null ? null : new Date(a.respondedAt),
    })),
  )
}
