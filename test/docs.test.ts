import { execFile } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

// `npm run docs`: TypeDoc builds the API reference of every entry point
// package.json publishes, and any warning (a public type referring to one that
// is not exported, a broken {@link}) fails it.

const root = resolve(import.meta.dirname, '..')
const typedoc = join(root, 'node_modules', 'typedoc', 'bin', 'typedoc')
const run = promisify(execFile)
let out: string
let result: { code: number; output: string }

beforeAll(async () => {
  out = mkdtempSync(join(tmpdir(), 'rdb-docs-'))
  try {
    const { stdout, stderr } = await run(process.execPath, [typedoc, '--out', out], { cwd: root })
    result = { code: 0, output: stdout + stderr }
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string }
    result = { code: e.code ?? 1, output: `${e.stdout ?? ''}${e.stderr ?? ''}` }
  }
}, 180_000)

afterAll(() => rmSync(out, { recursive: true, force: true }))

describe('npm run docs', () => {
  it('builds without a warning', () => {
    expect(result.output).not.toMatch(/\[warning\]|\[error\]/)
    expect(result.code).toBe(0)
  })

  it('documents one module per entry point of package.json exports', () => {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { exports: Record<string, unknown> }
    const entries = Object.keys(pkg.exports).filter((subpath) => subpath !== './package.json')
    const modules = readdirSync(join(out, 'modules'))
    expect(modules).toHaveLength(entries.length)
    expect(modules).toEqual(expect.arrayContaining(['residency-db.html', 'residency-db_zod.html', 'residency-db_audit.html']))
  })

  it('documents createDatabase, the query functions and the error classes, without internal options', () => {
    for (const page of ['functions/residency-db.createDatabase.html', 'functions/residency-db.getPersonSchedule.html', 'classes/residency-db.UniqueViolationError.html']) {
      expect(existsSync(join(out, page)), page).toBe(true)
    }
    const createDatabase = readFileSync(join(out, 'functions', 'residency-db.createDatabase.html'), 'utf8')
    expect(createDatabase).toContain('sqlite::memory:')
    const options = readFileSync(join(out, 'interfaces', 'residency-db.DatabaseOptions.html'), 'utf8')
    expect(options).toContain('busyTimeoutMs')
    expect(options).not.toContain('extraColumnTypes')
  })
})
