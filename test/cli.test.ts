import { execFile } from 'node:child_process'
import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { basename, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'
import { migrations } from '../migrations/index.js'
import { prompts } from '../src/cli/migrate-command.js'
import { runCli } from '../src/cli/run-cli.js'

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
function cli(args: string[], cwd = dir, extraEnv: Record<string, string> = {}): Promise<Run> {
  const env = { ...process.env }
  delete env.DATABASE_URL
  Object.assign(env, extraEnv)
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
    expect(main.stdout).toContain('migrate <latest|up|down|status|reset|make|adopt>')
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

  it('status --json prints one JSON document', async () => {
    const run = await cli(['migrate', 'status', '--json', '--url', url])
    expect(run.code).toBe(0)
    const report = JSON.parse(run.stdout)
    expect(report).toMatchObject({ database: url, dialect: 'sqlite', driver: 'better-sqlite3', applied: N, pending: 0 })
    expect(report.migrations).toHaveLength(N)
    expect(report.migrations[0]).toEqual({ name: NAMES[0], scope: 'library', executedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT.*Z$/) })
  })

  it('status works on a read-only file and never creates one', async () => {
    const readOnly = join(dir, 'read-only.db')
    copyFileSync(url.slice('sqlite:'.length), readOnly)
    chmodSync(readOnly, 0o444)
    const before = readFileSync(readOnly)
    const status = await cli(['migrate', 'status', '--url', `sqlite:${readOnly}`])
    expect(status.code, status.stderr).toBe(0)
    expect(status.lines.at(-2)).toBe(`${N} of ${N} applied, 0 pending`)
    // opened read-only: not a byte of the database written
    expect(readFileSync(readOnly).equals(before)).toBe(true)
    const missing = join(dir, 'missing.db')
    const none = await cli(['migrate', 'status', '--url', `sqlite:${missing}`])
    expect(none.code).toBe(1)
    expect(none.stderr).toMatch(/^residency-db: no SQLite database at .*missing\.db: nothing to read \(migrate latest creates it\)\n$/)
    expect(existsSync(missing)).toBe(false)
  })

  it('reset without a terminal needs --force, and reverts nothing without it', async () => {
    const refused = await cli(['migrate', 'reset', '--url', url])
    expect(refused.code).toBe(1)
    expect(refused.stderr).toMatch(/reset drops every table of .* confirm on a terminal, or pass --force/)
    expect((await cli(['migrate', 'status', '--url', url])).lines.at(-2)).toBe(`${N} of ${N} applied, 0 pending`)
  })

  it('reset on a terminal asks first: no reverts nothing, yes goes ahead', async () => {
    const lines: string[] = []
    const questions: string[] = []
    const saved = { ...prompts }
    prompts.interactive = () => true
    try {
      prompts.confirm = async (q) => (questions.push(q), false)
      await runCli(['migrate', 'reset', '--url', 'sqlite::memory:'], (l) => lines.push(l))
      prompts.confirm = async (q) => (questions.push(q), true)
      await runCli(['migrate', 'reset', '--url', 'sqlite::memory:'], (l) => lines.push(l))
    } finally {
      Object.assign(prompts, saved)
    }
    expect(questions).toEqual(['Drop every table of sqlite::memory: and its data?', 'Drop every table of sqlite::memory: and its data?'])
    expect(lines.filter((l) => !l.startsWith('database '))).toEqual(['reset cancelled: nothing reverted', 'nothing to revert: no migration is applied'])
  })

  it('reset --force reverts every migration, newest first', async () => {
    const run = await cli(['migrate', 'reset', '--force', '--url', url])
    expect(run.code).toBe(0)
    expect(run.lines.slice(1, -1)).toEqual(NAMES.map((name, i) => `reverted ${name} (${i + 1}/${N})`).reverse())
    const status = await cli(['migrate', 'status', '--url', url])
    expect(status.lines.at(-2)).toBe(`0 of ${N} applied, ${N} pending`)
  })
})

describe('residency-db migrate --service-migrations', () => {
  it("runs the library's migrations, then the service's files, and reverts the service's first", async () => {
    const url = `sqlite:${join(dir, 'service.db')}`
    const folder = join(dir, 'service-migrations')
    mkdirSync(folder)
    writeFileSync(
      join(folder, '20260301T0900-widgets.mjs'),
      "export async function up(db) { await db.schema.createTable('widgets').addColumn('id', 'integer').execute() }\n" +
        "export async function down(db) { await db.schema.dropTable('widgets').execute() }\n",
    )
    const latest = await cli(['migrate', 'latest', '--url', url, '--service-migrations', folder])
    expect(latest).toMatchObject({ code: 0, stderr: '' })
    expect(latest.lines.at(-2)).toBe(`applied 20260301T0900-widgets (${N + 1}/${N + 1})`)
    const down = await cli(['migrate', 'down', '--url', url, '--service-migrations', folder])
    expect(down.lines.slice(1)).toEqual([`reverted 20260301T0900-widgets (${N + 1}/${N + 1})`])
  })
})

describe('residency-db --version, migrate make, config file', () => {
  it('--version prints the package version', async () => {
    const run = await cli(['--version'])
    expect(run).toMatchObject({ code: 0, stdout: `${JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version}\n` })
  })

  it('migrate make writes a dated, empty migration that migrate latest then applies', async () => {
    const project = join(dir, 'made')
    mkdirSync(project)
    const made = await cli(['migrate', 'make', 'add-shift-notes'], project)
    expect(made.code, made.stderr).toBe(0)
    expect(made.stdout).toMatch(/^wrote .*\/migrations\/\d{8}T\d{4}-add-shift-notes\.mjs\n$/)
    const file = made.stdout.slice('wrote '.length).trim()
    expect(readFileSync(file, 'utf8')).toMatch(/export async function up\(db, dialect\)/)
    const name = basename(file).replace(/\.mjs$/, '')
    const run = await cli(['migrate', 'latest', '--url', 'sqlite::memory:', '--service-migrations', join(project, 'migrations')], project)
    expect(run.lines.at(-2)).toBe(`applied ${name} (${N + 1}/${N + 1})`)
    const bad = await cli(['migrate', 'make', 'Bad Name'], project)
    expect(bad.code).toBe(1)
  })

  it('reads url and service migrations from residency-db.config.json; DATABASE_URL and --url win over its url', async () => {
    const project = join(dir, 'configured')
    mkdirSync(join(project, 'db'), { recursive: true })
    writeFileSync(join(project, 'db', '20260301T0900-widgets.mjs'), "export async function up(db) { await db.schema.createTable('widgets').addColumn('id', 'integer').execute() }\n")
    writeFileSync(join(project, 'residency-db.config.json'), JSON.stringify({ url: 'sqlite:./from-config.db', serviceMigrations: { folder: 'db', table: 'app_migration' } }))
    const run = await cli(['migrate', 'latest'], project)
    expect(run.code, run.stderr).toBe(0)
    expect(run.lines[0]).toBe('database sqlite:./from-config.db (sqlite, driver better-sqlite3)')
    expect(run.lines.at(-2)).toBe(`applied 20260301T0900-widgets (${N + 1}/${N + 1})`)
    expect(existsSync(join(project, 'from-config.db'))).toBe(true)
    const fromEnv = await cli(['migrate', 'status', '--json'], project, { DATABASE_URL: 'sqlite::memory:' })
    expect(JSON.parse(fromEnv.stdout)).toMatchObject({ database: 'sqlite::memory:', applied: 0 })
  })
})

describe('residency-db errors', () => {
  it('sqlite::memory (missing colon) is refused, and no file named :memory is created', async () => {
    const run = await cli(['migrate', 'status', '--url', 'sqlite::memory'])
    expect(run.code).toBe(1)
    expect(run.stderr).toMatch(/write sqlite::memory: for an in-memory database/)
    expect(existsSync(join(dir, ':memory'))).toBe(false)
  })

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
