import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { createDatabase } from '../src/connect.js'
import { readCatalog } from '../src/dialect/catalog.js'
import { PGLITE_LOCK_FILE } from '../src/dialect/postgres/pglite-directory-lock.js'
import { ConnectionError } from '../src/errors.js'
import { runScript, startScript } from './support/child-process.js'
import { loadSchemaSpec } from './support/schema-spec.js'
import { diffCatalog } from './support/spec-diff.js'

const spec = loadSchemaSpec()
const SPEC_TABLES = Object.keys(spec.tables).sort()
const dir = mkdtempSync(join(tmpdir(), 'rdb-killed-migration-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

/** The catalog of a fresh database migrated in one go, to compare a recovered one with. */
async function freshCatalog(url: string) {
  const rdb = await createDatabase(url)
  try {
    await rdb.migrateToLatest()
    return await readCatalog(rdb.db)
  } finally {
    await rdb.destroy()
  }
}

/** Migrates in a child process, SIGKILLed right after migration `killAfter` committed (mid-way through the next). */
async function killDuringMigration(url: string, killAfter: number): Promise<void> {
  const child = startScript('test/support/fault-scripts/migrate.ts', [url])
  await child.waitFor(new RegExp(`^step ${killAfter}/`, 'm'), 240_000)
  child.process.kill('SIGKILL')
  const result = await child.exited
  expect(result.signal).toBe('SIGKILL')
}

/** A rerun of `migrate latest` in a child process, then the schema: exactly the spec and the fresh migration's. */
async function rerunAndCompare(url: string, fresh: string): Promise<void> {
  const rerun = await runScript('test/support/fault-scripts/migrate.ts', [url], {}, 300_000)
  expect(rerun.code, rerun.stderr).toBe(0)
  expect(JSON.parse(rerun.stdout.trim().split('\n').at(-1)!)).toMatchObject({ ok: true })
  const rdb = await createDatabase(url)
  try {
    const catalog = await readCatalog(rdb.db)
    expect(diffCatalog(spec, catalog, rdb.dialect, SPEC_TABLES, { strict: true })).toEqual([])
    expect(catalog).toEqual(await freshCatalog(fresh))
    expect((await rdb.migrationStatus()).every((m) => m.executedAt !== null)).toBe(true)
  } finally {
    await rdb.destroy()
  }
}

describe('SIGKILL during migrate latest', () => {
  it('SQLite file: killed after the 1st and again after the 6th migration, a rerun yields the clean schema', async () => {
    const file = join(dir, 'program.db')
    const url = `sqlite:${file}`
    await killDuringMigration(url, 1)
    await killDuringMigration(url, 6)
    // (each migration takes the lock on its own: a kill may leave it behind, naming a dead process, or not)
    await rerunAndCompare(url, 'sqlite::memory:')
    expect(existsSync(`${file}.migration-lock`)).toBe(false)
  }, 600_000)

  it('PGlite directory: killed after the 3rd migration, a rerun takes over its lock and yields the clean schema', async () => {
    const pgdir = join(dir, 'pglite')
    const url = `pglite:${pgdir}`
    await killDuringMigration(url, 3)
    expect(readFileSync(join(pgdir, PGLITE_LOCK_FILE), 'utf8')).toMatch(/^\d+ /)
    await rerunAndCompare(url, 'pglite:')
    expect(existsSync(join(pgdir, PGLITE_LOCK_FILE))).toBe(false)
  }, 900_000)
})

describe('PGlite: two openers of one directory', () => {
  it('the second gets a ConnectionError at once naming the holder; the directory still opens and migrates', async () => {
    const pgdir = join(dir, 'shared')
    const url = `pglite:${pgdir}`
    const go = join(dir, 'go-shared')
    const first = startScript('test/support/fault-scripts/migrate.ts', [url, '--hold', go])
    try {
      await first.waitFor(/^open$/m, 240_000)
      const error = await createDatabase(url).then(
        () => expect.unreachable('a second opener got the directory'),
        (e: unknown) => e as ConnectionError,
      )
      expect(error).toBeInstanceOf(ConnectionError)
      expect(error.message).toContain(`in use by process ${first.pid}`)
      expect(error.message).toMatch(/PGlite serves one process at a time. Close it there first/)

      // the holder goes on undisturbed
      writeFileSync(go, '')
      const result = await first.exited
      expect(result.code, result.stderr).toBe(0)
      expect(JSON.parse(result.stdout.trim().split('\n').at(-1)!)).toMatchObject({ ok: true })
    } finally {
      first.process.kill('SIGKILL')
    }
    expect(existsSync(join(pgdir, PGLITE_LOCK_FILE))).toBe(false)
    const rdb = await createDatabase(url)
    try {
      expect(diffCatalog(spec, await readCatalog(rdb.db), rdb.dialect, SPEC_TABLES, { strict: true })).toEqual([])
    } finally {
      await rdb.destroy()
    }
  }, 900_000)
})
