import type { Dialect, DialectAdapter, Kysely } from 'kysely'
import type { Encoders } from '../codec/encoders.js'
import type { MigrationDialect } from '../../migrations/migration-dialect.js'
import type { NameMap } from '../codec/names.js'
import type { SecretParameters } from '../codec/secret-parameters.js'
import type { ColumnLimitMap, ColumnTypeMap } from '../schema/logical-types.js'
import type { SqliteAuditSession } from '../audit/sqlite-audit-session.js'
import type { CatalogTable } from './catalog.js'

export type DialectName = 'postgres' | 'sqlite'

/**
 * A whole database's content, to open copies of it: SQLite's serialized file
 * image, or PGlite's data directory as an uncompressed tarball.
 */
export type DatabaseImage = Uint8Array | Blob
export type DriverName = 'pg' | 'pglite' | 'better-sqlite3'

/** What one database knows about its schema: names, column types and limits (the library's tables and the service's). */
export interface SchemaContext {
  names: NameMap
  columnTypes: ColumnTypeMap
  columnLimits: ColumnLimitMap
  /** Set when a query log is configured: the compiler records which parameters are secret. */
  secretParameters?: SecretParameters
}

/**
 * One opened driver (pg, PGlite or better-sqlite3), as the rest of the library
 * sees it: the dialect object. It is made where the database is opened
 * (`openPg`, `openPglite`, `openSqlite`) and carries every service that
 * differs between dialects explicitly; code that holds only a `db` or a
 * transaction reaches it with `dialectOf(db)` (its Kysely adapter carries it).
 * Nothing outside this object asks which dialect it runs on.
 */
export interface DialectRuntime {
  readonly name: DialectName
  readonly driver: DriverName
  /** The schema this database was opened with (the per-database schema context). */
  readonly schema: SchemaContext
  readonly kyselyDialect: Dialect
  readonly encoders: Encoders
  /** How many bound parameters one statement may have (SQLite 32,766; PostgreSQL 65,535). */
  readonly maxBindParameters: number
  /**
   * How a transaction keeps concurrent writers of the same rows apart: true
   * when reads lock rows (`SELECT … FOR UPDATE`, PostgreSQL), false when a
   * transaction takes the database's write lock before it reads (SQLite).
   */
  readonly takesRowLocks: boolean
  /**
   * SQLite (one connection, one writer at a time): true while the transaction
   * open on the connection holds the database's write lock since its BEGIN
   * (BEGIN IMMEDIATE: every transaction not declared read only), so that it
   * need not take it with a first write. PostgreSQL has no such lock.
   */
  holdsWriteLock?(): boolean
  /** The library's error (`errors.ts`) for an error the driver threw. */
  translateError(error: unknown): unknown
  /** The tables of the current schema, read on a plugin-free `db` (PostgreSQL: the current schema). */
  readCatalog(db: Kysely<any>): Promise<CatalogTable[]>
  /** SQLite: the audit functions registered on the connection (PostgreSQL keeps them in the database). */
  readonly auditSession?: SqliteAuditSession
  /** Runs a trivial query so that a bad address fails now, not at first use. */
  ping(): Promise<void>
  /** Closes the driver's connections; for a failed open (afterwards Kysely's destroy does it). */
  close(): Promise<void>
  /** Re-reads server types that migrations may have created (pgvector). */
  refreshTypes?(): Promise<void>
  /**
   * What migrations are told about the database (the DDL types they derive
   * their physical column types from: dialect, pgvector or not), decided
   * before a migration run.
   */
  migrationDialect(db: Kysely<any>): Promise<MigrationDialect>
  /** How vector columns are stored here, for `migrate status`. */
  vectorStorage(): Promise<string>
  /** The whole database as an image that `openSqlite` / `openPglite` can open copies of (in-memory drivers only). */
  snapshot?(): Promise<DatabaseImage>
}

const RUNTIME = Symbol('residency-db dialect')

/** A Kysely adapter that carries its database's dialect object. */
type CarryingAdapter = DialectAdapter & { readonly [RUNTIME]?: DialectRuntime }

/** Gives `adapter` the dialect object, for `dialectOf`; returns the adapter. */
export function carryDialect<A extends DialectAdapter>(adapter: A, runtime: () => DialectRuntime): A {
  Object.defineProperty(adapter, RUNTIME, { get: runtime, enumerable: false })
  return adapter
}

/** A `db`, a transaction, or anything else built on a Kysely executor. */
export interface HasExecutor {
  getExecutor(): { readonly adapter: DialectAdapter }
}

/** The dialect object of the database `db` (or a transaction on it) was opened on by `createDatabase`. */
export function dialectOf(db: HasExecutor): DialectRuntime {
  const runtime = (db.getExecutor().adapter as CarryingAdapter)[RUNTIME]
  if (runtime === undefined) throw new TypeError('this Kysely instance was not opened by createDatabase: its dialect is unknown')
  return runtime
}
