import type { MigrationStep } from '../migration-runner.js'
import type { ResidencyDatabase } from '../connect.js'
import { adoptCommand } from './adopt-command.js'
import { type CliArgs, OPTIONS_HELP, UsageError } from './cli-args.js'
import { formatTable } from './text-table.js'
import { withDatabase, type Print } from './with-database.js'

interface Subcommand {
  summary: string
  /** Extra usage text (options of its own). */
  usage?: string
  run(rdb: ResidencyDatabase, print: Print, args: CliArgs): Promise<void>
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
    summary: 'list every migration with when it was applied, or pending',
    async run(rdb, print) {
      const status = await rdb.migrationStatus()
      const rows = status.map((m) => [
        m.name,
        m.executedAt ? `applied ${m.executedAt.toISOString().replace('T', ' ').slice(0, 19)} UTC` : 'pending',
      ])
      for (const line of formatTable(['migration', 'status'], rows)) print(line)
      const applied = status.filter((m) => m.executedAt !== null).length
      print(`${applied} of ${status.length} applied, ${status.length - applied} pending`)
      // chosen when the migrations ran: pgvector where the server offers it
      print(`vector columns: ${await rdb.vectorStorage()}`)
    },
  },
  reset: {
    summary: 'revert every applied migration, newest first (drops the tables and their data)',
    async run(rdb, print) {
      const ran = await rdb.migrateReset({ onProgress: await progressPrinter(rdb, print) })
      print(ran.length === 0 ? 'nothing to revert: no migration is applied' : `reverted ${ran.length} migrations`)
    },
  },
}

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

${OPTIONS_HELP}`

function subcommandHelp(name: string, s: Subcommand): string {
  return `Usage: residency-db migrate ${name} [--url URL]${s.usage ? ` ${s.usage}` : ''}

${s.summary[0]!.toUpperCase()}${s.summary.slice(1)}.

${OPTIONS_HELP}`
}

/** `residency-db migrate latest|up|down|status|reset|adopt`. */
export async function migrateCommand(args: CliArgs, print: Print): Promise<void> {
  const name = args.subcommand
  if (name === undefined) {
    if (args.help) return print(MIGRATE_HELP)
    throw new UsageError('migrate needs a subcommand: latest, up, down, status, reset or adopt (see residency-db migrate --help)')
  }
  const subcommand = Object.hasOwn(SUBCOMMANDS, name) ? SUBCOMMANDS[name] : undefined
  if (!subcommand) throw new UsageError(`unknown migrate subcommand '${name}' (see residency-db migrate --help)`)
  if (args.help) return print(subcommandHelp(name, subcommand))
  if (args.extra.length > 0) throw new UsageError(`unexpected argument '${args.extra[0]}' (see residency-db migrate ${name} --help)`)
  if (args.dryRun && name !== 'adopt') throw new UsageError(`--dry-run is an option of migrate adopt only`)
  await withDatabase(args.url, print, (rdb) => subcommand.run(rdb, print, args))
}
