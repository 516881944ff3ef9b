import type { Dialect, Kysely } from 'kysely'
import type { Encoders } from '../codec/encoders.js'
import type { MigrationDialect } from '../../migrations/migration-dialect.js'
import type { NameMap } from '../codec/names.js'
import type { SecretParameters } from '../codec/secret-parameters.js'
import type { ColumnLimitMap, ColumnTypeMap } from '../schema/logical-types.js'

export type DialectName = 'postgres' | 'sqlite'
export type DriverName = 'pg' | 'pglite' | 'better-sqlite3'

/** What a dialect needs to know about the schema to decode results. */
export interface SchemaContext {
  names: NameMap
  columnTypes: ColumnTypeMap
  columnLimits: ColumnLimitMap
  /** Set when a query log is configured: the compiler records which parameters are secret. */
  secretParameters?: SecretParameters
}

/**
 * One opened driver, as the rest of the library sees it: the Kysely dialect to
 * build `db` on and the encoders for its logical types. Everything that differs
 * between dialects stays behind this interface.
 */
export interface DialectRuntime {
  readonly dialect: DialectName
  readonly driver: DriverName
  readonly kyselyDialect: Dialect
  readonly encoders: Encoders
  /** Runs a trivial query so that a bad address fails now, not at first use. */
  ping(): Promise<void>
  /** Closes the driver's connections; for a failed open (afterwards Kysely's destroy does it). */
  close(): Promise<void>
  /** Re-reads server types that migrations may have created (pgvector). */
  refreshTypes?(): Promise<void>
  /** Decides, before a migration run, what migrations are told about the database (pgvector or not). */
  migrationDialect(db: Kysely<any>): Promise<MigrationDialect>
  /** How vector columns are stored here, for `migrate status`. */
  vectorStorage(): Promise<string>
}
