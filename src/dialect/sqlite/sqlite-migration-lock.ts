import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs'
import { type Kysely, type MigrationLockOptions, SqliteAdapter } from 'kysely'

const POLL_MS = 50

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/**
 * SQLite's adapter for migration runs: DDL is transactional in SQLite, so each
 * migration runs in its own transaction (a failed one leaves no half-built
 * table), and runs are serialised across processes by a lock file beside the
 * database file, holding the owner's pid so a crashed run's lock is taken over.
 */
export class SqliteMigrationAdapter extends SqliteAdapter {
  readonly #lockPath: string | undefined
  readonly #timeoutMs: number

  /** `databasePath` undefined for an in-memory database (one connection: nothing to guard). */
  constructor(databasePath: string | undefined, timeoutMs = 30_000) {
    super()
    this.#lockPath = databasePath === undefined ? undefined : `${databasePath}.migration-lock`
    this.#timeoutMs = timeoutMs
  }

  override get supportsTransactionalDdl(): boolean {
    return true
  }

  override async acquireMigrationLock(_db: Kysely<any>, _options: MigrationLockOptions): Promise<void> {
    const path = this.#lockPath
    if (path === undefined) return
    const deadline = Date.now() + this.#timeoutMs
    for (;;) {
      try {
        const fd = openSync(path, 'wx')
        writeSync(fd, String(process.pid))
        closeSync(fd)
        return
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
      }
      const owner = Number(readFileSync(path, 'utf8').trim())
      if (Number.isInteger(owner) && owner > 0 && !isAlive(owner)) {
        rmSync(path, { force: true })
        continue
      }
      if (Date.now() > deadline) {
        throw new Error(`another migration run holds ${path} (pid ${owner}); wait for it, or delete the file if that process is gone`)
      }
      await new Promise((resolve) => setTimeout(resolve, POLL_MS))
    }
  }

  override async releaseMigrationLock(_db: Kysely<any>, _options: MigrationLockOptions): Promise<void> {
    if (this.#lockPath !== undefined) rmSync(this.#lockPath, { force: true })
  }
}
