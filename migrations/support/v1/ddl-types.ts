// Frozen with the migrations that use it (support v1): never edited after
// release. A change is a new helper version (support/v2) used by new migrations.
import type { ColumnDataType, ColumnDefinitionBuilder, Expression } from 'kysely'
import type { MigrationDialect } from '../../migration-dialect.js'
import { postgresDdl } from './postgres-ddl.js'
import { sqliteDdl } from './sqlite-ddl.js'

/** The logical column types of the schema spec, as these migrations knew them. */
export type LogicalType =
  | 'uuid'
  | 'varchar'
  | 'text'
  | 'integer'
  | 'smallint'
  | 'bigint'
  | 'float'
  | 'numeric'
  | 'boolean'
  | 'date'
  | 'time'
  | 'timestamp'
  | 'timestamptz'
  | 'json'
  | 'string_array'
  | 'vector'

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
 * What migrations ask the dialect for: physical types and default expressions
 * (the audit capture DDL is `AuditDdl`'s, in audit-ddl.ts).
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
}

/** The DDL helper for the dialect a migration was given. */
export function ddlTypes(dialect: MigrationDialect): DdlTypes {
  return dialect.name === 'sqlite' ? sqliteDdl : postgresDdl(dialect.vector)
}

