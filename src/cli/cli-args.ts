import { parseArgs } from 'node:util'

/** A command line the CLI cannot run; the message says what to type instead. */
export class UsageError extends Error {}

/** What `residency-db` was asked to do. */
export interface CliArgs {
  command: string | undefined
  subcommand: string | undefined
  /** Positionals after the subcommand: every command refuses them. */
  extra: string[]
  /** `--url`; undefined means DATABASE_URL, else sqlite:./residency.db. */
  url: string | undefined
  /** `--service-migrations DIR`: the service's own migration files, run after the library's. */
  serviceMigrations: string | undefined
  /** `--config PATH`: the config file (default: ./residency-db.config.json or .ts when present). */
  config: string | undefined
  /** `--json`: machine-readable output (migrate status). */
  json: boolean
  /** `--force`: reset without asking. */
  force: boolean
  version: boolean
  help: boolean
  /** `--dry-run` (migrate adopt): show what would change, change nothing. */
  dryRun: boolean
}

/** Reads argv (options may come anywhere); an unknown or incomplete option is a UsageError. */
export function parseCliArgs(argv: string[]): CliArgs {
  let parsed
  try {
    parsed = parseArgs({
      args: argv,
      options: {
        url: { type: 'string' },
        'service-migrations': { type: 'string' },
        config: { type: 'string' },
        json: { type: 'boolean' },
        force: { type: 'boolean' },
        'dry-run': { type: 'boolean' },
        version: { type: 'boolean', short: 'v' },
        help: { type: 'boolean', short: 'h' },
      },
      allowPositionals: true,
      strict: true,
    })
  } catch (error) {
    throw new UsageError(describeParseError(error))
  }
  const [command, subcommand, ...extra] = parsed.positionals
  const v = parsed.values
  return {
    command,
    subcommand,
    extra,
    url: v.url,
    serviceMigrations: v['service-migrations'],
    config: v.config,
    json: v.json ?? false,
    force: v.force ?? false,
    version: v.version ?? false,
    help: v.help ?? false,
    dryRun: v['dry-run'] ?? false,
  }
}

function describeParseError(error: unknown): string {
  const code = (error as { code?: string }).code
  const message = error instanceof Error ? error.message : String(error)
  const option = /'([^']+)'/.exec(message)?.[1]
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' && option) return `unknown option '${option}' (see residency-db --help)`
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' && option?.startsWith('--url')) return '--url needs a database URL'
  return message.split('\n')[0]!
}

/** The help text's shared options section. */
export const OPTIONS_HELP = `Options:
  --url URL   database URL: postgres://user:password@host:port/db, sqlite:<file>,
              sqlite::memory:, pglite: or pglite:<dir>
              (default: $DATABASE_URL, else sqlite:./residency.db)
  --service-migrations DIR
              the service's own migration files, recorded in service_migration
              and run after the library's
  --config FILE
              config file (default: ./residency-db.config.json or .ts if present):
              { "url": …, "serviceMigrations": { "folder": …, "table": … } };
              --url, then $DATABASE_URL, win over its url
  -v, --version  print the version
  -h, --help  show this help`
