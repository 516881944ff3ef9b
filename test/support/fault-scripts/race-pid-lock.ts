/**
 * One of several processes racing for one lock file: `race-pid-lock.ts <path> <go-file>`
 * prints `ready`, waits for <go-file>, tries to take the lock once (taking over
 * a stale one), prints `acquired` or `refused`, holds it 2 s and releases it.
 */
import { PidLockFile } from '../../../src/dialect/pid-lock-file.js'
import { waitForFile } from './wait-for-file.js'

const [path, go] = process.argv.slice(2) as [string, string]
const lock = new PidLockFile(path)
console.log('ready')
await waitForFile(go)
const attempt = lock.tryAcquire()
console.log(attempt.acquired ? 'acquired' : 'refused')
await new Promise((resolve) => setTimeout(resolve, 2_000))
lock.release()
