import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import type { LogEvent } from 'kysely'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { createDatabase, type ResidencyDatabase } from '../src/connect.js'
import { dialectOf } from '../src/dialect/dialect.js'
import { beginWriting } from '../src/dialect/row-locks.js'

// SQLite's write lock is per file, so a second connection (another process's
// view) tells whether a transaction holds it.
const dir = mkdtempSync(join(tmpdir(), 'rdb-row-locks-'))
const file = join(dir, 'locks.db')
const events: LogEvent[] = []
let rdb: ResidencyDatabase
let other: Database.Database

beforeAll(async () => {
  rdb = await createDatabase({ url: `sqlite:${file}`, log: (event) => void events.push(event) })
  await rdb.migrateToLatest()
  other = new Database(file)
  other.pragma('busy_timeout = 0')
})
afterAll(async () => {
  other.close()
  await rdb.destroy()
  rmSync(dir, { recursive: true, force: true })
})

/** Whether another connection can become the writer now (it gives the lock back at once). */
function otherCanWrite(): boolean {
  try {
    other.exec('begin immediate')
  } catch (error) {
    if ((error as { code?: string }).code === 'SQLITE_BUSY') return false
    throw error
  }
  other.exec('rollback')
  return true
}

const writesSent = (start: number) => events.slice(start).filter((e) => /^update /i.test(e.query.sql)).length

it('SQLite: a transaction holds the write lock from its BEGIN IMMEDIATE; beginWriting then sends nothing', async () => {
  expect(dialectOf(rdb.db).holdsWriteLock?.()).toBe(false)
  expect(otherCanWrite()).toBe(true)
  await rdb.db.transaction().execute(async (trx) => {
    expect(dialectOf(trx).holdsWriteLock?.()).toBe(true)
    expect(otherCanWrite()).toBe(false)
    const start = events.length
    await beginWriting(trx, 'swap_records')
    expect(writesSent(start)).toBe(0)
  })
  expect(dialectOf(rdb.db).holdsWriteLock?.()).toBe(false)
  expect(otherCanWrite()).toBe(true)
})

it('SQLite: a read only transaction holds no write lock until beginWriting takes it with a write that changes nothing', async () => {
  await rdb.db
    .transaction()
    .setAccessMode('read only')
    .execute(async (trx) => {
      expect(dialectOf(trx).holdsWriteLock?.()).toBe(false)
      expect(otherCanWrite()).toBe(true)
      const start = events.length
      await beginWriting(trx, 'swap_records')
      expect(writesSent(start)).toBe(1)
      expect(otherCanWrite()).toBe(false)
    })
  expect(otherCanWrite()).toBe(true)
})
