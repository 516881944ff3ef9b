import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { createDatabase } from '../src/connect.js'
import { BusyError } from '../src/errors.js'
import { createAbsence, createPerson, updatePerson } from '../src/index.js'
import { startScript } from './support/child-process.js'

const WRITERS = 4
const WRITE_MS = 6_000

describe('SQLite: several processes writing one file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'rdb-writers-'))
  const url = `sqlite:${join(dir, 'program.db')}`
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it(
    `${WRITERS} processes for ${WRITE_MS / 1000} s, transactions that read before they write among them: no call fails, audit intact`,
    async () => {
      const rdb = await createDatabase(url)
      await rdb.migrateToLatest()
      for (let p = 0; p < 10; p++) {
        const person = await createPerson(rdb.db, { name: `Seed ${p}`, type: 'resident', pgyLevel: 1 })
        await createAbsence(rdb.db, { personId: person.id, startDate: '2025-07-01', endDate: '2025-07-02', absenceType: 'vacation' })
      }
      await rdb.destroy()

      const go = join(dir, 'go')
      const writers = Array.from({ length: WRITERS }, (_, n) =>
        startScript('test/support/fault-scripts/sqlite-writer.ts', [url, `writer-${n}`, String(WRITE_MS), go]),
      )
      await Promise.all(writers.map((w) => w.waitFor(/^ready$/m, 120_000)))
      writeFileSync(go, '')
      const results = await Promise.all(writers.map((w) => w.exited))
      const reports = results.map((r) => {
        expect(r.code, r.stderr).toBe(0)
        return JSON.parse(r.stdout.trim().split('\n').at(-1)!) as {
          name: string
          calls: number
          failures: Record<string, number>
          audited: number
        }
      })
      const calls = reports.reduce((sum, r) => sum + r.calls, 0)
      console.log(`${WRITERS} writers: ${calls} calls in ${WRITE_MS / 1000} s`)
      expect(reports.map((r) => r.failures)).toEqual(reports.map(() => ({})))
      expect(reports.every((r) => r.calls > 5)).toBe(true)

      // the audit session kept each process's transactions apart
      const check = await createDatabase(url)
      try {
        for (const r of reports) {
          const { n } = await check.db
            .selectFrom('transaction')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .where('userId', '=', r.name)
            .executeTakeFirstOrThrow()
          expect(Number(n)).toBe(r.audited)
        }
        const orphans = await check.db
          .selectFrom('absencesVersion as v')
          .leftJoin('transaction as t', 't.id', 'v.transactionId')
          .select('v.id')
          .where('t.id', 'is', null)
          .execute()
        expect(orphans).toEqual([])
        // one open version per live row
        const open = await check.db
          .selectFrom('absencesVersion')
          .select(['id', (eb) => eb.fn.countAll<number>().as('n')])
          .where('endTransactionId', 'is', null)
          .groupBy('id')
          .execute()
        const live = await check.db.selectFrom('absences').select('id').execute()
        expect(open.length).toBe(live.length)
        expect(open.every((o) => Number(o.n) === 1)).toBe(true)
      } finally {
        await check.destroy()
      }
    },
    180_000,
  )

  it('contention beyond the busy timeout is a retryable BusyError, and nothing of the call is stored', async () => {
    const release = join(dir, 'release')
    const holder = startScript('test/support/fault-scripts/hold-write-lock.ts', [url, release])
    try {
      await holder.waitFor(/^holding$/m, 120_000)
      const rdb = await createDatabase({ url, busyTimeoutMs: 300 })
      try {
        const [person] = await rdb.db.selectFrom('people').select('id').limit(1).execute()
        const started = Date.now()
        const error = await updatePerson(rdb.db, { id: person!.id, changes: { name: 'Contender', pgyLevel: 2 } }).then(
          () => expect.unreachable('the update got through a held write lock'),
          (e: unknown) => e as BusyError,
        )
        const waited = Date.now() - started
        expect(error).toBeInstanceOf(BusyError)
        expect(error.retryable).toBe(true)
        expect(error.message).toMatch(/locked by another writer.*retry/)
        expect(waited).toBeGreaterThanOrEqual(250)
        // a plain write (no transaction of its own) waits and fails the same way
        await expect(createPerson(rdb.db, { name: 'Contender', type: 'faculty' })).rejects.toBeInstanceOf(BusyError)

        writeFileSync(release, '')
        expect((await holder.exited).code).toBe(0)
        // retried once the holder is done: it goes through
        const updated = await updatePerson(rdb.db, { id: person!.id, changes: { name: 'Contender', pgyLevel: 2 } })
        expect(updated.name).toBe('Contender')
        expect(await rdb.db.selectFrom('people').select('id').where('name', '=', 'Contender').execute()).toHaveLength(1)
      } finally {
        await rdb.destroy()
      }
    } finally {
      writeFileSync(release, '')
      holder.process.kill('SIGKILL')
    }
  })
})
