import { execFileSync } from 'node:child_process'
import { mkdirSync } from 'node:fs'

/**
 * A small tmpfs mounted at `dir`, for faults a real file system must produce (a
 * full disk, a read-only mount). Needs root (CAP_SYS_ADMIN): returns false
 * where mounting is not allowed, and the caller says what it does instead.
 */
export function mountTmpfs(dir: string, sizeKb: number): boolean {
  mkdirSync(dir, { recursive: true })
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${sizeKb}k`, 'tmpfs', dir], { stdio: 'pipe' })
    return true
  } catch {
    return false
  }
}

/** Changes a mount made by `mountTmpfs`: `ro`, `rw`, `size=16m`. */
export function remount(dir: string, options: string): void {
  execFileSync('mount', ['-o', `remount,${options}`, dir], { stdio: 'pipe' })
}

export function unmount(dir: string): void {
  execFileSync('umount', [dir], { stdio: 'pipe' })
}
