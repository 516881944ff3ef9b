import { createDatabase, type ResidencyDatabase } from '../connect.js'
import type { CliArgs } from './cli-args.js'

/** Where the CLI writes a line of output. */
export type Print = (line: string) => void

/**
 * Opens the database `url` names (default: DATABASE_URL, else
 * sqlite:./residency.db), says which one it is, runs `fn` and closes it.
 */
export async function withDatabase<T>(
  args: Pick<CliArgs, 'url' | 'serviceMigrations'>,
  print: Print,
  fn: (rdb: ResidencyDatabase) => Promise<T>,
): Promise<T> {
  const service = args.serviceMigrations === undefined ? undefined : { migrationFolder: args.serviceMigrations }
  const rdb = await createDatabase({ url: args.url, service })
  try {
    print(`database ${rdb.url} (${rdb.dialect}, driver ${rdb.driver})`)
    return await fn(rdb)
  } finally {
    await rdb.destroy()
  }
}
