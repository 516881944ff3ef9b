import { Kysely, type KyselyPlugin, type LogConfig } from 'kysely'
import { maskUrl } from './database-url.js'
import type { DialectRuntime } from './dialect/dialect.js'
import { FailoverDriver, isReplicaDown, primaryRunner, ReplicaHealth, ReplicaRouter } from './dialect/postgres/replica-router.js'
import { ConnectionError } from './errors.js'
import type { Database } from './schema/database.js'

/** The default time a failed replica is left alone before a read tries it again. */
export const REPLICA_RETRY_MS = 30_000

export interface OpenedReplicas {
  readonly router: ReplicaRouter<Database>
  /** Re-reads the replicas' server types after a migration (best effort: they may lag). */
  refreshTypes(): Promise<void>
  destroy(): Promise<void>
}

/**
 * Opens a handle per replica URL, each failing over to `primary` (see
 * FailoverDriver). A replica that does not answer now is marked down and tried
 * again after `retryAfterMs`; only a URL the library cannot use at all throws.
 */
export async function openReplicas(
  urls: readonly string[],
  primary: Kysely<Database>,
  primaryRuntime: DialectRuntime,
  open: (url: string) => Promise<DialectRuntime>,
  plugins: KyselyPlugin[],
  retryAfterMs = REPLICA_RETRY_MS,
  log?: LogConfig,
): Promise<OpenedReplicas> {
  if (primaryRuntime.dialect !== 'postgres' || primaryRuntime.driver !== 'pg') {
    throw new ConnectionError(`replicas need a PostgreSQL server as the primary (postgres://…); this one is ${primaryRuntime.driver}`)
  }
  const runtimes: DialectRuntime[] = []
  const replicas: { health: ReplicaHealth; db: Kysely<Database> }[] = []
  const runOnPrimary = primaryRunner(primary)
  try {
    for (const url of urls) {
      const runtime = await open(url)
      runtimes.push(runtime)
      if (runtime.driver !== 'pg') throw new ConnectionError(`a replica must be a PostgreSQL server (postgres://…), not ${maskUrl(url)}`)
      const health = new ReplicaHealth(maskUrl(url), retryAfterMs)
      await runtime.ping().catch((error: unknown) => {
        if (!isReplicaDown(error) && !(error instanceof ConnectionError)) throw error
        health.markDown()
      })
      const { kyselyDialect } = runtime
      const db = new Kysely<Database>({
        dialect: { ...kyselyDialect, createDriver: () => new FailoverDriver(kyselyDialect.createDriver(), health, runOnPrimary) },
        plugins,
        log,
      })
      replicas.push({ health, db })
    }
  } catch (error) {
    await Promise.all(runtimes.map((r) => r.close().catch(() => {})))
    throw error
  }
  return {
    router: new ReplicaRouter(primary, replicas),
    refreshTypes: async () => {
      await Promise.all(runtimes.map((r) => r.refreshTypes?.().catch(() => {})))
    },
    destroy: async () => {
      await Promise.all(replicas.map((r) => r.db.destroy()))
    },
  }
}
