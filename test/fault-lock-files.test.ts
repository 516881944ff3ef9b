import { existsSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { runScript, startScript } from './support/child-process.js'
import type { ErrorReport } from './support/fault-scripts/describe-error.js'

interface MigrateReport {
  ok: boolean
  steps?: number
  error?: ErrorReport
  cause?: ErrorReport
}

async function migrate(url: string, ...args: string[]): Promise<MigrateReport> {
  const result = await runScript('test/support/fault-scripts/migrate.ts', [url, ...args])
  expect(result.code, result.stderr).toBe(0)
  return JSON.parse(result.stdout.trim().split('\n').at(-1)!) as MigrateReport
}

describe('SQLite migration lock file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'rdb-lock-files-'))
  afterAll(() => rmSync(dir, { recursive: true, force: true }))
  let n = 0
  const fresh = () => {
    const file = join(dir, `program-${++n}.db`)
    return { url: `sqlite:${file}`, lock: `${file}.migration-lock` }
  }

  it('a run that gives up waiting leaves the live holder\'s lock untouched; once the holder is gone the next run takes it over', async () => {
    const { url, lock } = fresh()
    const holder = startScript('test/support/fault-scripts/hold-pid-lock.ts', [lock])
    try {
      await holder.waitFor(/^held$/m, 120_000)
      const held = readFileSync(lock, 'utf8')
      expect(held).toMatch(new RegExp(`^${holder.pid} `))

      const refused = await migrate(url, '--lock-timeout', '500')
      expect(refused.ok).toBe(false)
      expect(refused.error).toMatchObject({ class: 'MigrationError', causeClass: 'BusyError' })
      expect(refused.cause).toMatchObject({ class: 'BusyError', retryable: true })
      expect(refused.cause!.message).toContain(`process ${holder.pid}`)
      expect(readFileSync(lock, 'utf8')).toBe(held)
    } finally {
      holder.process.kill('SIGKILL')
      await holder.exited
    }
    // the holder died without releasing: its lock names a dead process
    expect(existsSync(lock)).toBe(true)
    const after = await migrate(url, '--lock-timeout', '5000')
    expect(after).toMatchObject({ ok: true })
    expect(after.steps).toBeGreaterThan(0)
    expect(existsSync(lock)).toBe(false)
  }, 180_000)

  it('an empty lock file left behind is taken over, well before the wait limit', async () => {
    const { url, lock } = fresh()
    writeFileSync(lock, '')
    // left by a process that died between creating and writing it
    const past = new Date(Date.now() - 60_000)
    utimesSync(lock, past, past)
    const report = await migrate(url, '--lock-timeout', '5000')
    expect(report).toMatchObject({ ok: true })
    expect(existsSync(lock)).toBe(false)
  }, 120_000)

  it('an empty lock file being written right now is waited for, then taken over if it stays empty', async () => {
    const { url, lock } = fresh()
    // too fresh to call stale: a run with a short wait gives up and leaves it
    const child = startScript('test/support/fault-scripts/migrate.ts', [url, '--lock-timeout', '300', '--hold', join(dir, 'go-empty')])
    await child.waitFor(/^open$/m, 120_000)
    writeFileSync(lock, '')
    writeFileSync(join(dir, 'go-empty'), '')
    const refused = JSON.parse((await child.exited).stdout.trim().split('\n').at(-1)!) as MigrateReport
    expect(refused.cause).toMatchObject({ class: 'BusyError' })
    expect(existsSync(lock)).toBe(true)
    // with a wait longer than a creator needs to write its pid, it is taken over
    expect(await migrate(url, '--lock-timeout', '5000')).toMatchObject({ ok: true })
    expect(existsSync(lock)).toBe(false)
  }, 180_000)

  it("a lock naming this process's own pid (reused after a crash) is taken over", async () => {
    const { url, lock } = fresh()
    const report = await migrate(url, '--own-pid-lock', '--lock-timeout', '5000')
    expect(report).toMatchObject({ ok: true })
    expect(existsSync(lock)).toBe(false)
  }, 120_000)

  it('four processes taking over one stale lock at once: exactly one gets it', async () => {
    const lock = join(dir, 'race.lock')
    writeFileSync(lock, '999999999 dead')
    const go = join(dir, 'go-race')
    const racers = Array.from({ length: 4 }, () => startScript('test/support/fault-scripts/race-pid-lock.ts', [lock, go]))
    await Promise.all(racers.map((r) => r.waitFor(/^ready$/m, 120_000)))
    writeFileSync(go, '')
    const results = await Promise.all(racers.map((r) => r.exited))
    for (const r of results) expect(r.code, r.stderr).toBe(0)
    expect(results.map((r) => r.stdout.trim().split('\n').at(-1)).sort()).toEqual(['acquired', 'refused', 'refused', 'refused'])
    expect(existsSync(lock)).toBe(false)
  }, 180_000)
})
