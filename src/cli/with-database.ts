import { createDatabase, type ResidencyDatabase } from '../connect.js'
import type { CliArgs } from './cli-args.js'
import { resolveConfig } from './cli-config.js'

/** Where the CLI writes a line of output. */
export type Print = (line: string) => void

/**
 * Opens the database `url` names (default: DATABASE_URL, else
 * sqlite:./residency.db), says which one it is, runs `fn` and closes it.
 */
export async function withDatabase<T>(
  args: Pick<CliArgs, 'url' | 'serviceMigrations' | 'config' | 'json'>,
  print: Print,
  fn: (rdb: ResidencyDatabase) => Promise<T>,
  options: { readOnly?: boolean } = {},
): Promise<T> {
  const config = await resolveConfig(args)
  const sm = config.serviceMigrations
  const service = sm && { migrationFolder: sm.folder, migrationTable: sm.table }
  const rdb = await createDatabase({ url: config.url, service, readOnly: options.readOnly })
  try {
    if (!args.json) print(`database ${rdb.url} (${rdb.dialect}, driver ${rdb.driver})`)
    return await fn(rdb)
  } finally {
    await rdb.destroy()
  }
}
