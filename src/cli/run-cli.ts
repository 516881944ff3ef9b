import { type CliArgs, OPTIONS_HELP, parseCliArgs, UsageError } from './cli-args.js'
import { demoCommand } from './demo-command.js'
import { migrateCommand } from './migrate-command.js'
import { packageVersion } from './package-version.js'
import type { Print } from './with-database.js'

export const MAIN_HELP = `Usage: residency-db <command> [options]

Runs the residency-db migrations and a demo against a PostgreSQL, SQLite or
PGlite database.

Commands:
  migrate <latest|up|down|status|reset|make|adopt>  change or show the database schema
  demo                                              load a small demo program and print what the queries answer

Run 'residency-db <command> --help' for a command's help.

${OPTIONS_HELP}`

const COMMANDS: Record<string, (args: CliArgs, print: Print) => Promise<void>> = {
  migrate: migrateCommand,
  demo: demoCommand,
}

/** Runs one `residency-db` command line; failures are thrown for the caller to report. */
export async function runCli(argv: string[], print: Print = (line) => console.log(line)): Promise<void> {
  const args = parseCliArgs(argv)
  if (args.version) return print(packageVersion())
  if (args.command === undefined || args.command === 'help') {
    if (args.help || args.command === 'help') return print(MAIN_HELP)
    throw new UsageError('missing command: migrate or demo (see residency-db --help)')
  }
  const command = Object.hasOwn(COMMANDS, args.command) ? COMMANDS[args.command] : undefined
  if (!command) throw new UsageError(`unknown command '${args.command}' (see residency-db --help)`)
  await command(args, print)
}
