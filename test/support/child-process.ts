import { type ChildProcess, spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))
// tsx as a loader of this very node process: the tsx command would run the
// script in a grandchild, which a kill of the child would leave running
const TSX_LOADER = new URL('../../node_modules/tsx/dist/loader.mjs', import.meta.url).href

/** How a child process ended and what it printed. */
export interface ChildResult {
  code: number | null
  signal: NodeJS.Signals | null
  stdout: string
  stderr: string
}

/** A child process running a TypeScript script with tsx's loader (`pid` is the script's own process). */
export interface Child {
  readonly process: ChildProcess
  readonly pid: number
  /** Everything printed so far. */
  stdout(): string
  stderr(): string
  /** Resolves when stdout has a line matching `pattern` (rejects when the process ends first). */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<RegExpExecArray>
  /** Resolves when the process ends, whatever its status. */
  exited: Promise<ChildResult>
}

/**
 * Starts `script` (a path relative to the repository root, run by tsx) in its own
 * process, so that a crash or a hang there fails the test that asked, not the
 * test runner. `env` is added to the parent's environment.
 */
export function startScript(script: string, args: string[] = [], env: Record<string, string | undefined> = {}): Child {
  const child = spawn(process.execPath, ['--import', TSX_LOADER, script, ...args], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] })
  let out = ''
  let err = ''
  const waiters = new Set<() => void>()
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
    out += chunk
    for (const w of waiters) w()
  })
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
    err += chunk
  })
  const exited = new Promise<ChildResult>((resolve) => {
    child.on('close', (code, signal) => {
      for (const w of waiters) w()
      resolve({ code, signal, stdout: out, stderr: err })
    })
  })
  let done = false
  void exited.then(() => (done = true))
  return {
    process: child,
    pid: child.pid!,
    stdout: () => out,
    stderr: () => err,
    exited,
    waitFor: (pattern, timeoutMs = 60_000) =>
      new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          waiters.delete(check)
          reject(new Error(`no line matching ${pattern} within ${timeoutMs} ms; stdout: ${out}\nstderr: ${err}`))
        }, timeoutMs)
        const check = () => {
          const m = pattern.exec(out)
          if (m) {
            clearTimeout(timer)
            waiters.delete(check)
            resolve(m)
          } else if (done) {
            clearTimeout(timer)
            waiters.delete(check)
            reject(new Error(`the process ended before printing ${pattern}; stdout: ${out}\nstderr: ${err}`))
          }
        }
        waiters.add(check)
        check()
      }),
  }
}

/** Runs `script` to its end (killed after `timeoutMs`) and returns how it ended. */
export async function runScript(
  script: string,
  args: string[] = [],
  env: Record<string, string | undefined> = {},
  timeoutMs = 120_000,
): Promise<ChildResult> {
  const child = startScript(script, args, env)
  const timer = setTimeout(() => child.process.kill('SIGKILL'), timeoutMs)
  try {
    return await child.exited
  } finally {
    clearTimeout(timer)
  }
}
