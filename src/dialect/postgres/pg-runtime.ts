import type pg from 'pg'
import {
  type PostgresPool,
  type PostgresPoolClient,
  PostgresAdapter,
  PostgresDriver,
  PostgresIntrospector,
  PostgresQueryCompiler,
} from 'kysely'
import { createCodecCompiler } from '../../codec/codec-compiler.js'
import { ConnectionError } from '../../errors.js'
import type { DialectRuntime, SchemaContext } from '../dialect.js'
import { loadDriverModule } from '../load-driver.js'
import { postgresEncoders, postgresTypeParsers, type PostgresTypeState } from './postgres-codecs.js'
import { translatePostgresError } from './postgres-errors.js'
import { PostgresResultCache, bindablePostgres } from './postgres-result.js'
import { hasVectorExtension } from './postgres-vector-extension.js'
import { VECTOR_STATE_SQL, type VectorStateRow, readVectorState } from './vector-type.js'

export interface PgOptions {
  /** Pool size (default 10). */
  max?: number
}

/**
 * Opens a pg pool whose type parsers are the codec layer's, given through the
 * pool's own `types` option (the host's global `pg.types` is never touched),
 * with every session in UTC. Queries run as named prepared statements in
 * array row mode and are built into camelCase objects by a compiled mapper.
 */
export async function openPg(connectionString: string, schema: SchemaContext, url: string, options: PgOptions = {}): Promise<DialectRuntime> {
  const driver = (await loadDriverModule('pg', url)) as typeof pg
  const state: PostgresTypeState = { vectorOid: undefined, pgvectorColumns: false }
  let parsers = postgresTypeParsers()
  const fallback = driver.types
  const types = {
    getTypeParser: (oid: number, format?: 'text' | 'binary') =>
      (format === 'binary' ? undefined : parsers[oid]) ?? fallback.getTypeParser(oid, format as 'text'),
  }
  const pool = new driver.Pool({
    connectionString,
    max: options.max ?? 10,
    types: types as pg.CustomTypesConfig,
    options: '-c TimeZone=UTC',
  })
  // an idle client's network error must not crash the host process
  pool.on('error', () => {})
  const cache = new PostgresResultCache(schema.names)
  const wrapped = new WeakMap<pg.PoolClient, PostgresPoolClient>()

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

  async function runQuery(client: pg.PoolClient, sql: string, parameters: ReadonlyArray<unknown>) {
    try {
      const result = await client.query({
        text: sql,
        values: bindablePostgres(parameters),
        name: cache.statementName(sql),
        rowMode: 'array',
      })
      cache.afterRun(sql)
      return {
        command: result.command as 'UPDATE',
        rowCount: result.rowCount ?? 0,
        rows: cache.mapRows(sql, result.fields, result.rows as unknown[][]),
      }
    } catch (error) {
      throw translatePostgresError(error)
    }
  }

  const kyselyPool: PostgresPool = {
    connect: async () => wrap(await pool.connect()),
    end: () => pool.end(),
    options: pool.options,
  }

  const refreshTypes = async () => {
    const { rows } = await pool.query<VectorStateRow>(VECTOR_STATE_SQL)
    Object.assign(state, readVectorState(rows[0]))
    parsers = postgresTypeParsers(state.vectorOid)
  }

  const encoders = postgresEncoders(state)
  return {
    dialect: 'postgres',
    driver: 'pg',
    kyselyDialect: {
      createAdapter: () => new PostgresAdapter(),
      createDriver: () => new PostgresDriver({ pool: kyselyPool }),
      createIntrospector: (db) => new PostgresIntrospector(db),
      createQueryCompiler: () => createCodecCompiler(PostgresQueryCompiler, { ...schema, encoders }),
    },
    encoders,
    refreshTypes,
    ddlOptions: async (db) => ({ vector: await hasVectorExtension(db) }),
    vectorStorage: async () => (state.pgvectorColumns ? 'vector(384) (pgvector)' : 'real[] (no pgvector on this server)'),
    ping: async () => {
      try {
        await refreshTypes()
      } catch (error) {
        await pool.end().catch(() => {})
        throw new ConnectionError(`cannot reach PostgreSQL at ${url}: ${(error as Error).message}; expected a running server that accepts this URL`, {
          cause: error,
        })
      }
    },
  }
}
