import { createDatabase, type ResidencyDatabase } from '../connect.js'

/** Where the CLI writes a line of output. */
export type Print = (line: string) => void

/**
 * Opens the database `url` names (default: DATABASE_URL, else
 * sqlite:./residency.db), says which one it is, runs `fn` and closes it.
 */
export async function withDatabase<T>(url: string | undefined, print: Print, fn: (rdb: ResidencyDatabase) => Promise<T>): Promise<T> {
  const rdb = await createDatabase(url)
  try {
    print(`database ${rdb.url} (${rdb.dialect}, driver ${rdb.driver})`)
    return await fn(rdb)
  } finally {
    await rdb.destroy()
  }
}
