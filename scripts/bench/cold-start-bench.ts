/**
 * Cold start: fresh processes, each importing the built package (dist/), opening
 * a SQLite file and running one query (assignments ⋈ blocks, 60 rows), against
 * the same with plain Kysely on better-sqlite3. Time is the child's own clock
 * from process start to the first result (Node's start-up included); RSS is the
 * child's peak. Runs alternate between the two so that load hits both alike.
 *
 *   npm run build && BENCH_SECTIONS=cold-start npm run bench
 *   BENCH_COLD_RUNS=21 …                 more processes per side (default 11)
 */
import { execFileSync } from 'node:child_process'
import { existsSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { fileURLToPath } from 'node:url'
import { createDatabase } from '../../src/connect.js'
import { median } from './measure.js'
import { seedBenchData } from './seed-bench-data.js'

const DIST = fileURLToPath(new URL('../../dist/index.js', import.meta.url))
const CHILD = (name: string) => fileURLToPath(new URL(`./cold-start/${name}.mjs`, import.meta.url))

interface Start {
  ms: number
  rows: number
  maxRssKiB: number
}

function start(child: 'library' | 'kysely', file: string): Start {
  const out = execFileSync(process.execPath, [CHILD(child), file], { encoding: 'utf8' })
  return JSON.parse(out.trim().split('\n').pop()!) as Start
}

export interface ColdStartResult {
  runs: number
  medianMs: { library: number; kysely: number }
  medianPeakRssMiB: { library: number; kysely: number }
  ratio: { time: number; rss: number }
}

export async function benchColdStart(runs: number): Promise<ColdStartResult> {
  if (!existsSync(DIST)) throw new Error('the cold-start bench measures the built package: run `npm run build` first')
  const built = statSync(DIST).mtimeMs
  const file = `${tmpdir()}/residency-cold-start-${process.pid}.db`
  const rdb = await createDatabase(`sqlite:${file}`)
  try {
    await rdb.migrateToLatest()
    await seedBenchData(rdb.db)
  } finally {
    await rdb.destroy()
  }
  if (statSync(DIST).mtimeMs !== built) throw new Error('dist/ changed during the bench')
  const samples = { library: [] as Start[], kysely: [] as Start[] }
  try {
    for (let i = 0; i <= runs; i++) {
      const order = i % 2 === 0 ? (['library', 'kysely'] as const) : (['kysely', 'library'] as const)
      for (const side of order) {
        const s = start(side, file)
        if (s.rows !== 60) throw new Error(`${side}: expected 60 rows, got ${s.rows}`)
        // the first pair warms the file system cache and is not counted
        if (i > 0) samples[side].push(s)
      }
    }
  } finally {
    for (const suffix of ['', '-wal', '-shm']) rmSync(`${file}${suffix}`, { force: true })
  }
  const ms = (side: 'library' | 'kysely') => median(samples[side].map((s) => s.ms))
  const rss = (side: 'library' | 'kysely') => median(samples[side].map((s) => s.maxRssKiB / 1024))
  return {
    runs,
    medianMs: { library: ms('library'), kysely: ms('kysely') },
    medianPeakRssMiB: { library: rss('library'), kysely: rss('kysely') },
    ratio: { time: ms('library') / ms('kysely'), rss: rss('library') / rss('kysely') },
  }
}

export function reportColdStart(r: ColdStartResult): void {
  console.table({
    library: { 'median ms': r.medianMs.library.toFixed(0), 'peak RSS MiB': r.medianPeakRssMiB.library.toFixed(1) },
    'plain Kysely': { 'median ms': r.medianMs.kysely.toFixed(0), 'peak RSS MiB': r.medianPeakRssMiB.kysely.toFixed(1) },
    'library / Kysely': { 'median ms': r.ratio.time.toFixed(2), 'peak RSS MiB': r.ratio.rss.toFixed(2) },
  })
}
