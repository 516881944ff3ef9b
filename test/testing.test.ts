import { mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { migrations } from '../migrations/index.js'
import type { DriverName } from '../src/dialect/dialect.js'
import { ConnectionError } from '../src/errors.js'
import { createTestDatabase, dropTestDatabases, testDatabaseFactory, type TestDatabase } from '../src/testing/test-database.js'
import { insert } from '../src/testing/factories.js'
import { runScript, startScript } from './support/child-process.js'
import { type NoteTables, noteService } from './support/testing-service.js'
import { forEachDriver, POSTGRES_DIRECT_URL, POSTGRES_URL } from './setup.js'

/** residency-db/testing: migrated test databases, copied per test. The factories: test/testing-factories.test.ts. */

const SERVER_URL = POSTGRES_DIRECT_URL ?? POSTGRES_URL
const CHILD = 'test/support/testing-child.ts'
const cacheDir = mkdtempSync(join(tmpdir(), 'rdb-testing-cache-'))
afterAll(() => rmSync(cacheDir, { recursive: true, force: true }))

function testingUrl(driver: DriverName): string {
  return driver === 'better-sqlite3' ? 'sqlite::memory:' : driver === 'pglite' ? 'pglite:' : SERVER_URL!
}

async function onServer<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: SERVER_URL })
  await client.connect()
  try {
    return await fn(client)
  } finally {
    await client.end()
  }
}

/** Test databases and templates on the server, by name, with whether each is a finished template. */
const serverTestDatabases = () =>
  onServer(async (c) => {
    const { rows } = await c.query<{ datname: string; datistemplate: boolean }>("select datname, datistemplate from pg_database where datname like 'rdbt%'")
    return new Map(rows.map((r) => [r.datname, r.datistemplate]))
  })

const count = async (t: TestDatabase<any>, table: 'people' | 'assignments' | 'blocks') =>
  Number((await t.db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n)

forEachDriver('residency-db/testing databases', ({ driver }) => {
  const url = testingUrl(driver)
  const databases = testDatabaseFactory({ url, cacheDir })
  const opened: TestDatabase[] = []
  const create = async () => {
    const t = await databases.create()
    opened.push(t)
    return t
  }
  beforeAll(() => databases.prepare(), 600_000)
  afterEach(async () => {
    for (const t of opened.splice(0)) await t.destroy()
  })

  it('is migrated: every migration applied, the tables empty', async () => {
    const t = await create()
    expect(t.driver).toBe(driver)
    const status = await t.rdb.migrationStatus()
    expect(status.map((s) => s.name)).toEqual(Object.keys(migrations))
    expect(status.every((s) => s.executedAt instanceof Date)).toBe(true)
    expect(await count(t, 'people')).toBe(0)
  })

  it('isolates: a write in one does not show in another open beside it, nor in the next', async () => {
    const a = await create()
    const b = await create()
    await insert.assignment(a.db)
    expect([await count(a, 'assignments'), await count(a, 'people')]).toEqual([1, 1])
    expect([await count(b, 'assignments'), await count(b, 'people')]).toEqual([0, 0])
    await a.destroy()
    const c = await create()
    expect(await count(c, 'assignments')).toBe(0)
  })

  it('destroy closes and removes it; a second destroy does nothing', async () => {
    const t = await databases.create()
    if (driver === 'pg') expect((await serverTestDatabases()).get(t.name!)).toBe(false)
    await t.destroy()
    await t.destroy()
    await expect(t.db.selectFrom('people').selectAll().execute()).rejects.toThrow()
    if (driver === 'pg') expect((await serverTestDatabases()).has(t.name!)).toBe(false)
  })

  it("runs the service's own migrations too, into an original of their own", async () => {
    const notes = testDatabaseFactory<NoteTables>({ url, cacheDir, service: noteService('svc_notes_same_process') })
    const t = await notes.create()
    try {
      const person = await insert.person(t.db)
      const note = await t.db.insertInto('testNotes').values({ personId: person.id, body: 'handoff' }).returningAll().executeTakeFirstOrThrow()
      expect(note).toEqual({ id: expect.any(String), personId: person.id, body: 'handoff' })
      expect((await t.rdb.migrationStatus()).filter((s) => s.scope === 'service').map((s) => s.executedAt instanceof Date)).toEqual([true])
      // the library-only original has no such table
      const plain = await create()
      await expect(plain.db.selectFrom('testNotes' as 'people').selectAll().execute()).rejects.toThrow(/test_notes/)
    } finally {
      await t.destroy()
    }
  })
})

describe('createTestDatabase', () => {
  it('defaults to TEST_DATABASE_URL, else sqlite::memory:', async () => {
    const saved = process.env.TEST_DATABASE_URL
    delete process.env.TEST_DATABASE_URL
    try {
      const t = await createTestDatabase()
      expect(t.driver).toBe('better-sqlite3')
      await t.destroy()
    } finally {
      if (saved !== undefined) process.env.TEST_DATABASE_URL = saved
    }
  })

  it('refuses a SQLite file or a PGlite directory: copies are made in memory', async () => {
    await expect(createTestDatabase('sqlite:./test.db')).rejects.toThrow(ConnectionError)
    await expect(createTestDatabase('pglite:./data')).rejects.toThrow(/sqlite::memory:, pglite: or postgres/)
  })
})

describe.each([
  ['pglite:', 'pglite', /^pglite-[\w.]+-[0-9a-f]{16}\.tar$/],
  ['sqlite::memory:', 'better-sqlite3', /^sqlite-[0-9a-f]{16}\.db$/],
] as const)('%s: the migrated image kept on disk', (url, driver, file) => {
  it('a later process opens copies of the image an earlier one left in cacheDir, without migrating', async () => {
    const table = `svc_cache_${process.pid}`
    const dir = mkdtempSync(join(tmpdir(), 'rdb-testing-disk-'))
    const empty = mkdtempSync(join(tmpdir(), 'rdb-testing-empty-'))
    try {
      const first = await runScript(CHILD, [url, table, dir], {}, 300_000)
      expect(first.stdout.trim(), first.stderr).toBe(`ok ${driver}`)
      expect(readdirSync(dir)).toEqual([expect.stringMatching(file)])
      // the migration throws in these processes: only the image can give them a database
      const [cached, uncached] = await Promise.all([
        runScript(CHILD, [url, table, dir], { FAIL_TEST_MIGRATION: '1' }, 300_000),
        runScript(CHILD, [url, table, empty], { FAIL_TEST_MIGRATION: '1' }, 300_000),
      ])
      expect(cached.stdout.trim(), cached.stderr).toBe(`ok ${driver}`)
      expect(uncached.stdout.trim()).toMatch(/^error .*FAIL_TEST_MIGRATION/)
    } finally {
      rmSync(dir, { recursive: true, force: true })
      rmSync(empty, { recursive: true, force: true })
    }
  }, 600_000)
})

describe.runIf(SERVER_URL !== undefined)('PostgreSQL: template databases shared by processes', () => {
  const dropTemplate = (name: string) =>
    onServer(async (c) => {
      await c.query(`alter database "${name}" with is_template false allow_connections true`)
      await c.query(`drop database if exists "${name}" with (force)`)
    })

  it('several processes preparing a new template at once build it once, and each gets its own database', async () => {
    const before = await serverTestDatabases()
    const table = `svc_race_${process.pid}_${Date.now().toString(36)}`
    const at = String(Date.now() + 2_000)
    const results = await Promise.all([1, 2, 3].map(() => runScript(CHILD, [SERVER_URL!, table, cacheDir, at], {}, 300_000)))
    const after = await serverTestDatabases()
    const added = [...after.keys()].filter((name) => !before.has(name))
    try {
      for (const r of results) expect(r.stdout.trim(), r.stderr).toMatch(/^ok rdbt_[0-9a-f]{8}_\d+_\d+_[0-9a-f]{6}$/)
      // one new template, finished; the three test databases dropped
      expect(added).toEqual([expect.stringMatching(/^rdbt_template_[0-9a-f]{16}$/)])
      expect(after.get(added[0]!)).toBe(true)
      const names = results.map((r) => r.stdout.trim().slice(3))
      expect(new Set(names).size).toBe(3)
      for (const name of names) expect(after.has(name)).toBe(false)
    } finally {
      for (const name of added) await dropTemplate(name)
    }
  }, 600_000)

  it('a template whose build was killed half-way is dropped and built again', async () => {
    const before = await serverTestDatabases()
    const table = `svc_killed_${process.pid}_${Date.now().toString(36)}`
    const builder = startScript(CHILD, [SERVER_URL!, table, cacheDir], { HANG_TEST_MIGRATION: '1' })
    let unfinished: string | undefined
    try {
      // the builder has created the template and hangs in the service's migration
      for (let i = 0; i < 600 && unfinished === undefined; i++) {
        const now = await serverTestDatabases()
        unfinished = [...now.keys()].find((name) => !before.has(name) && now.get(name) === false && name.startsWith('rdbt_template_'))
        if (unfinished === undefined) await new Promise((resolve) => setTimeout(resolve, 250))
      }
      expect(unfinished).toBeDefined()
      builder.process.kill('SIGKILL')
      await builder.exited
      const next = await runScript(CHILD, [SERVER_URL!, table, cacheDir], {}, 300_000)
      expect(next.stdout.trim(), next.stderr).toMatch(/^ok rdbt_/)
      expect((await serverTestDatabases()).get(unfinished!)).toBe(true)
    } finally {
      builder.process.kill('SIGKILL')
      if (unfinished !== undefined) await dropTemplate(unfinished)
    }
  }, 600_000)

  // last: it drops every template, the ones this file's other tests use included
  it('dropTestDatabases drops the templates and the test databases a killed process left', async () => {
    const leftover = `rdbt_0000000_${process.pid}_1_000000`
    await onServer((c) => c.query(`create database "${leftover}"`))
    const before = await serverTestDatabases()
    expect(before.has(leftover)).toBe(true)
    const dropped = await dropTestDatabases(SERVER_URL!)
    expect(dropped.sort()).toEqual([...before.keys()].sort())
    expect((await serverTestDatabases()).size).toBe(0)
  })
})
