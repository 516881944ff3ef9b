import type pg from 'pg'
import { PostgresAdapter } from 'kysely'
import { ConnectionError } from '../../errors.js'
import type { DialectRuntime, SchemaContext } from '../dialect.js'
import { loadDriverModule } from '../load-driver.js'
import { PgDriver } from './pg-driver.js'
import { translatePostgresError } from './postgres-errors.js'
import { PostgresResultCache } from './postgres-result.js'
import { PostgresTypes, postgresRuntime } from './postgres-runtime.js'
import { namedStatements, type PoolerMode, utcClient } from './pg-pooler.js'
import type { VectorStateRow } from './vector-type.js'

export interface PgOptions {
  /** Pool size (default 10). */
  max?: number
  /** What is between the pool and the server (see pg-pooler.ts); default 'none'. */
  pooler?: PoolerMode
}

/**
 * Opens a pg pool whose type parsers are the codec layer's, given through the
 * pool's own `types` option (the host's global `pg.types` is never touched),
 * with every session in UTC. Queries run as named prepared statements (unnamed
 * behind a transaction-mode pooler) in array row mode and are built into camelCase objects by a compiled mapper.
 */
export async function openPg(connectionString: string, schema: SchemaContext, url: string, options: PgOptions = {}): Promise<DialectRuntime> {
  const driver = (await loadDriverModule('pg', url)) as typeof pg
  const fallback = driver.types
  const types = new PostgresTypes((text) =>
    pool.query<VectorStateRow>(text).catch((error: unknown) => {
      throw translatePostgresError(error)
    }),
  )
  const typeParsers = {
    getTypeParser: (oid: number, format?: 'text' | 'binary'): unknown =>
      (format === 'binary' ? undefined : types.parsers[oid]) ?? fallback.getTypeParser(oid, format as 'text'),
  }
  const pool = new driver.Pool({
    connectionString,
    max: options.max ?? 10,
    types: typeParsers as pg.CustomTypesConfig,
    Client: utcClient(driver),
  })
  // a client that loses its connection while idle in the pool is dropped by
  // the pool; the event must not crash the host process (checked-out clients
  // have their own listener, in PgConnection)
  pool.on('error', () => {})
  const cache = new PostgresResultCache(schema.names)
  const named = namedStatements(options.pooler ?? 'none')

  return postgresRuntime({
    driver: 'pg',
    schema,
    types,
    createAdapter: () => new PostgresAdapter(),
    createDriver: () => new PgDriver(pool, cache, { namedStatements: named }),
    close: () => pool.end(),
    ping: async () => {
      try {
        await types.refresh()
      } catch (error) {
        throw new ConnectionError(`cannot reach PostgreSQL at ${url}: ${(error as Error).message}; expected a running server that accepts this URL`, {
          cause: error,
        })
      }
    },
  })
}
