/**
 * `migrate latest` in its own process: `migrate.ts <url> [--lock-timeout <ms>] [--own-pid-lock] [--hold <file>]`.
 * `--own-pid-lock` first writes this process's pid into the SQLite file's
 * migration lock (a lock left by an earlier process that had the same pid);
 * `--hold <file>` opens the database, prints `open`, and migrates only once
 * <file> exists. Prints `step <i>/<n> <name>` after each migration, then one
 * JSON line: `{ ok, steps }` or `{ ok: false, error, cause }`.
 */
import { writeFileSync } from 'node:fs'
import { createDatabase } from '../../../src/index.js'
import { describeError } from './describe-error.js'
import { waitForFile } from './wait-for-file.js'

const [url, ...rest] = process.argv.slice(2) as [string, ...string[]]
const option = (name: string) => {
  const at = rest.indexOf(name)
  return at < 0 ? undefined : rest[at + 1]
}
if (rest.includes('--own-pid-lock')) writeFileSync(`${url.replace(/^sqlite:/, '')}.migration-lock`, String(process.pid))
const lockTimeout = option('--lock-timeout')
try {
  const rdb = await createDatabase({ url, migrationLockTimeoutMs: lockTimeout === undefined ? undefined : Number(lockTimeout) })
  const hold = option('--hold')
  if (hold !== undefined) {
    console.log('open')
    await waitForFile(hold)
  }
  try {
    const steps = await rdb.migrateToLatest({ onProgress: (s) => console.log(`step ${s.index}/${s.total} ${s.name}`) })
    console.log(JSON.stringify({ ok: true, steps: steps.length }))
  } finally {
    await rdb.destroy()
  }
} catch (error) {
  console.log(JSON.stringify({ ok: false, error: describeError(error), cause: (error as Error).cause && describeError((error as Error).cause) }))
}
