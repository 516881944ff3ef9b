import type { PGlite, PGliteInterface, Results, Transaction } from '@electric-sql/pglite'
import { PGliteAdapter } from 'kysely'
import { ConnectionError } from '../../errors.js'
import type { DialectRuntime, SchemaContext } from '../dialect.js'
import { lockPgliteDirectory } from './pglite-directory-lock.js'
import { loadDriverModule } from '../load-driver.js'
import { translatePostgresError } from './postgres-errors.js'
import { bindablePostgres } from './postgres-codecs.js'
import { PostgresResultCache } from './postgres-result.js'
import { type PgliteCursorSource, PgliteStreamingDriver } from './pglite-streaming-driver.js'
import { PostgresTypes, postgresRuntime } from './postgres-runtime.js'
import type { VectorStateRow } from './vector-type.js'

type Queryable = Pick<PGliteInterface, 'query'> | Transaction

/** Where the database comes from: memory (`dir` undefined) or a directory the library opens, or a PGlite the service opened. */
export type PgliteSource = { dir: string | undefined } | { pglite: PGlite }

/**
 * Opens PGlite (embedded PostgreSQL) in memory (`dir` undefined) or in a
 * directory, with the same text parsers as the pg pool so both return the same
 * values, and rows built from arrays like on pg. A PGlite the service opened
 * is used as it is (its session settings untouched: timestamps decode from the
 * offset PostgreSQL sends) and never closed.
 */
export async function openPglite(source: PgliteSource, schema: SchemaContext, url: string): Promise<DialectRuntime> {
  if ('pglite' in source) return pgliteRuntime(source.pglite, schema, async () => {})
  const { dir } = source
  const module = (await loadDriverModule('@electric-sql/pglite', url)) as { PGlite: typeof PGlite }
  // one process at a time per directory; released when the database is closed
  const lock = dir === undefined ? undefined : lockPgliteDirectory(dir, url)
  let opened: PGlite | undefined
  try {
    opened = await module.PGlite.create(dir ?? 'memory://')
    // sessions in UTC, as on pg, so timestamptz text carries +00
    await opened.exec("set timezone = 'UTC'")
  } catch (error) {
    await opened?.close().catch(() => {})
    lock?.release()
    throw new ConnectionError(`cannot open PGlite database ${url}: ${(error as Error).message}`, { cause: error })
  }
  const pglite: PGlite = opened
  return pgliteRuntime(pglite, schema, async () => {
    try {
      if (!pglite.closed) await pglite.close()
    } finally {
      lock?.release()
    }
  })
}

/** The runtime over an open PGlite; `close` is what destroy() does to it. */
function pgliteRuntime(pglite: PGlite, schema: SchemaContext, close: () => Promise<void>): DialectRuntime {
  const types = new PostgresTypes((text) => pglite.query<VectorStateRow>(text))
  const cache = new PostgresResultCache(schema.names)

  const queryArrays = async (target: Queryable, sql: string, parameters: ReadonlyArray<unknown>): Promise<Results<unknown[]>> => {
    try {
      const result = await target.query<unknown[]>(sql, bindablePostgres(parameters), { rowMode: 'array', parsers: types.parsers })
      cache.afterRun(sql)
      return result
    } catch (error) {
      throw translatePostgresError(error)
    }
  }
  const run = async (target: Queryable, sql: string, parameters: ReadonlyArray<unknown>): Promise<Results<unknown>> => {
    const result = await queryArrays(target, sql, parameters)
    return { ...result, rows: cache.mapRows(sql, result.fields, result.rows) }
  }
  // the transaction open on PGlite's one connection (Kysely's or a stream's): a stream's statements run there
  let current: Transaction | undefined
  const decodingTx = (tx: Transaction): Transaction =>
    ({ ...tx, query: (sql: string, params?: unknown[]) => run(tx, sql, params ?? []) }) as Transaction

  const failingTx = (error: unknown): Transaction => ({ query: () => Promise.reject(error) }) as unknown as Transaction

  // the surface of PGlite that Kysely's PGlite driver uses, with decoding queries
  const facade = {
    get ready() {
      return pglite.ready
    },
    get closed() {
      return pglite.closed
    },
    get waitReady() {
      return pglite.waitReady
    },
    close,
    query: (sql: string, params?: unknown[]) => run(pglite, sql, params ?? []),
    transaction: <T>(fn: (tx: Transaction) => Promise<T>) => {
      let began = false
      return pglite
        .transaction(async (tx) => {
          began = true
          current = tx
          try {
            return await fn(decodingTx(tx))
          } finally {
            current = undefined
          }
        })
        .catch(async (error: unknown) => {
          const translated = translatePostgresError(error)
          // closed before the transaction began: Kysely's begin waits for `fn`
          // to be called, so call it with a transaction whose every statement
          // fails; its commit then fails too, instead of waiting forever
          if (!began) await fn(failingTx(translated)).catch(() => {})
          throw translated
        })
    },
  } as unknown as PGlite

  const cursorSource: PgliteCursorSource = {
    query: (sql, parameters) => queryArrays(current ?? pglite, sql, parameters),
    mapRows: (sql, fields, rows) => cache.mapRows(sql, fields, rows),
    inTransaction: () => current !== undefined,
    transaction: (fn) => facade.transaction(fn),
    closed: () => pglite.closed,
  }

  return postgresRuntime({
    driver: 'pglite',
    schema,
    types,
    createAdapter: () => new PGliteAdapter(),
    createDriver: () => new PgliteStreamingDriver({ pglite: facade }, cursorSource),
    ping: () => types.refresh(),
    close,
  })
}
