import type pg from 'pg'
import { PostgresAdapter } from 'kysely'
import type { DialectRuntime, SchemaContext } from '../dialect.js'
import { loadDriverModule } from '../load-driver.js'
import { type PgClientConfig, type PgClientSettings, readPgClientConfig } from './pg-client-options.js'
import { PgDriver } from './pg-driver.js'
import type { PgConnectionOptions } from './pg-connection.js'
import { postgresStartupError } from './postgres-errors.js'
import { PostgresResultCache } from './postgres-result.js'
import { PostgresTypes, postgresRuntime } from './postgres-runtime.js'
import { namedStatements, type PoolerMode, utcClient } from './pg-pooler.js'
import type { VectorStateRow } from './vector-type.js'

export interface PgOptions extends PgClientSettings {
  /** What is between the pool and the server (see pg-pooler.ts); default 'none'. */
  pooler?: PoolerMode
}

/** Where the connections come from: a URL (the library's own pool), or a pool the service made. */
export type PgSource = { connectionString: string } | { pool: pg.Pool }

/**
 * Opens a pg pool whose type parsers are the codec layer's, given through the
 * pool's own `types` option (the host's global `pg.types` is never touched),
 * with every session in UTC. Queries run as named prepared statements (unnamed
 * behind a transaction-mode pooler) in array row mode and are built into camelCase objects by a compiled mapper.
 * A pool the service gives is used as it is (its sessions' settings untouched):
 * the parsers go with each query, and closing is left to the service.
 */
export async function openPg(source: PgSource, schema: SchemaContext, url: string, options: PgOptions = {}): Promise<DialectRuntime> {
  const driver = (await loadDriverModule('pg', url)) as typeof pg
  const fallback = driver.types
  const types = new PostgresTypes((text) =>
    pool.query<VectorStateRow>(text).catch((error: unknown) => {
      throw runtime.translateError(error)
    }),
  )
  const typeParsers = {
    getTypeParser: (oid: number, format?: 'text' | 'binary'): unknown =>
      format === 'binary' ? fallback.getTypeParser(oid, format) : types.parserOf(oid),
  } as pg.CustomTypesConfig
  const pooler = options.pooler ?? 'none'
  const owned = 'connectionString' in source
  const config = owned ? readPgClientConfig(source.connectionString, options, pooler, url) : undefined
  const connectionString = config && (await preferredSsl(driver, config, url))
  const pool: pg.Pool = owned
    ? new driver.Pool({
        ...config!.pool,
        connectionString,
        types: typeParsers,
        Client: connectingClient(utcClient(driver), config!.connectionTimeoutMillis),
      })
    : source.pool
  // a client that loses its connection while idle in the pool is dropped by
  // the pool; the event must not crash the host process (checked-out clients
  // have their own listener, in PgConnection). A service's pool has its own.
  if (owned) pool.on('error', () => {})
  const cache = new PostgresResultCache(schema.names)
  const connectionOptions: PgConnectionOptions = {
    namedStatements: namedStatements(pooler),
    types: owned ? undefined : typeParsers,
    // the dialect object's translation, the one every driver uses
    translateError: (error) => runtime.translateError(error),
  }

  const runtime = postgresRuntime({
    driver: 'pg',
    schema,
    types,
    createAdapter: () => new PostgresAdapter(),
    createDriver: () => new PgDriver(pool, cache, connectionOptions, owned),
    close: async () => {
      if (owned) await pool.end()
    },
    ping: async () => {
      try {
        await types.refresh()
      } catch (error) {
        throw postgresStartupError(error, url, config?.connectionTimeoutMillis)
      }
    },
  })
  return runtime
}

/**
 * The URL for the pool: with `sslmode=prefer` or `allow`, one connection
 * first tries TLS, and a server that has no SSL gets plain connections. That
 * connection failing otherwise is createDatabase's startup error.
 */
async function preferredSsl(driver: typeof pg, config: PgClientConfig, url: string): Promise<string> {
  if (config.plainFallback === undefined) return config.connectionString
  const probe = new driver.Client({ ...config.pool, connectionString: config.connectionString, connectionTimeoutMillis: config.connectionTimeoutMillis })
  probe.on('error', () => {})
  try {
    await probe.connect()
    return config.connectionString
  } catch (error) {
    if (/does not support SSL/.test((error as Error).message)) return config.plainFallback
    // the first connection failed: say why now (within the one connect timeout)
    throw postgresStartupError(error, url, config.connectionTimeoutMillis)
  } finally {
    await probe.end().catch(() => {})
  }
}

/** `Client` with a connection timeout of its own, covering the TCP connection and the startup; the pool's queue is not bounded by it. */
function connectingClient(Client: typeof pg.Client, connectionTimeoutMillis: number): typeof pg.Client {
  return class ConnectingClient extends Client {
    constructor(config?: string | pg.ClientConfig) {
      super(typeof config === 'string' ? { connectionString: config, connectionTimeoutMillis } : { ...config, connectionTimeoutMillis })
    }
  }
}
