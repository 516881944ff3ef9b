import pg from 'pg'

const one = async <R>(url: string, text: string): Promise<R> => (await queryOnce<R>(url, text))[0]!

/**
 * Waits until the replica at `replicaUrl` has replayed the WAL of the primary
 * at `primaryUrl` up to now (pg_last_wal_replay_lsn against
 * pg_current_wal_lsn): what the primary committed before the call is then
 * visible there.
 */
export async function waitForReplay(primaryUrl: string, replicaUrl: string, timeoutMs = 20_000): Promise<void> {
  const { lsn } = await one<{ lsn: string }>(primaryUrl, 'select pg_current_wal_lsn()::text as lsn')
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const { done } = await one<{ done: boolean }>(replicaUrl, `select pg_last_wal_replay_lsn() >= '${lsn}'::pg_lsn as done`)
    if (done) return
    if (Date.now() > deadline) throw new Error(`the replica did not replay the primary's WAL up to ${lsn} within ${timeoutMs} ms`)
    await new Promise((r) => setTimeout(r, 100))
  }
}

/** Runs one statement on a short-lived client and returns its rows. */
export async function queryOnce<R>(url: string, text: string): Promise<R[]> {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    return (await client.query(text)).rows as R[]
  } finally {
    await client.end()
  }
}
