import { randomBytes } from 'node:crypto'
import { closeSync, fstatSync, linkSync, openSync, readFileSync, unlinkSync, writeFileSync, writeSync } from 'node:fs'

/** What `PidLockFile.tryAcquire` found. */
export type LockAttempt =
  | { acquired: true }
  /** `holder` undefined: a file without a pid, too fresh to call stale (being written right now). */
  | { acquired: false; holder: number | undefined }

/** How long a lock file without a pid may be one still being written by its creator. */
const UNWRITTEN_GRACE_MS = 1_000

/** Tokens of the locks this process holds, and their files (released on exit). */
const heldHere = new Map<string, PidLockFile>()
let exitHookInstalled = false

/** The contents of a lock file, with its inode so that a replaced file is told apart. */
interface LockState {
  text: string
  inode: number
  mtimeMs: number
}

function readState(path: string): LockState | undefined {
  let fd: number
  try {
    fd = openSync(path, 'r')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined
    throw error
  }
  try {
    const stat = fstatSync(fd)
    return { text: readFileSync(fd, 'utf8'), inode: stat.ino, mtimeMs: stat.mtimeMs }
  } finally {
    closeSync(fd)
  }
}

/**
 * Creates `path` holding `text`, or returns false if it exists. Nobody ever sees
 * the file empty: the text goes into a private temporary file first, which is
 * then hard-linked to `path` (atomic, and fails if `path` exists).
 */
function createExclusive(path: string, text: string): boolean {
  const temporary = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`
  writeFileSync(temporary, text, { flag: 'wx' })
  try {
    linkSync(temporary, path)
    return true
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'EEXIST') return false
    // a file system without hard links: exclusive create, then write (briefly empty)
    if (code === 'EPERM' || code === 'ENOTSUP' || code === 'EOPNOTSUPP' || code === 'ENOSYS') return createOpen(path, text)
    throw error
  } finally {
    unlinkSync(temporary)
  }
}

function createOpen(path: string, text: string): boolean {
  let fd: number
  try {
    fd = openSync(path, 'wx')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false
    throw error
  }
  try {
    writeSync(fd, text)
  } finally {
    closeSync(fd)
  }
  return true
}

function unlinkIfPresent(path: string): void {
  try {
    unlinkSync(path)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error
  }
}

/** True while process `pid` runs (a zombie, ended but not yet reaped, counts as ended). */
export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
  if (process.platform !== 'linux') return true
  try {
    // /proc/<pid>/stat: "pid (comm) S ...", the state letter after the last ')'
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z'
  } catch {
    return true
  }
}

function parse(text: string): { pid: number; token: string | undefined } | undefined {
  const [pidText, token] = text.trim().split(/\s+/)
  const pid = Number(pidText)
  return Number.isInteger(pid) && pid > 0 ? { pid, token } : undefined
}

/**
 * A lock held by a process, as a file naming its pid (and a token unique to
 * this acquisition): created atomically, released only by the one who acquired
 * it, and taken over when stale, that is when it names a process that has
 * ended, names this very process without being one of its own locks (a pid
 * reused after a crash), or holds no pid at all (its creator died mid-write).
 * Used for the SQLite migration lock and the PGlite directory lock.
 */
export class PidLockFile {
  readonly path: string
  #token: string | undefined

  constructor(path: string) {
    this.path = path
  }

  /** True while this object holds the lock. */
  get held(): boolean {
    return this.#token !== undefined
  }

  /** Takes the lock if it is free or stale, at once; otherwise tells who holds it. */
  tryAcquire(): LockAttempt {
    if (this.#token !== undefined) throw new Error(`${this.path} is already held by this lock object`)
    for (let attempt = 0; attempt < 3; attempt++) {
      const token = randomBytes(8).toString('hex')
      if (createExclusive(this.path, `${process.pid} ${token}\n`)) {
        this.#token = token
        heldHere.set(token, this)
        installExitHook()
        return { acquired: true }
      }
      const state = readState(this.path)
      if (state === undefined) continue // released meanwhile: try again
      const owner = parse(state.text)
      if (owner === undefined && Date.now() - state.mtimeMs < UNWRITTEN_GRACE_MS) return { acquired: false, holder: undefined }
      if (owner !== undefined && !this.#isStale(owner)) return { acquired: false, holder: owner.pid }
      this.#breakStale(state)
    }
    const owner = parse(readState(this.path)?.text ?? '')
    return { acquired: false, holder: owner?.pid }
  }

  /** Removes the lock file if, and only if, this object acquired it and it is still the one it created. */
  release(): void {
    const token = this.#token
    if (token === undefined) return
    this.#token = undefined
    heldHere.delete(token)
    const state = readState(this.path)
    if (state !== undefined && parse(state.text)?.token === token) unlinkIfPresent(this.path)
  }

  #isStale(owner: { pid: number; token: string | undefined }): boolean {
    if (owner.pid === process.pid) return owner.token === undefined || !heldHere.has(owner.token)
    return !isProcessAlive(owner.pid)
  }

  /**
   * Deletes the stale file `seen`, unless it was replaced meanwhile. Two processes
   * may judge the same file stale at once: a short-lived guard file makes the
   * check and the delete one step, so that neither deletes the other's new lock.
   */
  #breakStale(seen: LockState): void {
    const guard = `${this.path}.takeover`
    if (!createExclusive(guard, `${process.pid}\n`)) {
      // held for microseconds by a live process (never across calls by this one);
      // one left by a process that died holding it is removed
      const state = readState(guard)
      const guardOwner = parse(state?.text ?? '')
      const stale =
        guardOwner === undefined
          ? state !== undefined && Date.now() - state.mtimeMs >= UNWRITTEN_GRACE_MS
          : guardOwner.pid === process.pid || !isProcessAlive(guardOwner.pid)
      if (stale) unlinkIfPresent(guard)
      return
    }
    try {
      const now = readState(this.path)
      if (now !== undefined && now.inode === seen.inode && now.text === seen.text) unlinkIfPresent(this.path)
    } finally {
      unlinkIfPresent(guard)
    }
  }
}

function installExitHook(): void {
  if (exitHookInstalled) return
  exitHookInstalled = true
  // a process that ends without closing its database leaves no lock behind
  process.on('exit', () => {
    for (const lock of [...heldHere.values()]) {
      try {
        lock.release()
      } catch {
        // nothing more can be done while exiting
      }
    }
  })
}
