import { CompiledQuery, type DatabaseConnection, Kysely, sql } from 'kysely'
import { beforeAll, expect, it } from 'vitest'
import { seedScaleProgram, type ScaleProgram } from '../scripts/seed-scale-program.js'
import {
  getAbsencesInRange,
  getBlockAssignments,
  getCallEquity,
  getCertificationsNeedingReminder,
  getExpiringCertifications,
  getExpiringProcedureCredentials,
  getHalfDay,
  getPersonSchedule,
  getSwapHistory,
  getValidProcedureCredentials,
  type Database,
  type Executor,
} from '../src/index.js'
import { addDays } from '../src/repositories/iso-dates.js'
import { forEachDriver } from './setup.js'

/** Tables that must never be read in full: they grow with every year of the program. */
const WATCHED = ['assignments', 'blocks', 'person_certifications']

/**
 * `db` with its executor wrapped to record every query it runs, as the driver
 * receives it (SQL and parameters): those through `executeQuery` and the
 * library's prepared queries, which go to the connection directly.
 */
function recording(db: Kysely<Database>): { db: Executor; queries: CompiledQuery[] } {
  const queries: CompiledQuery[] = []
  const executor = db.getExecutor()
  // at the connection: the library's prepared queries go straight to it
  const recordingConnection = (connection: DatabaseConnection): DatabaseConnection => ({
    executeQuery: (query) => {
      queries.push(query)
      return connection.executeQuery(query)
    },
    streamQuery: (query, chunkSize) => connection.streamQuery(query, chunkSize),
  })
  const recorder = new Proxy(executor, {
    get(target, property) {
      if (property === 'provideConnection') {
        return <T>(consumer: (connection: DatabaseConnection) => Promise<T>, options?: unknown) =>
          target.provideConnection((connection) => consumer(recordingConnection(connection)), options as never)
      }
      if (property === 'executeQuery') {
        return (query: CompiledQuery, options?: unknown) => {
          queries.push(query)
          return target.executeQuery(query, options as never)
        }
      }
      const value: unknown = Reflect.get(target, property)
      return typeof value === 'function' ? value.bind(target) : value
    },
  })
  // Kysely's own constructor form for a Kysely over a given executor (what withPlugin does)
  return { db: new Kysely<Database>({ config: {}, dialect: {}, driver: {}, executor: recorder } as never), queries }
}

interface PlanNode {
  'Node Type': string
  'Relation Name'?: string
  'Index Cond'?: string
  Plans?: PlanNode[]
}

function postgresFullScans(node: PlanNode): string[] {
  const here =
    node['Relation Name'] !== undefined &&
    WATCHED.includes(node['Relation Name']) &&
    (node['Node Type'] === 'Seq Scan' || (/Index( Only)? Scan/.test(node['Node Type']) && node['Index Cond'] === undefined))
      ? [`${node['Node Type']} on ${node['Relation Name']}`]
      : []
  return [...here, ...(node.Plans ?? []).flatMap(postgresFullScans)]
}

/** The full scans of watched tables in a query's plan, and the plan as text. */
async function fullScans(db: Executor, sqlite: boolean, query: CompiledQuery): Promise<{ scans: string[]; plan: string }> {
  if (sqlite) {
    const { rows } = await db.executeQuery<{ detail: string }>(CompiledQuery.raw(`explain query plan ${query.sql}`, [...query.parameters]))
    const details = rows.map((r) => r.detail)
    // SEARCH is an index lookup; SCAN reads the whole table (or a whole index)
    return { scans: details.filter((d) => new RegExp(`^SCAN (${WATCHED.join('|')})\\b`).test(d)), plan: details.join('\n') }
  }
  const { rows } = await db.executeQuery<Record<string, unknown>>(CompiledQuery.raw(`explain (format json) ${query.sql}`, [...query.parameters]))
  const cell = Object.values(rows[0]!)[0]
  const [{ Plan }] = (typeof cell === 'string' ? JSON.parse(cell) : cell) as [{ Plan: PlanNode }]
  return { scans: postgresFullScans(Plan), plan: JSON.stringify(Plan) }
}

/** The plan PostgreSQL makes when it must use an index wherever one applies: a full scan left means none can. */
async function indexedScans(db: Kysely<Database>, query: CompiledQuery): Promise<{ scans: string[]; plan: string }> {
  return db.transaction().execute(async (tx) => {
    await sql`set local enable_seqscan = off`.execute(tx)
    return fullScans(tx, false, query)
  })
}

forEachDriver('query plans', (ctx) => {
  let db: Kysely<Database>
  let program: ScaleProgram
  let sqlite: boolean

  beforeAll(async () => {
    const rdb = await ctx.open()
    await rdb.migrateToLatest()
    db = rdb.db
    sqlite = rdb.dialect === 'sqlite'
    // two academic years, 30 people: 21,900 assignments
    program = await seedScaleProgram(db, { years: 2, people: 30 })
    // the statistics a server gathers on its own (autovacuum); SQLite is left without, as users leave it
    if (!sqlite) await sql`analyze`.execute(db)
  }, 300_000)

  const month = () => ({ from: addDays(program.firstDate, 400), to: addDays(program.firstDate, 430) })
  const calls: Record<string, (db: Executor) => Promise<unknown>> = {
    getPersonSchedule: (db) => getPersonSchedule(db, { personId: program.featuredResidentId, ...month() }),
    getHalfDay: (db) => getHalfDay(db, { date: month().from, timeOfDay: 'PM' }),
    getExpiringCertifications: (db) => getExpiringCertifications(db, { withinDays: 90, asOf: program.asOf }),
    'getExpiringCertifications of a person': (db) =>
      getExpiringCertifications(db, { withinDays: 365, asOf: program.asOf, personId: program.featuredResidentId }),
    getCertificationsNeedingReminder: (db) => getCertificationsNeedingReminder(db, { asOf: program.asOf }),
    getSwapHistory: (db) => getSwapHistory(db, { facultyId: program.featuredFacultyId, status: ['executed', 'approved'], from: program.firstDate }),
    getAbsencesInRange: (db) => getAbsencesInRange(db, month()),
    getCallEquity: (db) => getCallEquity(db, month()),
    getBlockAssignments: (db) => getBlockAssignments(db, { academicYear: Number(program.firstDate.slice(0, 4)), blockNumber: 3 }),
    getValidProcedureCredentials: (db) => getValidProcedureCredentials(db, { asOf: program.asOf }),
    getExpiringProcedureCredentials: (db) => getExpiringProcedureCredentials(db, { asOf: program.asOf, withinDays: 60 }),
  }

  // SQLite (no statistics, as users leave it) must use an index for every watched table.
  // PostgreSQL plans by statistics: with 180 certification rows (two pages; the unique
  // (person, type) bounds the table to people x types) a sequential scan is its right
  // choice, so there the planner's own plan must not read assignments or blocks in full,
  // and with sequential scans disabled no watched table may be read in full: an index
  // serves every predicate.
  for (const [name, call] of Object.entries(calls)) {
    it(`${name} reads ${WATCHED.join(', ')} through indexes`, async () => {
      const { db: recorded, queries } = recording(db)
      await call(recorded)
      expect(queries.length).toBeGreaterThan(0)
      for (const query of queries) {
        const chosen = await fullScans(db, sqlite, query)
        const scans = sqlite ? chosen.scans : chosen.scans.filter((scan) => !scan.endsWith(' on person_certifications'))
        expect(scans, `${query.sql}\n${chosen.plan}`).toEqual([])
        if (!sqlite) {
          const forced = await indexedScans(db, query)
          expect(forced.scans, `${query.sql}\n${forced.plan}`).toEqual([])
        }
      }
    })
  }

  it('sees a full scan when a query has no index to use', async () => {
    const query = db.selectFrom('assignments').selectAll().where('notes', '=', 'no index on notes').compile()
    expect((await fullScans(db, sqlite, query)).scans).toEqual([sqlite ? 'SCAN assignments' : 'Seq Scan on assignments'])
    if (!sqlite) expect((await indexedScans(db, query)).scans).toEqual(['Seq Scan on assignments'])
  })

  it('the person schedule drives from the blocks of the range and probes the unique (block, person) index', async () => {
    const { db: recorded, queries } = recording(db)
    await calls.getPersonSchedule!(recorded)
    const { plan } = await fullScans(db, sqlite, queries[0]!)
    if (sqlite) {
      expect(plan.split('\n').slice(0, 2)).toEqual([
        expect.stringMatching(/^SEARCH blocks USING INDEX \S+ \(date>\? AND date<\?\)$/),
        expect.stringMatching(/^SEARCH assignments USING INDEX \S+ \(block_id=\? AND person_id=\?\)$/),
      ])
    } else {
      // the planner picks the assignments index by its statistics: (block_id, person_id) or block_id
      expect(plan).toMatch(/"Relation Name":"blocks","Alias":"blocks",[^}]*"Index Cond":"\(\(date >= /)
      expect(plan).toMatch(/"Relation Name":"assignments","Alias":"assignments",[^}]*"Index Cond":"\(\(?block_id = blocks\.id/)
    }
  })
})
