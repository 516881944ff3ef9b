/**
 * Holds a lock file until killed: `hold-pid-lock.ts <path>` takes it with
 * `PidLockFile` (as a migration run or a PGlite opener does) and prints `held`.
 */
import { PidLockFile } from '../../../src/dialect/pid-lock-file.js'

const lock = new PidLockFile(process.argv[2]!)
if (!lock.tryAcquire().acquired) throw new Error(`${lock.path} is held already`)
console.log('held')
setInterval(() => {}, 1_000)
