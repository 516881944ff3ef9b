import pg from 'pg'

/** Runs one statement on a PostgreSQL server through a short-lived client (for CREATE / DROP DATABASE). */
export async function adminQuery(serverUrl: string, text: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl })
  await client.connect()
  try {
    await client.query(text)
  } finally {
    await client.end()
  }
}

export interface ScratchDatabase {
  /** The scratch database's URL: the server's URL with its name. */
  readonly url: string
  /** Creates it empty (dropping a leftover of the same name first). */
  create(): Promise<void>
  /** Drops it, closing any connection still open to it. */
  cleanup(): Promise<void>
}

/** A database named `name` on the server of `serverUrl`, for a bench or test run to create and drop. */
export function scratchPostgresDatabase(serverUrl: string, name: string): ScratchDatabase {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`not a plain database name: ${name}`)
  const url = new URL(serverUrl)
  url.pathname = `/${name}`
  const drop = () => adminQuery(serverUrl, `drop database if exists ${name} with (force)`)
  return {
    url: url.toString(),
    create: async () => {
      await drop()
      await adminQuery(serverUrl, `create database ${name}`)
    },
    cleanup: drop,
  }
}
