import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { ConnectionError } from '../../errors.js'
import { PidLockFile } from '../pid-lock-file.js'

/** The lock file PGlite's data directory holds while a process has it open. */
export const PGLITE_LOCK_FILE = 'residency-db.lock'

/**
 * Takes the PGlite data directory `dir` for this process, at once, or fails:
 * PGlite is PostgreSQL in one process, and two processes writing one directory
 * corrupt it. A lock left by a process that has ended is taken over. Release
 * the returned lock when the database is closed.
 */
export function lockPgliteDirectory(dir: string, url: string): PidLockFile {
  mkdirSync(dir, { recursive: true })
  const lock = new PidLockFile(join(dir, PGLITE_LOCK_FILE))
  const attempt = lock.tryAcquire()
  if (attempt.acquired) return lock
  const holder =
    attempt.holder === undefined
      ? 'another process'
      : attempt.holder === process.pid
        ? `this process (pid ${process.pid}, another open database)`
        : `process ${attempt.holder}`
  throw new ConnectionError(
    `cannot open PGlite database ${url}: the directory is in use by ${holder}, and PGlite serves one process at a time. ` +
      'Close it there first (destroy()), or use PostgreSQL (postgres://…) for several processes; ' +
      `if that process is gone, its lock ${lock.path} is taken over on the next open`,
  )
}
