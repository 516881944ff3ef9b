import { type Kysely, sql } from 'kysely'
import type { ResidencyDatabase } from '../../src/connect.js'
import type { DialectName } from '../../src/dialect/dialect.js'
import type { Database } from '../../src/schema/generated/database.js'

/** People, blocks and rotation templates to hang audited rows on. */
export interface AuditFixture {
  people: string[]
  /** Blocks in date order, AM before PM, from 2025-07-01. */
  blocks: { id: string; date: string; timeOfDay: string }[]
  templates: string[]
}

const DAY_MS = 86_400_000

export async function seedAuditFixture(db: Kysely<Database>, people = 3, days = 4): Promise<AuditFixture> {
  const persons = await db
    .insertInto('people')
    .values(Array.from({ length: people }, (_, i) => ({ name: `Resident ${i + 1}`, type: 'resident', pgyLevel: (i % 3) + 1 })))
    .returning('id')
    .execute()
  const blockRows = []
  for (let d = 0; d < days; d++) {
    const date = new Date(Date.UTC(2025, 6, 1) + d * DAY_MS).toISOString().slice(0, 10)
    for (const timeOfDay of ['AM', 'PM'] as const) blockRows.push({ date, timeOfDay, blockNumber: 0, isWeekend: false })
  }
  const blocks = await db.insertInto('blocks').values(blockRows).returning(['id', 'date', 'timeOfDay']).execute()
  const templates = await db
    .insertInto('rotationTemplates')
    .values([
      { name: 'Clinic', activityType: 'clinic' },
      { name: 'Inpatient', activityType: 'inpatient' },
    ])
    .returning('id')
    .execute()
  blocks.sort((a, b) => (a.date + a.timeOfDay < b.date + b.timeOfDay ? -1 : 1))
  return { people: persons.map((p) => p.id), blocks, templates: templates.map((t) => t.id) }
}

/** Every version row of one audited row, oldest first. */
export function versionsOf(db: Kysely<Database>, table: 'assignments' | 'absences', id: string) {
  const version = table === 'assignments' ? 'assignmentsVersion' : 'absencesVersion'
  return (db as unknown as Kysely<any>)
    .selectFrom(version)
    .selectAll()
    .where('id', '=', id)
    .orderBy('transactionId')
    .execute() as Promise<Record<string, any>[]>
}

export async function transactionCount(db: Kysely<Database>): Promise<number> {
  const { n } = await db.selectFrom('transaction').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()
  return Number(n)
}

export async function versionCount(db: Kysely<Database>): Promise<number> {
  const tables = ['absencesVersion', 'assignmentsVersion', 'scheduleRunsVersion', 'swapRecordsVersion'] as const
  let total = 0
  for (const t of tables) {
    const { n } = await db.selectFrom(t).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()
    total += Number(n)
  }
  return total
}

/** The trigger and function names the audit migration installs, as the catalog lists them. */
const AUDIT_OBJECTS: Record<DialectName, string> = {
  sqlite: `select name from sqlite_master where type = 'trigger' and name like 'audit\\_%' escape '\\'`,
  postgres: `select tgname as name from pg_trigger where tgname like 'audit\\_%'
             union all select proname from pg_proc where proname like 'residency\\_audit\\_%'`,
}

export async function auditObjects(rdb: ResidencyDatabase): Promise<string[]> {
  const { rows } = await sql.raw<{ name: string }>(AUDIT_OBJECTS[rdb.dialect]).execute(rdb.db)
  return rows.map((r) => r.name).sort()
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/**
 * A time strictly between the transactions before and after the call
 * (transaction times have millisecond precision).
 */
export async function momentBetween(): Promise<Date> {
  await sleep(3)
  const at = new Date()
  await sleep(3)
  return at
}
