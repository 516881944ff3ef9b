import { copyFileSync, mkdtempSync, openSync, readFileSync, rmSync, statSync, writeSync, closeSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createDatabase } from '../src/connect.js'
import { runScript } from './support/child-process.js'
import type { ErrorReport } from './support/fault-scripts/describe-error.js'
import { mountTmpfs, remount, unmount } from './support/scratch-mount.js'

const dir = mkdtempSync(join(tmpdir(), 'rdb-storage-'))
// a real full disk needs a small file system: a tmpfs, which only root may mount
const probe = join(dir, 'probe-mount')
const CAN_MOUNT = mountTmpfs(probe, 64)
if (CAN_MOUNT) unmount(probe)

const template = join(dir, 'template.db')
const mounts: string[] = []
beforeAll(async () => {
  const rdb = await createDatabase(`sqlite:${template}`)
  await rdb.migrateToLatest()
  await rdb.destroy()
}, 120_000)
afterAll(() => {
  for (const m of mounts.splice(0)) unmount(m)
  rmSync(dir, { recursive: true, force: true })
})

interface FillReport {
  before: Record<string, number>
  after: Record<string, number>
  transaction: ErrorReport
  single: ErrorReport
  swallowed: ErrorReport
  integrity: string[]
}

async function fill(url: string, limit: 'disk' | 'pages'): Promise<FillReport> {
  const result = await runScript('test/support/fault-scripts/sqlite-fill-disk.ts', [url, limit])
  expect(result.code, result.stderr).toBe(0)
  return JSON.parse(result.stdout.trim().split('\n').at(-1)!) as FillReport
}

async function probeDatabase(url: string): Promise<Record<'open' | 'read' | 'write', 'ok' | ErrorReport>> {
  const result = await runScript('test/support/fault-scripts/sqlite-probe.ts', [url])
  expect(result.code, result.stderr).toBe(0)
  return JSON.parse(result.stdout.trim().split('\n').at(-1)!)
}

const full = { class: 'StorageError', reason: 'full', retryable: false, code: 'SQLITE_FULL' }

/** Every write refused as a full disk, nothing of them stored, the file intact. */
function expectFullAndNothingStored(report: FillReport): void {
  expect(report.transaction).toMatchObject(full)
  expect(report.transaction.message).toMatch(/^the disk holding the SQLite database is full.*; nothing .* was stored: free disk space/)
  expect(report.single).toMatchObject(full)
  // a transaction that swallows the fault and writes on: SQLite had rolled it back,
  // so the write after it fails too instead of being committed on its own
  expect(report.swallowed).toMatchObject(full)
  expect(report.after).toEqual(report.before)
  expect(report.integrity).toEqual(['ok'])
}

describe('SQLite storage faults', () => {
  it.runIf(CAN_MOUNT)(
    'a full disk (a real tmpfs with a few hundred kB free) is a StorageError (reason full) and nothing partial is stored',
    async () => {
      const mnt = join(dir, 'full')
      expect(mountTmpfs(mnt, Math.ceil(statSync(template).size / 1024) + 512)).toBe(true)
      mounts.push(mnt)
      const file = join(mnt, 'program.db')
      copyFileSync(template, file)
      expectFullAndNothingStored(await fill(`sqlite:${file}`, 'disk'))

      // once there is room again the same file takes writes
      remount(mnt, 'size=64m')
      const rdb = await createDatabase(`sqlite:${file}`)
      try {
        await rdb.db.insertInto('people').values({ name: 'After', type: 'faculty' }).execute()
        expect(await rdb.db.selectFrom('people').select('name').where('name', '=', 'After').execute()).toHaveLength(1)
      } finally {
        await rdb.destroy()
      }
    },
    120_000,
  )

  // where no tmpfs can be mounted this is the only full-storage check: the same SQLITE_FULL, raised by a page cap
  it('a database at its PRAGMA max_page_count is the same StorageError (reason full), nothing partial', async () => {
    const file = join(dir, 'capped.db')
    copyFileSync(template, file)
    expectFullAndNothingStored(await fill(`sqlite:${file}`, 'pages'))
  }, 120_000)

  it.runIf(CAN_MOUNT || process.getuid?.() !== 0)(
    'a read-only file is a StorageError (reason readonly) at open, saying what to do',
    async () => {
      const mnt = join(dir, 'readonly')
      copyFileSync(template, join(dir, 'readonly.db'))
      let file: string
      if (CAN_MOUNT) {
        expect(mountTmpfs(mnt, Math.ceil(statSync(template).size / 1024) + 512)).toBe(true)
        mounts.push(mnt)
        file = join(mnt, 'program.db')
        copyFileSync(template, file)
        remount(mnt, 'ro')
      } else {
        // not root: file permissions hold
        file = join(dir, 'readonly.db')
        const { chmodSync } = await import('node:fs')
        chmodSync(file, 0o444)
        chmodSync(dir, 0o555)
      }
      try {
        const outcome = await probeDatabase(`sqlite:${file}`)
        expect(outcome.open).toMatchObject({ class: 'StorageError', reason: 'readonly', retryable: false })
        expect((outcome.open as ErrorReport).message).toMatch(/read-only here: give this process write access/)
      } finally {
        if (!CAN_MOUNT) (await import('node:fs')).chmodSync(dir, 0o755)
      }
    },
    120_000,
  )

  it('a file damaged where its schema is is a StorageError (reason corrupt) at open, and is left as it was', async () => {
    const file = join(dir, 'damaged-schema.db')
    copyFileSync(template, file)
    overwrite(file, 100, 3_000)
    const bytes = readFileSync(file)
    const outcome = await probeDatabase(`sqlite:${file}`)
    expect(outcome.open).toMatchObject({ class: 'StorageError', reason: 'corrupt', retryable: false, code: 'SQLITE_CORRUPT' })
    expect((outcome.open as ErrorReport).message).toMatch(/corrupt: restore it from a backup/)
    expect(readFileSync(file).equals(bytes)).toBe(true)
  }, 120_000)

  it('a file damaged in a table is a StorageError (reason corrupt) when that table is read or written', async () => {
    const file = join(dir, 'damaged-table.db')
    copyFileSync(template, file)
    const rdb = await createDatabase(`sqlite:${file}`)
    // the people table grows at the end of the file
    await rdb.db
      .insertInto('people')
      .values(Array.from({ length: 2000 }, (_, i) => ({ name: `Person ${i} ${'y'.repeat(100)}`, type: 'faculty' as const })))
      .execute()
    await rdb.destroy()
    overwrite(file, statSync(file).size - 40_960, 40_960)
    const outcome = await probeDatabase(`sqlite:${file}`)
    expect(outcome.open).toBe('ok')
    expect(outcome.read).toMatchObject({ class: 'StorageError', reason: 'corrupt', code: 'SQLITE_CORRUPT' })
    expect(outcome.write).toMatchObject({ class: 'StorageError', reason: 'corrupt', code: 'SQLITE_CORRUPT' })
  }, 120_000)
})

function overwrite(file: string, at: number, length: number): void {
  const fd = openSync(file, 'r+')
  try {
    writeSync(fd, Buffer.alloc(length, 0xab), 0, length, at)
  } finally {
    closeSync(fd)
  }
}
