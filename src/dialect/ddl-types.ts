import type { ColumnDataType, ColumnDefinitionBuilder, Expression, Kysely, RawBuilder } from 'kysely'
import { SqliteAdapter } from 'kysely'
import type { LogicalType } from '../schema/logical-types.js'
import { postgresDdl } from './postgres/postgres-ddl.js'
import { sqliteDdl } from './sqlite/sqlite-ddl.js'

/** A column type as Kysely's schema builder takes it. */
export type DdlType = ColumnDataType | Expression<unknown>

/** Column facts a physical type may depend on (spec.json column attributes). */
export interface DdlColumn {
  type: LogicalType
  length?: number
  precision?: number
  scale?: number
  dimensions?: number
}

/**
 * What migrations ask the dialect for: physical types and default expressions.
 * Migrations never branch on the dialect themselves.
 */
export interface DdlTypes {
  readonly dialect: 'postgres' | 'sqlite'
  /** The physical column type of a logical type. */
  type(column: DdlColumn): DdlType
  /** The database default for "now" (UTC) on a column of this logical type. */
  now(type: 'timestamp' | 'timestamptz'): Expression<unknown>
  /** The database default for a literal value on a column of this logical type. */
  literal(type: LogicalType, value: unknown): Expression<unknown>
  /** The physical type of an auto-incrementing bigint primary key column. */
  identityType(): DdlType
  /** Makes a column an auto-incrementing primary key (identity / autoincrement). */
  identity(column: ColumnDefinitionBuilder): ColumnDefinitionBuilder
  /** True when the physical type of `vector` is the pgvector type. */
  readonly hasVector: boolean
  /** What every audited table's triggers use: functions on PostgreSQL, nothing on SQLite (the connection provides them). */
  auditSupport(): RawBuilder<unknown>[]
  dropAuditSupport(): RawBuilder<unknown>[]
  /**
   * The triggers that record every insert, update and delete of `table` into
   * `<table>_version` (see `audit-version-sql.ts`); `columns` are all of the
   * table's columns, `key` its primary key.
   */
  auditTriggers(table: string, columns: readonly string[], key: readonly string[]): RawBuilder<unknown>[]
  dropAuditTriggers(table: string): RawBuilder<unknown>[]
}

/** Options a migration run hands to the DDL helper. */
export interface DdlOptions {
  /** Use pgvector's `vector(n)` for vector columns (PostgreSQL only). */
  vector?: boolean
}

const options = new WeakMap<object, DdlOptions>()

/** Records the options for migrations run on this Kysely instance. */
export function setDdlOptions(db: Kysely<any>, value: DdlOptions): void {
  options.set(db.getExecutor().adapter, value)
}

/** The DDL helper for the dialect that `db` talks to. */
export function ddl(db: Kysely<any>): DdlTypes {
  const adapter = db.getExecutor().adapter
  if (adapter instanceof SqliteAdapter) return sqliteDdl
  return postgresDdl(options.get(adapter) ?? {})
}

