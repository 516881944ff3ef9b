import { existsSync, readFileSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { UsageError } from './cli-args.js'

/** `residency-db.config.json` (or `.ts`, default export): every field optional. */
export interface CliConfig {
  /** Database URL; `--url` and `DATABASE_URL` win over it. */
  url?: string
  /** The service's own migrations: a folder (relative to the config file) and their table. */
  serviceMigrations?: { folder?: string; table?: string }
}

/** What the CLI runs with once flags, environment and config file are combined. */
export interface ResolvedConfig {
  url: string | undefined
  serviceMigrations: { folder: string; table: string | undefined } | undefined
}

export const CONFIG_FILES = ['residency-db.config.json', 'residency-db.config.ts'] as const

async function readConfig(file: string): Promise<CliConfig> {
  try {
    if (file.endsWith('.json')) return JSON.parse(readFileSync(file, 'utf8')) as CliConfig
    const module = (await import(pathToFileURL(file).href)) as { default?: CliConfig }
    return module.default ?? {}
  } catch (error) {
    const hint = file.endsWith('.ts') ? ' (a .ts config needs tsx or a Node with type stripping; else use residency-db.config.json)' : ''
    throw new UsageError(`cannot read config file ${file}: ${(error as Error).message}${hint}`)
  }
}

/**
 * Finds the config file (`--config PATH`, else the first of CONFIG_FILES in
 * `cwd`) and combines it with the flags: `--url`, then DATABASE_URL, then the
 * file's `url`; `--service-migrations`, then the file's folder.
 */
export async function resolveConfig(
  flags: { url: string | undefined; serviceMigrations: string | undefined; config: string | undefined },
  cwd = process.cwd(),
): Promise<ResolvedConfig> {
  let file: string | undefined
  if (flags.config !== undefined) {
    file = resolve(cwd, flags.config)
    if (!existsSync(file)) throw new UsageError(`config file ${file} does not exist`)
  } else {
    file = CONFIG_FILES.map((name) => resolve(cwd, name)).find((f) => existsSync(f))
  }
  const config = file ? await readConfig(file) : {}
  const base = file ? dirname(file) : cwd
  const folder = flags.serviceMigrations ?? (config.serviceMigrations?.folder && resolve(base, config.serviceMigrations.folder))
  return {
    url: flags.url ?? process.env.DATABASE_URL ?? config.url,
    serviceMigrations: folder ? { folder, table: config.serviceMigrations?.table } : undefined,
  }
}
