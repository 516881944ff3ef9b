import { isDeepStrictEqual } from 'node:util'
import { type Kysely, sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createDatabase, type ResidencyDatabase } from '../src/connect.js'
import { importPgCursor } from '../src/dialect/postgres/pg-cursor-stream.js'
import { ConnectionError, ResidencyDbError } from '../src/errors.js'
import type { Database } from '../src/schema/generated/database.js'
import { forEachDriver } from './setup.js'
import { runScript } from './support/child-process.js'
import { rejection } from './support/rejection.js'
import { STREAM_ROWS, seedAssignments } from './support/stream-fixture.js'

const POOL_SIZE = 3
/** A test that could hang (a cursor never closed, a connection never released) fails in this time instead. */
const HANG = 30_000

/** Every assignment with a column of each decoded kind, its block's and person's too, filtered by parameters. */
const everyKind = (db: Kysely<Database>) =>
  db
    .selectFrom('assignments')
    .innerJoin('blocks', 'blocks.id', 'assignments.blockId')
    .innerJoin('people', 'people.id', 'assignments.personId')
    .selectAll('assignments')
    .select(['blocks.date', 'blocks.isWeekend', 'blocks.blockNumber', 'people.specialties', 'people.pgyLevel'])
    .where('blocks.date', '>=', '2025-07-01')
    .where('assignments.createdAt', '<=', new Date('2100-01-01T00:00:00.000Z'))
    .orderBy('assignments.id')

async function collect<T>(rows: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = []
  for await (const row of rows) out.push(row)
  return out
}

/** The first row where two results differ, or null. */
function firstDifference(streamed: unknown[], executed: unknown[]) {
  if (streamed.length !== executed.length) return { streamed: streamed.length, executed: executed.length }
  const index = streamed.findIndex((row, i) => !isDeepStrictEqual(row, executed[i]))
  return index === -1 ? null : { index, streamed: streamed[index], executed: executed[index] }
}

/** The cursors open in this session (PostgreSQL dialects: DECLAREd ones and named protocol portals), but this query's own unnamed one. */
const openCursors = async (db: Kysely<Database>) => (await sql<{ name: string }>`select name from pg_cursors where name <> ''`.execute(db)).rows

describe('pg-cursor is an optional peer', () => {
  it('a missing package is the library error, saying what to install', async () => {
    const error = await rejection(importPgCursor('pg-cursor-not-installed'))
    expect(error).toBeInstanceOf(ResidencyDbError)
    expect((error as Error).message).toBe(".stream() on PostgreSQL (pg) needs the 'pg-cursor-not-installed' package: npm install pg-cursor-not-installed")
  })
})

forEachDriver('.stream() reads like execute(), a chunk at a time, and always lets go', (ctx) => {
  let target: { url: string; migrationUrl?: string }
  let rdb: ResidencyDatabase
  let closed: Promise<void> | undefined
  const close = () => (closed ??= rdb.destroy())
  /** One connection on SQLite and PGlite, `POOL_SIZE` on pg. */
  const connections = ctx.driver === 'pg' ? POOL_SIZE : 1

  beforeAll(async () => {
    target = await ctx.persistentTarget()
    rdb = await createDatabase({ ...target, poolSize: POOL_SIZE })
    await rdb.migrateToLatest()
    await seedAssignments(rdb.db)
  }, 300_000)
  afterAll(() => close())

  /** Holds every connection at once: a transaction each, all open together. Hangs if one was never released. */
  const holdEveryConnection = async () => {
    let started = 0
    let allStarted!: () => void
    const together = new Promise<void>((resolve) => (allStarted = resolve))
    const counts = await Promise.all(
      Array.from({ length: connections }, () =>
        rdb.db.transaction().execute(async (trx) => {
          const { n } = await trx.selectFrom('blocks').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()
          if (++started === connections) allStarted()
          await together
          return Number(n)
        }),
      ),
    )
    expect(counts).toEqual(counts.map(() => 730))
  }

  it(`streams exactly the rows execute() returns, decoded and named alike, ${STREAM_ROWS.toLocaleString('en')} of them`, async () => {
    const executed = await everyKind(rdb.db).execute()
    const streamed = await collect(everyKind(rdb.db).stream(1000))
    expect(executed).toHaveLength(STREAM_ROWS)
    expect(firstDifference(streamed, executed)).toBeNull()
    const row = streamed.find((r) => r.overrideAcknowledgedAt !== null && r.specialties !== null && r.alternativesJson !== null)!
    expect(row).toMatchObject({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      createdAt: expect.any(Date),
      overrideAcknowledgedAt: expect.any(Date),
      date: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
      isWeekend: expect.any(Boolean),
      specialties: ['peds', expect.any(String)],
      explainJson: { n: expect.any(Number), tags: ['a', expect.any(Boolean)], nested: { score: expect.any(Number) } },
      alternativesJson: [expect.any(Number), 'x'],
      score: expect.any(Number),
    })
  }, 120_000)

  it('with a chunk of one row and parameters of each kind, still the executed rows', async () => {
    const { personId } = await rdb.db.selectFrom('assignments').select('personId').orderBy('id').limit(1).executeTakeFirstOrThrow()
    const query = everyKind(rdb.db)
      .where('assignments.personId', '=', personId)
      .where('assignments.score', '>', 10.5)
      .where('assignments.role', 'in', ['primary', 'backup'])
      .where('blocks.date', '<', '2026-01-01')
    const executed = await query.execute()
    expect(executed.length).toBeGreaterThan(100)
    expect(firstDifference(await collect(query.stream(1)), executed)).toBeNull()
  }, HANG)

  it('hands the rows over chunkSize at a time', async () => {
    const compiled = rdb.db.selectFrom('assignments').selectAll().orderBy('id').limit(50).compile()
    const sizes: number[] = []
    for await (const chunk of rdb.db.getExecutor().stream(compiled, 7)) sizes.push(chunk.rows.length)
    expect(sizes).toEqual([7, 7, 7, 7, 7, 7, 7, 1])
    const error = await rejection(collect(rdb.db.selectFrom('assignments').selectAll().stream(0)))
    expect(error).toBeInstanceOf(ResidencyDbError)
    expect((error as Error).message).toMatch(/positive integer/)
  }, HANG)

  it(`an early break releases the connection: ${POOL_SIZE + 1} broken streams, then every connection at once`, async () => {
    for (let i = 0; i <= POOL_SIZE; i++) {
      for await (const row of rdb.db.selectFrom('assignments').selectAll().orderBy('id').stream(100)) {
        expect(row.id).toBeTypeOf('string')
        break
      }
    }
    await holdEveryConnection()
    // in a transaction, the same connection goes on, with no cursor left open
    await rdb.db.transaction().execute(async (trx) => {
      for await (const _ of trx.selectFrom('assignments').selectAll().stream(10)) break
      expect(await trx.selectFrom('blocks').select('id').limit(1).execute()).toHaveLength(1)
      if (ctx.driver !== 'better-sqlite3') expect(await openCursors(trx)).toEqual([])
    })
  }, HANG)

  it("an error thrown by the consumer reaches it unchanged, and the cursor is closed", async () => {
    const thrown = new Error('the consumer gave up')
    for (let i = 0; i <= POOL_SIZE; i++) {
      const error = await rejection(
        (async () => {
          for await (const _ of rdb.db.selectFrom('assignments').selectAll().stream(100)) throw thrown
        })(),
      )
      expect(error).toBe(thrown)
    }
    await holdEveryConnection()
    await rdb.db.transaction().execute(async (trx) => {
      const error = await rejection(
        (async () => {
          for await (const _ of trx.selectFrom('assignments').selectAll().stream(10)) throw thrown
        })(),
      )
      expect(error).toBe(thrown)
      expect(await trx.selectFrom('blocks').select('id').limit(1).execute()).toHaveLength(1)
      if (ctx.driver !== 'better-sqlite3') expect(await openCursors(trx)).toEqual([])
    })
  }, HANG)

  it('a statement failing mid-stream rejects the loop after the rows before it, and lets go of the connection', async () => {
    // notes is null on the first assignment and not JSON on the second: the cast fails on the second row,
    // or before the first when the plan computes it before sorting
    const asJson = ctx.driver === 'better-sqlite3' ? sql<unknown>`json(notes)` : sql<unknown>`notes::jsonb`
    const rows: unknown[] = []
    const error = await rejection(
      (async () => {
        for await (const row of rdb.db.selectFrom('assignments').select(asJson.as('parsed')).orderBy('id').stream(1)) rows.push(row)
      })(),
    )
    expect([[], [{ parsed: null }]]).toContainEqual(rows)
    expect((error as Error).message).toMatch(/json/i)
    await holdEveryConnection()
  }, HANG)

  it.runIf(ctx.driver === 'pg')('a connection lost mid-stream rejects the loop with a retryable ConnectionError; the pool drops it and serves on', async () => {
    let rows = 0
    const error = await rejection(
      (async () => {
        for await (const row of rdb.db.selectFrom('assignments').select(['id', sql<number>`pg_backend_pid()`.as('pid')]).stream(10)) {
          if (++rows === 1) await sql`select pg_terminate_backend(${row.pid})`.execute(rdb.db)
        }
      })(),
    )
    expect(error).toBeInstanceOf(ConnectionError)
    expect((error as ConnectionError).retryable).toBe(true)
    expect(rows).toBeLessThan(STREAM_ROWS)
    await holdEveryConnection()
  }, HANG)

  it('peak memory while streaming every row stays far below execute() of the same rows (each measured in a child process)', async () => {
    await close()
    const chunkSize = 1000
    const measure = async (mode: 'stream' | 'execute') => {
      const result = await runScript('test/support/stream-rss-child.ts', [target.url, mode, String(chunkSize)])
      expect(result.code, result.stderr).toBe(0)
      const report = JSON.parse(result.stdout.trim().split('\n').at(-1)!) as {
        rows: number
        baselineBytes: number
        peakBytes: number
        baselineLive: number
        peakLive: number
      }
      expect(report.rows).toBe(STREAM_ROWS)
      return { rss: (report.peakBytes - report.baselineBytes) / 2 ** 20, live: (report.peakLive - report.baselineLive) / 2 ** 20 }
    }
    const streaming = await measure('stream')
    const executing = await measure('execute')
    // about one chunk's share of what execute() holds
    const chunk = (executing.live * chunkSize) / STREAM_ROWS
    console.log(
      `${ctx.driver}: peak increase reading ${STREAM_ROWS.toLocaleString('en')} assignments, live memory (RSS): ` +
        `stream(${chunkSize}) ${streaming.live.toFixed(1)} MB (${streaming.rss.toFixed(1)}), execute() ${executing.live.toFixed(1)} MB (${executing.rss.toFixed(1)}); ` +
        `one chunk ≈ ${chunk.toFixed(1)} MB, streaming holds ${(streaming.live / chunk).toFixed(1)} chunks`,
    )
    // what the process holds while streaming: a few chunks, not the result
    expect(streaming.live).toBeLessThan(executing.live / 10)
  }, 300_000)
})
