import type pg from 'pg'
import { type PostgresPool, type PostgresPoolClient, PostgresAdapter, PostgresDriver } from 'kysely'
import { ConnectionError } from '../../errors.js'
import type { DialectRuntime, SchemaContext } from '../dialect.js'
import { loadDriverModule } from '../load-driver.js'
import { translatePostgresError } from './postgres-errors.js'
import { bindablePostgres } from './postgres-codecs.js'
import { PostgresResultCache } from './postgres-result.js'
import { PostgresTypes, postgresRuntime } from './postgres-runtime.js'
import { namedStatements, type PoolerMode, utcClient } from './pg-pooler.js'
import type { VectorStateRow } from './vector-type.js'

const TRANSACTION_START = /^\s*(begin|start\s+transaction)\b/i
const TRANSACTION_END = /^\s*(commit|rollback)\s*;?\s*$/i

/** "cached plan must not change result type": the table changed since the statement was prepared. */
function isStalePlan(error: unknown): boolean {
  return (error as { code?: string }).code === '0A000' && /cached plan/.test((error as Error).message)
}

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
  const types = new PostgresTypes((text) => pool.query<VectorStateRow>(text))
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
  // an idle client's network error must not crash the host process
  pool.on('error', () => {})
  const cache = new PostgresResultCache(schema.names)
  const named = namedStatements(options.pooler ?? 'none')
  const wrapped = new WeakMap<pg.PoolClient, PostgresPoolClient>()
  // clients inside a transaction (Kysely sends begin/commit/rollback as plain SQL)
  const inTransaction = new WeakSet<pg.PoolClient>()

  const wrap = (client: pg.PoolClient): PostgresPoolClient => {
    let w = wrapped.get(client)
    if (w) return w
    w = {
      query: ((sqlOrCursor: unknown, parameters?: ReadonlyArray<unknown>) => {
        if (typeof sqlOrCursor !== 'string') return client.query(sqlOrCursor as never)
        return runQuery(client, sqlOrCursor, parameters ?? [])
      }) as PostgresPoolClient['query'],
      release: (destroy?: boolean) => client.release(destroy),
    }
    Object.defineProperty(w, 'processID', { get: () => (client as unknown as { processID?: number }).processID })
    wrapped.set(client, w)
    return w
  }

  const execute = (client: pg.PoolClient, sql: string, values: unknown[]) =>
    client.query({ text: sql, values, name: named ? cache.statementName(sql) : undefined, rowMode: 'array' })

  async function runQuery(client: pg.PoolClient, sql: string, parameters: ReadonlyArray<unknown>) {
    const values = bindablePostgres(parameters)
    try {
      let result: pg.QueryArrayResult
      try {
        result = await execute(client, sql, values)
      } catch (error) {
        // another program changed a table under a prepared statement: plan it
        // again under a new name; outside a transaction the retry is safe
        if (!isStalePlan(error)) throw error
        cache.forget(sql)
        if (inTransaction.has(client)) throw error
        result = await execute(client, sql, values)
      }
      if (TRANSACTION_START.test(sql)) inTransaction.add(client)
      else if (TRANSACTION_END.test(sql)) inTransaction.delete(client)
      cache.afterRun(sql)
      return {
        command: result.command as 'UPDATE',
        rowCount: result.rowCount ?? 0,
        rows: cache.mapRows(sql, result.fields, result.rows as unknown[][]),
      }
    } catch (error) {
      if (TRANSACTION_END.test(sql)) inTransaction.delete(client)
      throw translatePostgresError(error)
    }
  }

  const kyselyPool: PostgresPool = {
    connect: async () => wrap(await pool.connect()),
    end: () => pool.end(),
    options: pool.options,
  }

  return postgresRuntime({
    driver: 'pg',
    schema,
    types,
    createAdapter: () => new PostgresAdapter(),
    createDriver: () => new PostgresDriver({ pool: kyselyPool }),
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
