import { adminQuery as serverQuery } from '../scripts/support/scratch-database.js'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe } from 'vitest'
import { createDatabase, type DatabaseOptions, type ResidencyDatabase } from '../src/connect.js'
import type { DriverName } from '../src/dialect/dialect.js'

/**
 * The dialect matrix of this run: better-sqlite3 and PGlite always, pg when
 * TEST_POSTGRES_URL (or DATABASE_URL) names a server. TEST_DRIVERS=a,b narrows it.
 */
export const POSTGRES_URL = process.env.TEST_POSTGRES_URL ?? process.env.DATABASE_URL
export const DRIVERS: DriverName[] = (['better-sqlite3', 'pglite', 'pg'] as const).filter(
  (d) =>
    (d !== 'pg' || POSTGRES_URL !== undefined) &&
    (process.env.TEST_DRIVERS === undefined || process.env.TEST_DRIVERS.split(',').includes(d)),
)

export interface DriverContext {
  readonly driver: DriverName
  /** A fresh, empty database (pg: a new database on the server, dropped after the file's tests). */
  open<ServiceTables extends object = {}>(options?: Omit<DatabaseOptions, 'url'>): Promise<ResidencyDatabase<ServiceTables>>
  /**
   * Where a fresh, empty database that outlives its handle lives, for a child
   * process to open after this one closed it (SQLite and PGlite in a temporary
   * directory, removed after the file's tests; pg: a new database, as `open`).
   */
  persistentTarget(): Promise<{ url: string; migrationUrl?: string }>
}

/**
 * Set when POSTGRES_URL goes through a transaction-mode pooler
 * (`?pooler=transaction`, the CI's PgBouncer run): the same server directly,
 * for creating and dropping databases and for migrations (`migrationUrl`).
 */
export const POSTGRES_DIRECT_URL = process.env.TEST_POSTGRES_DIRECT_URL

let counter = 0
const created: string[] = []

const adminQuery = (text: string) => serverQuery(POSTGRES_DIRECT_URL ?? POSTGRES_URL!, text)

/** A fresh, empty database URL for `driver` (pg: a new database on the server, dropped after the file's tests). */
export async function freshUrl(driver: DriverName): Promise<string> {
  if (driver === 'better-sqlite3') return 'sqlite::memory:'
  if (driver === 'pglite') return 'pglite:'
  const name = `rdb_test_${process.pid}_${Date.now().toString(36)}_${++counter}`
  await adminQuery(`create database ${name}`)
  created.push(name)
  const url = new URL(POSTGRES_URL!)
  url.pathname = `/${name}`
  return url.toString()
}

afterAll(async () => {
  for (const name of created.splice(0)) await adminQuery(`drop database if exists ${name} with (force)`)
  for (const dir of directories.splice(0)) rmSync(dir, { recursive: true, force: true })
})

const directories: string[] = []

async function persistentUrl(driver: DriverName): Promise<string> {
  if (driver === 'pg') return freshUrl(driver)
  const dir = mkdtempSync(join(tmpdir(), 'residency-db-test-'))
  directories.push(dir)
  return driver === 'pglite' ? `pglite:${join(dir, 'pglite')}` : `sqlite:${join(dir, 'test.db')}`
}

const migrationUrlOf = (driver: DriverName, url: string) =>
  driver === 'pg' && POSTGRES_DIRECT_URL ? sameDatabase(POSTGRES_DIRECT_URL, url) : undefined

/** Registers `fn`'s tests once per driver of the matrix, as `<driver>: <name>`. */
export function forEachDriver(name: string, fn: (ctx: DriverContext) => void): void {
  for (const driver of DRIVERS) {
    describe(`${driver}: ${name}`, () => {
      const opened: Pick<ResidencyDatabase, 'destroy'>[] = []
      afterAll(async () => {
        for (const db of opened.splice(0)) await db.destroy()
      })
      fn({
        driver,
        open: async <ServiceTables extends object = {}>(options?: Omit<DatabaseOptions, 'url'>) => {
          const url = await freshUrl(driver)
          const db = await createDatabase<ServiceTables>({ ...options, url, migrationUrl: migrationUrlOf(driver, url) })
          opened.push(db)
          return db
        },
        persistentTarget: async () => {
          const url = await persistentUrl(driver)
          return { url, migrationUrl: migrationUrlOf(driver, url) }
        },
      })
    })
  }
}

/** `serverUrl` with the database name of `databaseUrl`. */
function sameDatabase(serverUrl: string, databaseUrl: string): string {
  const url = new URL(serverUrl)
  url.pathname = new URL(databaseUrl).pathname
  return url.toString()
}
