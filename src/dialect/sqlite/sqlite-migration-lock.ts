import { type Kysely, type MigrationLockOptions, SqliteAdapter } from 'kysely'
import { BusyError } from '../../errors.js'
import type { PidLockFile } from '../pid-lock-file.js'

const POLL_MS = 50

/**
 * SQLite's adapter for migration runs: DDL is transactional in SQLite, so each
 * migration runs in its own transaction (a failed one leaves no half-built
 * table), and runs are serialised across processes by a lock file beside the
 * database file (`<file>.migration-lock`, see `PidLockFile`): a run waits for a
 * live holder, takes over a stale lock (its process ended, or it names no
 * process), and releases only a lock it acquired itself.
 */
export class SqliteMigrationAdapter extends SqliteAdapter {
  readonly #lockPath: string | undefined
  readonly #timeoutMs: number
  /** The lock each run holds, by the connection-bound Kysely the migrator hands to acquire and release. */
  readonly #held = new WeakMap<Kysely<any>, PidLockFile>()

  /** `databasePath` undefined for an in-memory database (one connection: nothing to guard). */
  constructor(databasePath: string | undefined, timeoutMs = 30_000) {
    super()
    this.#lockPath = databasePath === undefined ? undefined : `${databasePath}.migration-lock`
    this.#timeoutMs = timeoutMs
  }

  override get supportsTransactionalDdl(): boolean {
    return true
  }

  override async acquireMigrationLock(db: Kysely<any>, _options: MigrationLockOptions): Promise<void> {
    const path = this.#lockPath
    if (path === undefined) return
    // loaded by the first migration run: the lock file's node:crypto and node:fs are not a query's
    const lock = new (await import('../pid-lock-file.js')).PidLockFile(path)
    const deadline = Date.now() + this.#timeoutMs
    for (;;) {
      const attempt = lock.tryAcquire()
      if (attempt.acquired) {
        this.#held.set(db, lock)
        return
      }
      if (Date.now() >= deadline) {
        const holder = attempt.holder === undefined ? 'another process' : `process ${attempt.holder}`
        throw new BusyError(
          `another migration run (${holder}) has held ${path} for over ${this.#timeoutMs / 1000} s; ` +
            'run the migration again once it has finished (its lock is left untouched)',
        )
      }
      await new Promise((resolve) => setTimeout(resolve, POLL_MS))
    }
  }

  override async releaseMigrationLock(db: Kysely<any>, _options: MigrationLockOptions): Promise<void> {
    // Kysely calls this also when acquiring failed: then there is nothing of ours to release
    this.#held.get(db)?.release()
    this.#held.delete(db)
  }
}
