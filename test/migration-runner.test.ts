import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { type Kysely, sql } from 'kysely'
import type { Migration } from 'kysely/migration'
import { afterAll, describe, expect, it } from 'vitest'
import { createDatabase } from '../src/connect.js'
import { readCatalog } from '../src/dialect/catalog.js'
import { MigrationError } from '../src/errors.js'
import { forEachDriver } from './setup.js'

/** Creates a table, then fails: the run must leave no trace of it. */
const failing: Record<string, Migration> = {
  '0001-good': {
    up: async (db: Kysely<any>) => {
      await db.schema.createTable('good_table').addColumn('id', 'integer', (c) => c.primaryKey()).execute()
    },
    down: async (db: Kysely<any>) => {
      await db.schema.dropTable('good_table').execute()
    },
  },
  '0002-half-built': {
    up: async (db: Kysely<any>) => {
      await db.schema.createTable('half_built').addColumn('id', 'integer', (c) => c.primaryKey()).execute()
      await sql`select * from no_such_table`.execute(db)
    },
    down: async () => {},
  },
}

forEachDriver('migration runner', (ctx) => {
  it('a failed migration is rolled back whole and named; the ones before it stay applied', async () => {
    const rdb = await ctx.open({ migrations: failing })
    const error = await rdb.migrateToLatest().then(
      () => expect.unreachable('the run succeeded'),
      (e: unknown) => e as MigrationError,
    )
    expect(error).toBeInstanceOf(MigrationError)
    expect(error.migrationName).toBe('0002-half-built')
    expect(error.message).toMatch(/^migration 0002-half-built failed and was rolled back: /)
    const tables = Object.keys((await readCatalog(rdb.db)).tables)
    expect(tables).toContain('good_table')
    expect(tables).not.toContain('half_built')
    expect((await rdb.migrationStatus()).map((m) => [m.name, m.executedAt !== null])).toEqual([
      ['0001-good', true],
      ['0002-half-built', false],
    ])
  })
})

describe('SQLite migration lock file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'rdb-migration-lock-'))
  const file = join(dir, 'program.db')
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it('serialises two runs on one file: one applies everything, the other nothing, and the lock is gone after', async () => {
    const [a, b] = await Promise.all([createDatabase(`sqlite:${file}`), createDatabase(`sqlite:${file}`)])
    try {
      const [ranA, ranB] = await Promise.all([a.migrateToLatest(), b.migrateToLatest()])
      const total = (await a.migrationStatus()).length
      expect([ranA.length, ranB.length].sort((x, y) => x - y)).toEqual([0, total])
      expect(existsSync(`${file}.migration-lock`)).toBe(false)
    } finally {
      await a.destroy()
      await b.destroy()
    }
  })

  it("takes over a lock left by a process that is gone", async () => {
    // no live process has this pid (the kernel's pid limit is far below it)
    writeFileSync(`${file}.migration-lock`, '999999999')
    const rdb = await createDatabase(`sqlite:${file}`)
    try {
      await rdb.migrateReset()
      expect((await rdb.migrationStatus()).every((m) => m.executedAt === null)).toBe(true)
      expect(existsSync(`${file}.migration-lock`)).toBe(false)
    } finally {
      await rdb.destroy()
    }
  })
})
