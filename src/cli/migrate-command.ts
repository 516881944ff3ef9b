import type { MigrationStep } from '../migration-runner.js'
import type { ResidencyDatabase } from '../connect.js'
import { adoptCommand } from './adopt-command.js'
import { type CliArgs, OPTIONS_HELP, UsageError } from './cli-args.js'
import { resolveConfig } from './cli-config.js'
import { confirmOnTerminal } from './confirm.js'
import { makeMigration } from './make-migration.js'
import { formatTable } from './text-table.js'
import { withDatabase, type Print } from './with-database.js'

interface Subcommand {
  summary: string
  /** Opens the database read-only (SQLite: never creates the file). */
  readOnly?: boolean
  /** Extra usage text (options of its own). */
  usage?: string
  run(rdb: ResidencyDatabase, print: Print, args: CliArgs): Promise<void>
}

/** Asks on a terminal; elsewhere only `--force` may go ahead. Tests replace it. */
export const prompts = {
  interactive: () => process.stdin.isTTY === true,
  confirm: confirmOnTerminal,
}

/** `applied <name> (<position>/<total>)`, numbered by the migration's place in the list. */
export async function progressPrinter(rdb: ResidencyDatabase, print: Print): Promise<(step: MigrationStep) => void> {
  const names = (await rdb.migrationStatus()).map((m) => m.name)
  return (step) =>
    print(`${step.direction === 'up' ? 'applied' : 'reverted'} ${step.name} (${names.indexOf(step.name) + 1}/${names.length})`)
}

async function countApplied(rdb: ResidencyDatabase): Promise<{ applied: number; total: number }> {
  const status = await rdb.migrationStatus()
  return { applied: status.filter((m) => m.executedAt !== null).length, total: status.length }
}

/** Runs one migration step (up or down), printing it, or `nothing` when there was none. */
async function oneStep(rdb: ResidencyDatabase, print: Print, step: () => Promise<MigrationStep[]>, nothing: string): Promise<void> {
  const progress = await progressPrinter(rdb, print)
  const ran = await step()
  ran.forEach(progress)
  if (ran.length === 0) print(nothing)
}

const SUBCOMMANDS: Record<string, Subcommand> = {
  latest: {
    summary: 'apply every pending migration, in order, each in its own transaction',
    async run(rdb, print) {
      const ran = await rdb.migrateToLatest({ onProgress: await progressPrinter(rdb, print) })
      const { total } = await countApplied(rdb)
      print(ran.length === 0 ? `already up to date (${total} migrations)` : `up to date: ${total} of ${total} migrations applied`)
    },
  },
  up: {
    summary: 'apply the next pending migration',
    run: (rdb, print) => oneStep(rdb, print, () => rdb.migrateUp(), 'nothing to apply: every migration is applied'),
  },
  down: {
    summary: 'revert the last applied migration',
    run: (rdb, print) => oneStep(rdb, print, () => rdb.migrateDown(), 'nothing to revert: no migration is applied'),
  },
  status: {
    summary: 'list every migration with when it was applied, or pending (read-only; --json for JSON)',
    readOnly: true,
    async run(rdb, print, args) {
      const status = await rdb.migrationStatus()
      const applied = status.filter((m) => m.executedAt !== null).length
      if (args.json) {
        const migrations = status.map((m) => ({ name: m.name, scope: m.scope, executedAt: m.executedAt?.toISOString() ?? null }))
        const report = { database: rdb.url, dialect: rdb.dialect, driver: rdb.driver, applied, pending: status.length - applied }
        return print(JSON.stringify({ ...report, vectorStorage: await rdb.vectorStorage(), migrations }, null, 2))
      }
      const rows = status.map((m) => [
        m.name,
        m.executedAt ? `applied ${m.executedAt.toISOString().replace('T', ' ').slice(0, 19)} UTC` : 'pending',
      ])
      for (const line of formatTable(['migration', 'status'], rows)) print(line)
      print(`${applied} of ${status.length} applied, ${status.length - applied} pending`)
      // chosen when the migrations ran: pgvector where the server offers it
      print(`vector columns: ${await rdb.vectorStorage()}`)
    },
  },
  reset: {
    summary: 'revert every applied migration, newest first (drops the tables and their data; asks first, or --force)',
    async run(rdb, print, args) {
      if (!args.force) {
        if (!prompts.interactive()) {
          throw new UsageError(`reset drops every table of ${rdb.url} and its data: confirm on a terminal, or pass --force`)
        }
        if (!(await prompts.confirm(`Drop every table of ${rdb.url} and its data?`))) return print('reset cancelled: nothing reverted')
      }
      const ran = await rdb.migrateReset({ onProgress: await progressPrinter(rdb, print) })
      print(ran.length === 0 ? 'nothing to revert: no migration is applied' : `reverted ${ran.length} migrations`)
    },
  },
}

const MAKE_SUMMARY =
  "write an empty dated migration file for the service's own migrations (--service-migrations DIR or the config's folder, default ./migrations)"

SUBCOMMANDS.adopt = {
  summary: 'bring a PostgreSQL database another program built (Alembic) to our schema and record the migrations as applied',
  usage: '[--dry-run]',
  run: adoptCommand,
}

const width = Math.max(...Object.keys(SUBCOMMANDS).map((s) => s.length))

export const MIGRATE_HELP = `Usage: residency-db migrate <subcommand> [--url URL]

Changes or shows the database schema.

Subcommands:
${Object.entries(SUBCOMMANDS)
  .map(([name, s]) => `  ${name.padEnd(width)}  ${s.summary}`)
  .join('\n')}
  ${'make'.padEnd(width)}  ${MAKE_SUMMARY}: migrate make <name>

${OPTIONS_HELP}`

function subcommandHelp(name: string, s: Subcommand): string {
  return `Usage: residency-db migrate ${name} [--url URL]${s.usage ? ` ${s.usage}` : ''}

${s.summary[0]!.toUpperCase()}${s.summary.slice(1)}.

${OPTIONS_HELP}`
}

/** `residency-db migrate make <name>`: needs no database. */
async function make(args: CliArgs, print: Print): Promise<void> {
  if (args.help) return print(`Usage: residency-db migrate make <name> [--service-migrations DIR]\n\n${MAKE_SUMMARY[0]!.toUpperCase()}${MAKE_SUMMARY.slice(1)}.`)
  const [name, ...extra] = args.extra
  if (name === undefined) throw new UsageError('migrate make needs a name, e.g. residency-db migrate make add-shift-notes')
  if (extra.length > 0) throw new UsageError(`unexpected argument '${extra[0]}' (see residency-db migrate make --help)`)
  const config = await resolveConfig(args)
  print(`wrote ${makeMigration(config.serviceMigrations?.folder ?? 'migrations', name)}`)
}

/** `residency-db migrate latest|up|down|status|reset|make|adopt`. */
export async function migrateCommand(args: CliArgs, print: Print): Promise<void> {
  const name = args.subcommand
  if (name === undefined) {
    if (args.help) return print(MIGRATE_HELP)
    throw new UsageError('migrate needs a subcommand: latest, up, down, status, reset, make or adopt (see residency-db migrate --help)')
  }
  if (name === 'make') return make(args, print)
  const subcommand = Object.hasOwn(SUBCOMMANDS, name) ? SUBCOMMANDS[name] : undefined
  if (!subcommand) throw new UsageError(`unknown migrate subcommand '${name}' (see residency-db migrate --help)`)
  if (args.help) return print(subcommandHelp(name, subcommand))
  if (args.extra.length > 0) throw new UsageError(`unexpected argument '${args.extra[0]}' (see residency-db migrate ${name} --help)`)
  if (args.dryRun && name !== 'adopt') throw new UsageError(`--dry-run is an option of migrate adopt only`)
  await withDatabase(args, print, (rdb) => subcommand.run(rdb, print, args), { readOnly: subcommand.readOnly })
}
