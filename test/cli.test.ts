import { execFile } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'
import { migrations } from '../migrations/index.js'

// the CLI as `npx tsx src/cli.ts` runs it, with tsx resolved from this repository whatever the cwd
const ROOT = fileURLToPath(new URL('..', import.meta.url))
const TSX = join(ROOT, 'node_modules', '.bin', 'tsx')
const CLI = join(ROOT, 'src', 'cli.ts')
const NAMES = Object.keys(migrations)
const N = NAMES.length

const dir = mkdtempSync(join(tmpdir(), 'residency-db-cli-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

interface Run {
  code: number
  stdout: string
  stderr: string
  lines: string[]
}

/** Runs `residency-db <args>` in `cwd` with no DATABASE_URL, so only --url or the default applies. */
function cli(args: string[], cwd = dir): Promise<Run> {
  const env = { ...process.env }
  delete env.DATABASE_URL
  return new Promise((resolve) => {
    execFile(TSX, [CLI, ...args], { cwd, env }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0
      resolve({ code, stdout, stderr, lines: stdout.split('\n').filter((l) => l !== '') })
    })
  })
}

describe('residency-db --help', () => {
  it('describes the commands, and each command and subcommand has its own help', async () => {
    const [main, migrate, status, demo] = await Promise.all([
      cli(['--help']),
      cli(['migrate', '--help']),
      cli(['migrate', 'status', '-h']),
      cli(['demo', '--help']),
    ])
    expect(main).toMatchObject({ code: 0, stderr: '' })
    expect(main.stdout).toMatch(/^Usage: residency-db <command>/)
    expect(main.stdout).toContain('migrate <latest|up|down|status|reset|adopt>')
    expect(main.stdout).toContain('demo')
    expect(main.stdout).toContain('sqlite:./residency.db')

    expect(migrate.code).toBe(0)
    for (const sub of ['latest', 'up', 'down', 'status', 'reset', 'adopt']) expect(migrate.stdout).toMatch(new RegExp(`^  ${sub} `, 'm'))

    expect(status.code).toBe(0)
    expect(status.stdout).toMatch(/^Usage: residency-db migrate status \[--url URL\]/)

    expect(demo.code).toBe(0)
    expect(demo.stdout).toMatch(/^Usage: residency-db demo \[--url URL\]/)
  })
})

describe('residency-db migrate', () => {
  const url = `sqlite:${join(dir, 'migrate.db')}`

  it('latest applies every migration with a progress line each', async () => {
    const run = await cli(['migrate', 'latest', '--url', url])
    expect(run).toMatchObject({ code: 0, stderr: '' })
    expect(run.lines[0]).toBe(`database ${url} (sqlite, driver better-sqlite3)`)
    expect(run.lines.slice(1, -1)).toEqual(NAMES.map((name, i) => `applied ${name} (${i + 1}/${N})`))
    expect((await cli(['migrate', 'latest', '--url', url])).lines.slice(1)).toEqual([`already up to date (${N} migrations)`])
  })

  it('status lists each migration with when it was applied', async () => {
    const run = await cli(['migrate', 'status', '--url', url])
    expect(run.code).toBe(0)
    expect(run.lines[0]).toContain('(sqlite, driver better-sqlite3)')
    for (const name of NAMES) expect(run.stdout).toMatch(new RegExp(`^${name} +applied \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d UTC$`, 'm'))
    expect(run.lines.at(-2)).toBe(`${N} of ${N} applied, 0 pending`)
    // where the vector columns went, chosen when the migrations ran
    expect(run.lines.at(-1)).toBe('vector columns: text (JSON array)')
  })

  it('down reverts the last migration, which status then shows pending', async () => {
    const down = await cli(['migrate', 'down', '--url', url])
    expect(down.lines.slice(1)).toEqual([`reverted ${NAMES[N - 1]} (${N}/${N})`])
    const status = await cli(['migrate', 'status', '--url', url])
    expect(status.stdout).toMatch(new RegExp(`^${NAMES[N - 1]} +pending$`, 'm'))
    const up = await cli(['migrate', 'up', '--url', url])
    expect(up.lines.slice(1)).toEqual([`applied ${NAMES[N - 1]} (${N}/${N})`])
  })

  it('reset reverts every migration, newest first', async () => {
    const run = await cli(['migrate', 'reset', '--url', url])
    expect(run.code).toBe(0)
    expect(run.lines.slice(1, -1)).toEqual(NAMES.map((name, i) => `reverted ${name} (${i + 1}/${N})`).reverse())
    const status = await cli(['migrate', 'status', '--url', url])
    expect(status.lines.at(-2)).toBe(`0 of ${N} applied, ${N} pending`)
  })
})

describe('residency-db errors', () => {
  it('a bad URL exits 1 with one line on stderr, password masked', async () => {
    const run = await cli(['migrate', 'status', '--url', 'mysql://admin:hunter2@db.example/app'])
    expect(run.code).toBe(1)
    expect(run.stdout).toBe('')
    expect(run.stderr.split('\n')).toEqual([expect.stringMatching(/^residency-db: unknown database URL scheme 'mysql:'/), ''])
    expect(run.stderr).toContain('mysql://admin:***@db.example/app')
    expect(run.stderr).not.toContain('hunter2')
  })

  it('an unknown command, subcommand or option exits 1 with one line', async () => {
    const cases = [['frobnicate'], ['migrate', 'sideways'], ['migrate'], ['demo', '--verbose'], []]
    const runs = await Promise.all(cases.map((args) => cli(args)))
    runs.forEach((run, i) => {
      expect(run.code, cases[i]!.join(' ')).toBe(1)
      expect(run.stderr, cases[i]!.join(' ')).toMatch(/^residency-db: [^\n]+\n$/)
    })
  })
})

/** The lines of the report section whose title starts with `title`, title excluded. */
function section(stdout: string, title: string): string[] {
  const lines = stdout.split('\n')
  const start = lines.findIndex((l) => l.startsWith(title))
  const end = lines.findIndex((l, i) => i > start && l === '')
  return lines.slice(start + 1, end === -1 ? undefined : end)
}

describe('residency-db demo', () => {
  it('loads the program into ./residency.db and prints the four query patterns; a second run reuses it', async () => {
    const first = await cli(['demo'])
    expect(first).toMatchObject({ code: 0, stderr: '' })
    expect(first.lines[0]).toBe('database sqlite:./residency.db (sqlite, driver better-sqlite3)')
    expect(first.stdout).toMatch(/^loaded demo program: 730 blocks, 18 people, /m)
    for (const title of [
      'Schedule of Hannah Cho (PGY-2), 2025-09-29 to 2025-10-05',
      'Half-day 2025-10-01 AM (Wed, block 4)',
      'Certifications expiring within 90 days of 2025-10-01',
      'Swap history of Dr. David Park (page 1 of 2, 5 swaps, 4 a page)',
    ]) {
      expect(first.stdout).toContain(`\n${title}\n`)
    }
    expect(first.stdout).toContain('\nSwap walkthrough: Dr. Michael Chen -> Dr. Elena Vargas, absorb of the week of 2025-10-06\n')
    expect(section(first.stdout, 'Schedule of')).toContainEqual(expect.stringMatching(/^2025-10-01 +Wed +PM +4 +Didactics +primary$/))
    // today's expiry included, Marcus Reed's expired BLS and anything after 2025-12-30 left out
    expect(section(first.stdout, 'Certifications expiring').slice(2)).toEqual([
      expect.stringMatching(/^2025-10-01 +today +Avery Brooks +BLS /),
      expect.stringMatching(/^2025-10-15 +14 days +Jordan Kim +ACLS /),
      expect.stringMatching(/^2025-11-20 +50 days +Dr\. David Park +ACLS /),
      expect.stringMatching(/^2025-11-20 +50 days +Nora Fischer +PALS /),
      expect.stringMatching(/^2025-12-30 +90 days +Grace Liu +NRP /),
    ])
    expect(section(first.stdout, 'Swap history of')).toHaveLength(2 + 4)

    const second = await cli(['demo'])
    expect(second.code).toBe(0)
    expect(second.lines[1]).toBe('demo program already loaded: nothing to add')
    const report = (run: Run) => run.stdout.slice(run.stdout.indexOf('\nSchedule of'), run.stdout.indexOf('\nSwap walkthrough'))
    expect(report(second)).toBe(report(first))
    // the swap walkthrough runs once: executed and rolled back, then only reported
    expect(section(first.stdout, 'Swap walkthrough')).toEqual([
      'requested: pending, waiting for the target to answer',
      'Dr. Elena Vargas approved: the swap is approved',
      'executed: 4 half-days moved to Dr. Elena Vargas',
      'rolled back: 4 half-days given back to Dr. Michael Chen; the swap is rolled_back',
    ])
    expect(section(second.stdout, 'Swap walkthrough')).toEqual(['already walked through: the swap is rolled_back'])
  })
})
