import type { DialectRuntime, SchemaContext } from './dialect/dialect.js'
import { openPg, type PgOptions } from './dialect/postgres/pg-runtime.js'
import { openPglite } from './dialect/postgres/pglite-runtime.js'
import { openSqlite, type SqliteOptions } from './dialect/sqlite/sqlite-runtime.js'
import { ConnectionError } from './errors.js'

// Typed by shape, so that the library's types need none of the drivers' type packages.

/** A `pg.Pool` the service made. */
export interface ServicePgPool {
  connect(): Promise<unknown>
  query(...args: never[]): unknown
  end(): Promise<void>
}

/** A `better-sqlite3` `Database` the service opened. */
export interface ServiceSqliteDatabase {
  prepare(source: string): unknown
  readonly memory: boolean
  readonly name: string
}

/** A `PGlite` instance the service opened. */
export interface ServicePglite {
  query(...args: never[]): Promise<unknown>
  exec(...args: never[]): Promise<unknown>
  readonly closed: boolean
}

/** The connection options: at most one, in place of a URL. */
export interface ServiceConnectionOptions {
  /** The service's own `pg.Pool`: used as it is (its settings and sessions untouched); destroy() leaves it open. */
  pool?: ServicePgPool
  /** The service's own better-sqlite3 `Database`: given foreign keys and recursive triggers and the audit functions; destroy() leaves it open. */
  sqlite?: ServiceSqliteDatabase
  /** The service's own PGlite instance: used as it is; destroy() leaves it open. */
  pglite?: ServicePglite
}

/** The connection the service gave, if any, and how `rdb.url` names it. */
export function serviceConnection(options: ServiceConnectionOptions & { url?: string }): { label: string } | undefined {
  const given = (['pool', 'sqlite', 'pglite'] as const).filter((k) => options[k] !== undefined)
  if (given.length === 0) return undefined
  if (given.length > 1 || options.url !== undefined) {
    throw new ConnectionError(`createDatabase takes one of url, pool, sqlite or pglite; it was given ${[...(options.url === undefined ? [] : ['url']), ...given].join(' and ')}`)
  }
  const [kind] = given
  if (kind === 'pool') return { label: "postgres: the service's pg.Pool" }
  if (kind === 'sqlite') return { label: `sqlite: the service's better-sqlite3 Database (${options.sqlite!.name})` }
  return { label: "pglite: the service's PGlite" }
}

/** The runtime over the connection the service gave; it never closes it. */
export function openServiceConnection(
  options: ServiceConnectionOptions & PgOptions & SqliteOptions,
  schema: SchemaContext,
  label: string,
): Promise<DialectRuntime> {
  if (options.pool) return openPg({ pool: options.pool as never }, schema, label, options)
  if (options.sqlite) return openSqlite({ database: options.sqlite as never }, schema, label, options)
  return openPglite({ pglite: options.pglite as never }, schema, label)
}
