import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, expect, it } from 'vitest'
import { createDatabase } from '../src/index.js'
import { startScript } from './support/child-process.js'
import { FAY, GUS, loadSwapFixture, owners, sid, WEEKS } from './support/swap-fixture.js'

const dir = mkdtempSync(join(tmpdir(), 'rdb-swap-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

// pg and PGlite run the same race on parallel connections in test/swap-workflow.test.ts;
// better-sqlite3 serialises one process's calls, so SQLite's race needs two processes
it('SQLite file: two processes execute one swap at once: exactly one executes, the other gets SwapTransitionError', async () => {
  const file = join(dir, 'race.db')
  const rdb = await createDatabase(`sqlite:${file}`)
  await rdb.migrateToLatest()
  await loadSwapFixture(rdb.db)
  const swapId = sid('swap_records', 'race')
  await rdb.db
    .insertInto('swapRecords')
    .values({ id: swapId, sourceFacultyId: FAY, targetFacultyId: GUS, sourceWeek: WEEKS[0], swapType: 'absorb', status: 'approved' })
    .execute()
  const children = [0, 1].map(() => startScript('test/support/execute-swap-child.ts', [file, swapId, String(Date.now() + 4000)]))
  await Promise.all(children.map((c) => c.waitFor(/^ready$/m)))
  const results = await Promise.all(
    children.map(async (c) => {
      const ended = await c.exited
      expect(ended.code, ended.stderr).toBe(0)
      return /^result (.*)$/m.exec(ended.stdout)![1]!
    }),
  )
  expect(results.filter((r) => r === 'executed')).toHaveLength(1)
  expect(results.filter((r) => r.startsWith('SwapTransitionError'))).toHaveLength(1)
  const after = await owners(rdb.db)
  expect(Object.values(after).filter((p) => p === GUS)).toHaveLength(15)
  expect((await rdb.db.selectFrom('swapRecords').select('status').where('id', '=', swapId).executeTakeFirstOrThrow()).status).toBe('executed')
  await rdb.destroy()
})
