/**
 * npm run bench:migrations: how long a full migration takes on each driver.
 * For every target, BENCH_RUNS (default 5) runs, each on a fresh, empty database:
 * time `migrateToLatest()` (all migrations, the whole 100-table schema), then
 * `migrateReset()` (every migration down again). Opening and closing the
 * database are not timed. One untimed warm-up run per target comes first.
 * Prints the medians (ms) and writes them, with every sample, to
 * bench/migrations.json.
 *
 * Targets: better-sqlite3 in memory, better-sqlite3 on a file, PGlite in memory,
 * and pg when DATABASE_URL / TEST_POSTGRES_URL names a server (a new database
 * per run, dropped afterwards).
 *
 *   npx tsx scripts/bench-migrations.ts
 *   BENCH_RUNS=9 TEST_POSTGRES_URL=postgres://postgres@127.0.0.1:5432/postgres npm run bench:migrations
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { scratchPostgresDatabase } from './support/scratch-database.js'
import { createDatabase } from '../src/connect.js'
import { maskUrl } from '../src/database-url.js'
import { migrations } from '../migrations/index.js'
import { median, timeOnce } from './bench/measure.js'

const POSTGRES_URL = process.env.TEST_POSTGRES_URL ?? process.env.DATABASE_URL
const RUNS = Number(process.env.BENCH_RUNS ?? 5)
const OUT = new URL('../bench/migrations.json', import.meta.url)

interface Target {
  name: string
  /** A fresh, empty database's URL, and how to remove it afterwards. */
  fresh(run: number): Promise<{ url: string; dispose(): Promise<void> }>
}

interface Timing {
  medianMs: number
  samplesMs: number[]
}

const tmp = mkdtempSync(join(tmpdir(), 'rdb-bench-migrations-'))

const targets: Target[] = [
  {
    name: 'better-sqlite3 (memory)',
    fresh: async () => ({ url: 'sqlite::memory:', dispose: async () => {} }),
  },
  {
    name: 'better-sqlite3 (file)',
    fresh: async (run) => {
      const path = join(tmp, `run-${run}.db`)
      return { url: `sqlite:${path}`, dispose: async () => rmSync(path, { force: true }) }
    },
  },
  {
    name: 'pglite (memory)',
    fresh: async () => ({ url: 'pglite:', dispose: async () => {} }),
  },
]
if (POSTGRES_URL) {
  targets.push({
    name: 'pg',
    fresh: async (run) => {
      const scratch = scratchPostgresDatabase(POSTGRES_URL, `rdb_bench_${process.pid}_${run}`)
      await scratch.create()
      return { url: scratch.url, dispose: scratch.cleanup }
    },
  })
}

/** One run: fresh database, timed migrateToLatest and migrateReset. */
async function runOnce(target: Target, run: number): Promise<{ up: number; reset: number }> {
  const { url, dispose } = await target.fresh(run)
  try {
    const rdb = await createDatabase(url)
    try {
      const up = await timeOnce(async () => {
        const steps = await rdb.migrateToLatest()
        if (steps.length !== Object.keys(migrations).length) throw new Error(`${target.name}: ran ${steps.length} migrations`)
      })
      const reset = await timeOnce(async () => {
        const steps = await rdb.migrateReset()
        if (steps.length !== Object.keys(migrations).length) throw new Error(`${target.name}: reverted ${steps.length} migrations`)
      })
      return { up, reset }
    } finally {
      await rdb.destroy()
    }
  } finally {
    await dispose()
  }
}

const results: Record<string, { migrateToLatest: Timing; migrateReset: Timing }> = {}
try {
  for (const target of targets) {
    await runOnce(target, 0) // warm-up: module loading, JIT, PGlite's WASM
    const up: number[] = []
    const reset: number[] = []
    for (let run = 1; run <= RUNS; run++) {
      const t = await runOnce(target, run)
      up.push(t.up)
      reset.push(t.reset)
    }
    results[target.name] = {
      migrateToLatest: { medianMs: median(up), samplesMs: up },
      migrateReset: { medianMs: median(reset), samplesMs: reset },
    }
    console.log(
      `${target.name.padEnd(24)} migrateToLatest ${median(up).toFixed(1).padStart(8)} ms   migrateReset ${median(reset).toFixed(1).padStart(8)} ms   (median of ${RUNS})`,
    )
  }
} finally {
  rmSync(tmp, { recursive: true, force: true })
}

const report = {
  runs: RUNS,
  migrations: Object.keys(migrations).length,
  node: process.version,
  platform: `${process.platform} ${process.arch}`,
  date: new Date().toISOString(),
  postgres: POSTGRES_URL ? maskUrl(POSTGRES_URL) : null,
  results,
}
mkdirSync(new URL('.', OUT), { recursive: true })
writeFileSync(OUT, `${JSON.stringify(report, null, 2)}\n`)
console.log(`wrote ${OUT.pathname}`)
