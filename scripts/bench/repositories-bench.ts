/**
 * The four core query patterns and the bulk insert at a program's real scale
 * (see scripts/seed-scale-program.ts: ten academic years, 150 people, ~986,000
 * assignments; BENCH_SCALE=small builds two years), on better-sqlite3 and pg.
 *
 * Each library call is measured against the same query on the raw driver in
 * its fastest form: a reused prepared statement reading array rows, and the
 * same result objects built in plain code (decoding included, and for names
 * the same sort), checked deep-equal with the library's once per case.
 * insertAssignments of one academic year is measured against a raw batched
 * insert of the same rows with the same batch size.
 */
import { isDeepStrictEqual } from 'node:util'
import { rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import BetterSqlite3 from 'better-sqlite3'
import pg from 'pg'
import { scratchPostgresDatabase } from '../support/scratch-database.js'
import { sql } from 'kysely'
import { camelName } from '../../src/codec/names.js'
import { parseUtcTimestamp } from '../../src/codec/values.js'
import { createDatabase, type ResidencyDatabase } from '../../src/connect.js'
import { SqliteAuditSession } from '../../src/audit/sqlite-audit-session.js'
import { postgresTypeParsers } from '../../src/dialect/postgres/postgres-codecs.js'
import {
  generateAcademicYearBlocks,
  getExpiringCertifications,
  getHalfDay,
  getPersonSchedule,
  getSwapHistory,
  insertAssignments,
  type NewAssignment,
} from '../../src/index.js'
import { addDays, daysBetween } from '../../src/repositories/iso-dates.js'
import { columnTypes } from '../../src/schema/generated/column-types.js'
import type { LogicalType } from '../../src/schema/logical-types.js'
import { seedScaleProgram, type ScaleProgram } from '../seed-scale-program.js'
import { rawPgInserter, rawSqliteInserter } from '../seed-raw-insert.js'
import { measure } from './measure.js'

export interface RepositoryBenchOptions {
  rounds: number
  /** 'full' (ten years) or 'small' (two). */
  scale: 'full' | 'small'
  postgresUrl?: string
  /** Only these drivers (default: better-sqlite3, and pg with a URL). */
  drivers?: readonly Driver[]
}

interface CaseResult {
  rows: number
  libraryMs: number
  rawMs: number
  ratio: number
}

export type Driver = 'better-sqlite3' | 'pg'

/** Runs raw SQL the fastest way the driver has: prepared once, array rows. */
interface RawRunner {
  all(name: string, text: string, params: unknown[]): Promise<unknown[][]> | unknown[][]
  insert(rows: readonly NewAssignment[]): Promise<number> | number
  close(): Promise<void> | void
}

// ---- the same result objects in plain code ------------------------------------------------

const collator = new Intl.Collator('en')
const byCode = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)

type Decode = (v: any) => unknown
const SQLITE_DECODE: Partial<Record<LogicalType, Decode>> = {
  boolean: (v) => v !== 0,
  timestamp: (v) => parseUtcTimestamp(v),
  timestamptz: (v) => parseUtcTimestamp(v),
  json: (v) => JSON.parse(v),
  string_array: (v) => JSON.parse(v),
  vector: (v) => JSON.parse(v),
}

/** `t.col1, t.col2, …` for every column of a table, in table order. */
function columnList(table: string, alias = table): string {
  return Object.keys(columnTypes[table]!)
    .map((c) => `${alias}.${c}`)
    .join(', ')
}

function width(table: string): number {
  return Object.keys(columnTypes[table]!).length
}

/**
 * The row object of `table` from cells `start…` of an array row: what a
 * person would write out by hand, column by column (generated here only to
 * spare writing out 70 columns), decoding as the driver needs.
 */
function objectBuilder(table: string, start: number, driver: Driver, nullable = false): (r: unknown[]) => any {
  const decoders: Decode[] = []
  const fields = Object.entries(columnTypes[table]!).map(([column, logical], i) => {
    const decode = driver === 'better-sqlite3' ? SQLITE_DECODE[logical] : undefined
    const cell = `r[${start + i}]`
    if (!decode) return `${JSON.stringify(camelName(column))}: ${cell}`
    decoders.push(decode)
    return `${JSON.stringify(camelName(column))}: ${cell} === null ? null : d${decoders.length - 1}(${cell})`
  })
  const body = `return ${nullable ? `r[${start}] === null ? null : ` : ''}{ ${fields.join(', ')} }`
  // eslint-disable-next-line @typescript-eslint/no-implied-eval
  return new Function(...decoders.map((_, i) => `d${i}`), `return function (r) { ${body} }`)(...decoders)
}

function placeholders(driver: Driver, text: string): string {
  return driver === 'pg' ? text : text.replace(/\$\d+/g, '?')
}

export function rawQueries(driver: Driver, raw: RawRunner) {
  const a = width('assignments')
  const b = width('blocks')
  const p = width('people')
  const pc = width('person_certifications')
  const s = width('swap_records')

  const scheduleSql = placeholders(
    driver,
    `select ${columnList('assignments')}, ${columnList('blocks')}, ${columnList('rotation_templates')}
     from blocks cross join assignments left join rotation_templates on rotation_templates.id = assignments.rotation_template_id
     where assignments.block_id = blocks.id and assignments.person_id = $1 and blocks.date >= $2 and blocks.date <= $3
     order by blocks.date, blocks.time_of_day, assignments.id`,
  )
  const scheduleA = objectBuilder('assignments', 0, driver)
  const scheduleB = objectBuilder('blocks', a, driver)
  const scheduleT = objectBuilder('rotation_templates', a + b, driver, true)

  const halfDaySql = placeholders(
    driver,
    `select ${columnList('blocks')}, ${columnList('assignments')}, ${columnList('people')}, ${columnList('rotation_templates')}
     from blocks left join assignments on assignments.block_id = blocks.id
     left join people on people.id = assignments.person_id
     left join rotation_templates on rotation_templates.id = assignments.rotation_template_id
     where blocks.date = $1 and blocks.time_of_day = $2 order by people.name, assignments.id`,
  )
  const halfB = objectBuilder('blocks', 0, driver)
  const halfA = objectBuilder('assignments', b, driver)
  const halfP = objectBuilder('people', b + a, driver)
  const halfT = objectBuilder('rotation_templates', b + a + p, driver, true)

  const certsSql = placeholders(
    driver,
    `select ${columnList('person_certifications')}, ${columnList('people')}, ${columnList('certification_types')}
     from person_certifications inner join people on people.id = person_certifications.person_id
     inner join certification_types on certification_types.id = person_certifications.certification_type_id
     where person_certifications.expiration_date >= $1 and person_certifications.expiration_date <= $2
     order by person_certifications.expiration_date, people.name, person_certifications.id`,
  )
  const certC = objectBuilder('person_certifications', 0, driver)
  const certP = objectBuilder('people', pc, driver)
  const certT = objectBuilder('certification_types', pc + p, driver)

  const swapsSql = placeholders(
    driver,
    `with page as (
       select swap_records.*, count(*) over () as total from swap_records
       where swap_records.source_faculty_id = $1 or swap_records.target_faculty_id = $2
       order by requested_at desc, id limit $3 offset $4)
     select ${columnList('swap_records', 'page')}, page.total, ${columnList('people', 'source')}, ${columnList('people', 'target')}, ${columnList('swap_approvals')}
     from page inner join people as source on source.id = page.source_faculty_id
     inner join people as target on target.id = page.target_faculty_id
     left join swap_approvals on swap_approvals.swap_id = page.id
     order by page.requested_at desc, page.id, swap_approvals.id`,
  )
  const swapS = objectBuilder('swap_records', 0, driver)
  const swapSrc = objectBuilder('people', s + 1, driver)
  const swapTgt = objectBuilder('people', s + 1 + p, driver)
  const swapAp = objectBuilder('swap_approvals', s + 1 + 2 * p, driver, true)

  return {
    async schedule(personId: string, from: string, to: string) {
      const rows = await raw.all('schedule', scheduleSql, [personId, from, to])
      return rows.map((r) => ({ assignment: scheduleA(r), block: scheduleB(r), rotationTemplate: scheduleT(r) }))
    },
    async halfDay(date: string, timeOfDay: string) {
      const rows = await raw.all('half_day', halfDaySql, [date, timeOfDay])
      if (rows.length === 0) return null
      const assignments = []
      for (const r of rows) if (r[b] !== null) assignments.push({ assignment: halfA(r), person: halfP(r), rotationTemplate: halfT(r) })
      assignments.sort((x, y) => collator.compare(x.person.name, y.person.name) || byCode(x.assignment.id, y.assignment.id))
      return { block: halfB(rows[0]!), assignments }
    },
    async certs(asOf: string, withinDays: number) {
      const rows = await raw.all('certs', certsSql, [asOf, addDays(asOf, withinDays)])
      const items = rows.map((r) => {
        const certification = certC(r)
        return { certification, person: certP(r), certificationType: certT(r), daysUntilExpiration: daysBetween(asOf, certification.expirationDate) }
      })
      return items.sort(
        (x, y) =>
          byCode(x.certification.expirationDate, y.certification.expirationDate) ||
          collator.compare(x.person.name, y.person.name) ||
          byCode(x.certification.id, y.certification.id),
      )
    },
    async swaps(facultyId: string, page: number, pageSize: number) {
      const rows = await raw.all('swaps', swapsSql, [facultyId, facultyId, pageSize, (page - 1) * pageSize])
      const items: any[] = []
      let current: any
      for (const r of rows) {
        if (current === undefined || current.swap.id !== r[0]) {
          current = { swap: swapS(r), sourceFaculty: swapSrc(r), targetFaculty: swapTgt(r), approvals: [] }
          items.push(current)
        }
        const approval = swapAp(r)
        if (approval !== null) current.approvals.push(approval)
      }
      const total = rows.length === 0 ? 0 : Number(rows[0]![s])
      return { items, total, page, pageSize, pages: Math.ceil(total / pageSize) }
    },
  }
}

// ---- drivers ------------------------------------------------------------------------------

async function openSqlite(): Promise<{ rdb: ResidencyDatabase; raw: RawRunner; cleanup: () => void }> {
  const file = `${tmpdir()}/residency-repo-bench-${process.pid}.db`
  const remove = () => {
    for (const suffix of ['', '-wal', '-shm']) rmSync(`${file}${suffix}`, { force: true })
  }
  remove()
  const rdb = await createDatabase(`sqlite:${file}`)
  await rdb.migrateToLatest()
  const db = new BetterSqlite3(file)
  db.pragma('foreign_keys = ON')
  // the audit triggers call these functions, as they do on the library's connections
  const session = new SqliteAuditSession(db)
  const statements = new Map<string, BetterSqlite3.Statement>()
  const insert = rawSqliteInserter(db, () => session.afterStatement(false))
  const raw: RawRunner = {
    all(name, text, params) {
      let stmt = statements.get(name)
      if (!stmt) statements.set(name, (stmt = db.prepare(text).raw(true)))
      return stmt.all(params) as unknown[][]
    },
    insert,
    close: () => {
      db.close()
    },
  }
  return { rdb, raw, cleanup: remove }
}

async function openPg(url: string): Promise<{ rdb: ResidencyDatabase; raw: RawRunner; cleanup: () => Promise<void> }> {
  const scratch = scratchPostgresDatabase(url, `rdb_repo_bench_${process.pid}`)
  await scratch.create()
  const rdb = await createDatabase({ url: scratch.url, poolSize: 1 })
  await rdb.migrateToLatest()
  // the raw client parses values as the library's pool does, so both build the same objects
  const parsers = postgresTypeParsers()
  const client = new pg.Client({
    connectionString: scratch.url,
    options: '-c TimeZone=UTC',
    types: { getTypeParser: (oid: number, format?: 'text' | 'binary') => parsers[oid] ?? pg.types.getTypeParser(oid, format as 'text') },
  })
  await client.connect()
  const insert = rawPgInserter(client)
  const raw: RawRunner = {
    async all(statement, text, values) {
      return (await client.query({ name: `bench_${statement}`, text, values, rowMode: 'array' })).rows as unknown[][]
    },
    insert,
    close: () => client.end(),
  }
  return { rdb, raw, cleanup: scratch.cleanup }
}

// ---- the bench ----------------------------------------------------------------------------

function check(label: string, library: unknown, raw: unknown): void {
  if (!isDeepStrictEqual(library, raw)) throw new Error(`${label}: the raw baseline does not build the library's result`)
}

/** One academic year's assignments after the program: the rows a schedule run would insert. */
async function nextYearRows(rdb: ResidencyDatabase, program: ScaleProgram, year: number): Promise<NewAssignment[]> {
  await generateAcademicYearBlocks(rdb.db, { academicYear: year })
  const blocks = await rdb.db
    .selectFrom('blocks')
    .select(['id', 'blockNumber'])
    .where('date', '>=', `${year}-07-01`)
    .where('date', '<=', `${year + 1}-06-30`)
    .orderBy('date')
    .orderBy('timeOfDay')
    .execute()
  const people = program.peopleIds
  const rows: NewAssignment[] = []
  blocks.forEach((block, k) => {
    for (let i = 0; i < people.length; i++) {
      if (i > 0 && (i + (k >> 1)) % (people.length - 1) < 15) continue
      rows.push({
        blockId: block.id,
        personId: people[i]!,
        rotationTemplateId: program.rotationTemplateIds[(block.blockNumber + i) % 11]!,
        role: 'primary',
      })
    }
  })
  return rows
}

async function benchDriver(
  driver: Driver,
  opened: { rdb: ResidencyDatabase; raw: RawRunner },
  options: RepositoryBenchOptions,
): Promise<Record<string, CaseResult>> {
  const { rdb, raw } = opened
  const years = options.scale === 'full' ? 10 : 2
  const started = performance.now()
  const program = await seedScaleProgram(rdb.db, { years, progress: (line) => console.log(`  ${driver} seed: ${line}`) })
  console.log(`  ${driver}: seeded in ${((performance.now() - started) / 1000).toFixed(0)} s`)
  // a production server has statistics (autovacuum gathers them); SQLite is left without, as a library's user would
  if (driver === 'pg') await sql`analyze`.execute(rdb.db)
  const db = rdb.db
  const q = rawQueries(driver, raw)
  const month = { from: addDays(program.firstDate, 365 * Math.floor(years / 2) + 243), to: '' }
  month.to = addDays(month.from, 30)
  const halfDay = { date: addDays(month.from, 10), timeOfDay: 'AM' as const }
  const cases: Record<string, { library: () => Promise<unknown>; raw: () => Promise<unknown> }> = {
    'person schedule (1 month)': {
      library: () => getPersonSchedule(db, { personId: program.featuredResidentId, ...month }),
      raw: () => q.schedule(program.featuredResidentId, month.from, month.to),
    },
    'half-day': {
      library: () => getHalfDay(db, halfDay),
      raw: () => q.halfDay(halfDay.date, halfDay.timeOfDay),
    },
    'expiring certifications (90 days)': {
      library: () => getExpiringCertifications(db, { withinDays: 90, asOf: program.asOf }),
      raw: () => q.certs(program.asOf, 90),
    },
    'swap history (page 1 of 20)': {
      library: () => getSwapHistory(db, { facultyId: program.featuredFacultyId }),
      raw: () => q.swaps(program.featuredFacultyId, 1, 20),
    },
  }
  const out: Record<string, CaseResult> = {}
  for (const [label, fns] of Object.entries(cases)) {
    const library = await fns.library()
    check(`${driver} ${label}`, library, await fns.raw())
    const rows = Array.isArray(library) ? library.length : ((library as any)?.items ?? (library as any)?.assignments ?? []).length
    const m = await measure(options.rounds, fns)
    out[label] = { rows, libraryMs: m.library, rawMs: m.raw, ratio: m.library / m.raw }
  }

  // insertAssignments of one academic year against the raw batched insert, alternating
  const year = Number(program.lastDate.slice(0, 4))
  const rows = await nextYearRows(rdb, program, year)
  // each round restores the state it found: the year's rows, their history (the audit triggers write
  // a version row per insert and per delete) and, on pg, their dead tuples; without that every round
  // inserts into a larger, more bloated history than the one before (times rose 5 s to 8 s over 12 rounds)
  const since = `${year}-07-01`
  const clear = async () => {
    await sql`delete from assignments where block_id in (select id from blocks where date >= ${since})`.execute(db)
    await sql`delete from assignments_version where block_id in (select id from blocks where date >= ${since})`.execute(db)
    if (driver === 'pg') await sql`vacuum assignments, assignments_version`.execute(db)
  }
  const times: { library: number[]; raw: number[] } = { library: [], raw: [] }
  const insertRounds = Math.max(3, Math.min(7, Math.floor(options.rounds / 2)))
  for (let round = 0; round < insertRounds; round++) {
    for (const which of round % 2 === 0 ? (['library', 'raw'] as const) : (['raw', 'library'] as const)) {
      const t0 = performance.now()
      if (which === 'library') await insertAssignments(db, { assignments: rows })
      else await raw.insert(rows)
      times[which].push(performance.now() - t0)
      await clear()
    }
  }
  const median = (v: number[]) => [...v].sort((a, b) => a - b)[v.length >> 1]!
  out[`insertAssignments (1 academic year)`] = {
    rows: rows.length,
    libraryMs: median(times.library),
    rawMs: median(times.raw),
    // each round's two inserts run on the same state: the median of their ratios is not moved by
    // what drifts between rounds (checkpoints, the page cache), as a ratio of two medians is
    ratio: median(times.library.map((t, i) => t / times.raw[i]!)),
  }
  return out
}

function print(driver: string, results: Record<string, CaseResult>): void {
  console.table(
    Object.entries(results).map(([pattern, r]) => ({
      driver,
      pattern,
      rows: r.rows,
      'library ms': r.libraryMs.toFixed(3),
      'raw ms': r.rawMs.toFixed(3),
      'library / raw': r.ratio.toFixed(2),
    })),
  )
}

/** Runs the repository bench on better-sqlite3 and (with a URL) pg; returns the results by driver. */
export async function benchRepositories(options: RepositoryBenchOptions): Promise<Record<string, unknown>> {
  console.log(`\nquery repositories at scale (${options.scale}), median of ${options.rounds} rounds; target library / raw <= 1.25`)
  const results: Record<string, unknown> = { scale: options.scale }
  const drivers = options.drivers ?? ['better-sqlite3', 'pg']
  if (drivers.includes('better-sqlite3')) {
    const sqlite = await openSqlite()
    try {
      results['better-sqlite3'] = await benchDriver('better-sqlite3', sqlite, options)
      print('better-sqlite3', results['better-sqlite3'] as Record<string, CaseResult>)
    } finally {
      await sqlite.raw.close()
      await sqlite.rdb.destroy()
      sqlite.cleanup()
    }
  }
  if (!drivers.includes('pg')) return results
  if (options.postgresUrl) {
    const pgOpened = await openPg(options.postgresUrl)
    try {
      results.pg = await benchDriver('pg', pgOpened, options)
      print('pg', results.pg as Record<string, CaseResult>)
    } finally {
      await pgOpened.raw.close()
      await pgOpened.rdb.destroy()
      await pgOpened.cleanup()
    }
  } else {
    console.log('pg: skipped (set DATABASE_URL or TEST_POSTGRES_URL to include it)')
  }
  return results
}
