/**
 * The four core query patterns on pg three ways in the same run: a direct
 * connection, through a PgBouncer in transaction mode (`?pooler=transaction`),
 * and on a streaming replica (createDatabase({ replicas })); medians and the
 * ratio of each to the direct connection. `directUnnamed` is the direct
 * connection in the pooler mode (unnamed statements): the part of the pooler's
 * cost that is re-planning rather than the extra hop. Needs TEST_POSTGRES_URL (or
 * DATABASE_URL) and TEST_PGBOUNCER_URL and/or TEST_REPLICA_URL, as .ci/run
 * sets them (start them with .ci/pgbouncer.sh and .ci/replica.sh).
 */
import { sql } from 'kysely'
import { createDatabase, type ResidencyDatabase } from '../../src/connect.js'
import { getExpiringCertifications, getHalfDay, getPersonSchedule, getSwapHistory } from '../../src/index.js'
import { addDays } from '../../src/repositories/iso-dates.js'
import { seedScaleProgram } from '../seed-scale-program.js'
import { scratchPostgresDatabase } from '../support/scratch-database.js'
import { waitForReplay } from '../support/wait-for-replay.js'
import { measure } from './measure.js'

export interface ScaleOutBenchOptions {
  rounds: number
  /** 'full' (ten academic years) or 'small' (two). */
  scale: 'full' | 'small'
  postgresUrl?: string
  pgbouncerUrl?: string
  replicaUrl?: string
}

type Way = 'direct' | 'directUnnamed' | 'pgbouncer' | 'replica'
export type ScaleOutResult = Record<string, { rows: number; medianMs: Partial<Record<Way, number>>; ratioToDirect: Partial<Record<Way, number>> }>

const onDatabase = (base: string, name: string, search = '') => {
  const url = new URL(base)
  url.pathname = `/${name}`
  if (search) url.search = search
  return url.toString()
}

export async function benchScaleOut(options: ScaleOutBenchOptions): Promise<ScaleOutResult | undefined> {
  const { postgresUrl, pgbouncerUrl, replicaUrl } = options
  if (!postgresUrl || (!pgbouncerUrl && !replicaUrl)) {
    console.log('scale-out: skipped (needs TEST_POSTGRES_URL and TEST_PGBOUNCER_URL and/or TEST_REPLICA_URL; see .ci/run)')
    return undefined
  }
  const name = `rdb_scale_bench_${process.pid}`
  const scratch = scratchPostgresDatabase(postgresUrl, name)
  await scratch.create()
  const opened: ResidencyDatabase[] = []
  try {
    const direct = await createDatabase({ url: scratch.url, poolSize: 1 })
    opened.push(direct)
    await direct.migrateToLatest()
    const years = options.scale === 'full' ? 10 : 2
    const program = await seedScaleProgram(direct.db, { years, progress: (line) => console.log(`  scale-out seed: ${line}`) })
    await sql`analyze`.execute(direct.db)
    // the direct connection with unnamed statements: what the pooler mode costs without the pooler's hop
    const directUnnamed = await createDatabase({ url: scratch.url, pooler: 'transaction', poolSize: 1 })
    opened.push(directUnnamed)
    const handles: Partial<Record<Way, ResidencyDatabase>> = { direct, directUnnamed }
    if (pgbouncerUrl) {
      handles.pgbouncer = await createDatabase({ url: onDatabase(pgbouncerUrl, name, '?pooler=transaction'), poolSize: 1 })
      opened.push(handles.pgbouncer)
    }
    if (replicaUrl) {
      await waitForReplay(scratch.url, onDatabase(replicaUrl, name), 120_000)
      handles.replica = await createDatabase({ url: scratch.url, replicas: [onDatabase(replicaUrl, name)], poolSize: 1 })
      opened.push(handles.replica)
    }
    const month = { from: addDays(program.firstDate, 365 * Math.floor(years / 2) + 243), to: '' }
    month.to = addDays(month.from, 30)
    const halfDay = { date: addDays(month.from, 10), timeOfDay: 'AM' as const }
    const patterns: Record<string, (rdb: ResidencyDatabase) => Promise<unknown>> = {
      'person schedule (1 month)': (rdb) => getPersonSchedule(rdb.db, { personId: program.featuredResidentId, ...month }),
      'half-day': (rdb) => getHalfDay(rdb.db, halfDay),
      'expiring certifications (90 days)': (rdb) => getExpiringCertifications(rdb.db, { withinDays: 90, asOf: program.asOf }),
      'swap history (page 1 of 20)': (rdb) => getSwapHistory(rdb.db, { facultyId: program.featuredFacultyId }),
    }
    const ways = Object.keys(handles) as Way[]
    const out: ScaleOutResult = {}
    for (const [label, run] of Object.entries(patterns)) {
      const sample = await run(direct)
      const rows = Array.isArray(sample) ? sample.length : ((sample as any)?.items ?? (sample as any)?.assignments ?? []).length
      const m = await measure(options.rounds, Object.fromEntries(ways.map((w) => [w, () => run(handles[w]!)])) as Record<Way, () => unknown>)
      out[label] = {
        rows,
        medianMs: m,
        ratioToDirect: Object.fromEntries(ways.map((w) => [w, m[w] / m.direct])),
      }
    }
    console.table(
      Object.entries(out).map(([pattern, r]) => ({
        pattern,
        rows: r.rows,
        ...Object.fromEntries(ways.map((w) => [`${w} ms`, r.medianMs[w]!.toFixed(3)])),
        ...Object.fromEntries(ways.filter((w) => w !== 'direct').map((w) => [`${w} / direct`, r.ratioToDirect[w]!.toFixed(2)])),
      })),
    )
    return out
  } finally {
    for (const rdb of opened.reverse()) await rdb.destroy()
    await scratch.cleanup()
  }
}
