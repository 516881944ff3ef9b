import { type Kysely, type Selectable, sql } from 'kysely'
import type { Database } from '../../src/schema/generated/database.js'

// A consumer of the generated types that queries 20 of the 100 tables the way an
// application would (joins, filters, aggregates, inserts, updates, upserts,
// deletes, a transaction). test/type-budget.test.ts type-checks this file alone
// with `tsc --extendedDiagnostics` and fails when its instantiation count grows
// more than 20% past budget.json: a cheap guard against a types change that
// makes every user's editor slow.

export async function consumer(db: Kysely<Database>) {
  // people, blocks, assignments, rotation_templates
  const schedule = await db
    .selectFrom('assignments as a')
    .innerJoin('blocks as b', 'b.id', 'a.blockId')
    .innerJoin('people as p', 'p.id', 'a.personId')
    .leftJoin('rotationTemplates as rt', 'rt.id', 'a.rotationTemplateId')
    .select(['a.id', 'a.role', 'b.date', 'b.timeOfDay', 'p.name', 'p.pgyLevel', 'rt.abbreviation', 'a.createdAt'])
    .where('b.date', '>=', '2025-07-01')
    .where('p.type', '=', 'resident')
    .orderBy('b.date')
    .orderBy('b.timeOfDay')
    .execute()

  // person_certifications, certification_types
  const expiring = await db
    .selectFrom('personCertifications as pc')
    .innerJoin('certificationTypes as ct', 'ct.id', 'pc.certificationTypeId')
    .select(['pc.id', 'pc.expirationDate', 'pc.status', 'ct.name', 'pc.reminder30Sent'])
    .where('pc.expirationDate', '<=', '2025-12-31')
    .where('pc.status', 'in', ['current', 'expiring_soon'])
    .execute()

  // swap_records, swap_approvals
  const swaps = await db
    .selectFrom('swapRecords')
    .selectAll()
    .where((eb) => eb.or([eb('sourceFacultyId', '=', 'f'), eb('targetFacultyId', '=', 'f')]))
    .where('status', '=', 'pending')
    .orderBy('requestedAt', 'desc')
    .limit(20)
    .execute()
  const approvals = await db
    .selectFrom('swapApprovals')
    .select(['swapId', (eb) => eb.fn.countAll<number>().as('count')])
    .where('swapId', 'in', swaps.map((s) => s.id))
    .groupBy('swapId')
    .execute()

  // absences, call_assignments
  const away = await db
    .selectFrom('absences')
    .select(['personId', 'startDate', 'endDate', 'absenceType'])
    .where('absenceType', '=', 'vacation')
    .where('endDate', '>=', '2025-07-01')
    .execute()
  const calls = await db
    .selectFrom('callAssignments')
    .innerJoin('people', 'people.id', 'callAssignments.personId')
    .select(['callAssignments.date', 'callAssignments.callType', 'people.name'])
    .where('callAssignments.isWeekend', '=', true)
    .execute()

  // clinic_sessions, conflict_alerts, faculty_preferences
  const clinics = await db.selectFrom('clinicSessions').selectAll().where('staffingStatus', '=', 'inadequate').execute()
  const alerts = await db
    .selectFrom('conflictAlerts')
    .select(['id', 'severity', 'fmitWeek', 'createdAt'])
    .where('status', '=', 'new')
    .execute()
  const preferences = await db
    .selectFrom('facultyPreferences')
    .select(['facultyId', 'preferredWeeks', 'maxWeeksPerMonth'])
    .executeTakeFirst()

  // feature_flags, notifications, users
  const flags = await db.selectFrom('featureFlags').select(['key', 'enabled', 'rolloutPercentage']).execute()
  await db
    .insertInto('notifications')
    .values({ recipientId: 'u', notificationType: 'swap', subject: 's', body: 'b', data: { swaps: swaps.length }, priority: 'high' })
    .execute()
  const unread = await db
    .selectFrom('notifications')
    .innerJoin('users', 'users.id', 'notifications.recipientId')
    .select(['users.username', 'users.role', (eb) => eb.fn.count<number>('notifications.id').as('unread')])
    .where('notifications.isRead', '=', false)
    .groupBy(['users.username', 'users.role'])
    .execute()

  // procedures, procedure_credentials
  const credentials = await db
    .selectFrom('procedureCredentials as c')
    .innerJoin('procedures as pr', 'pr.id', 'c.procedureId')
    .select(['c.personId', 'c.competencyLevel', 'pr.name', 'pr.minPgyLevel'])
    .where('c.status', '=', 'active')
    .execute()

  // schedule_runs, workflow_instances
  const run = await db
    .insertInto('scheduleRuns')
    .values({ startDate: '2025-07-01', endDate: '2026-06-30', algorithm: 'cp_sat', status: 'running', configJson: { seed: 1 } })
    .returning(['id', 'createdAt'])
    .executeTakeFirstOrThrow()
  await db.updateTable('scheduleRuns').set({ status: 'done', runtimeSeconds: 1.5 }).where('id', '=', run.id).execute()
  const workflows = await db
    .selectFrom('workflowInstances')
    .select(['id', 'status', 'startedAt'])
    .where('startedAt', '>', new Date('2025-01-01T00:00:00Z'))
    .execute()

  // upsert and delete in a transaction
  await db.transaction().execute(async (tx) => {
    await tx
      .insertInto('blocks')
      .values({ date: '2025-07-03', timeOfDay: 'AM', blockNumber: 1 })
      .onConflict((oc) => oc.columns(['date', 'timeOfDay']).doUpdateSet({ isHoliday: true }))
      .execute()
    await tx.deleteFrom('assignments').where('personId', '=', 'p').where('createdAt', '<', new Date()).execute()
    await tx.updateTable('people').set({ updatedAt: new Date(), pgyLevel: 2 }).where('id', '=', 'p').execute()
  })

  const person: Selectable<Database['people']> | undefined = await db.selectFrom('people').selectAll().executeTakeFirst()
  const count = await sql<{ n: number }>`select count(*) as n from people`.execute(db)
  return { schedule, expiring, approvals, away, calls, clinics, alerts, preferences, flags, unread, credentials, workflows, person, count }
}
