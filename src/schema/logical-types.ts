import type { ColumnType } from 'kysely'

/** The logical column types of the schema spec (`spec.json` → `types`). */
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

/** Per table (snake_case), per column (snake_case): the column's logical type. */
export type ColumnTypeMap = Readonly<Record<string, Readonly<Record<string, LogicalType>>>>

/**
 * What a column's declared type allows beyond its logical type, which PostgreSQL
 * enforces and SQLite does not: a `varchar(n)`'s length in characters (code
 * points), a `numeric(p, s)`'s precision and scale.
 */
export type ColumnLimit = { readonly maxLength: number } | { readonly precision: number; readonly scale: number }

/** Per table (snake_case), per column (snake_case): the columns with a limit. */
export type ColumnLimitMap = Readonly<Record<string, Readonly<Record<string, ColumnLimit>>>>

/** Per table (snake_case), the columns (snake_case) that hold a secret, whose values no message may show. */
export type SecretColumnMap = Readonly<Record<string, readonly string[]>>

export type ConstraintKind = 'primaryKey' | 'unique' | 'check' | 'foreignKey'

/** A named constraint (or unique index) and the columns it is about, as the database names them. */
export interface ConstraintInfo {
  readonly kind: ConstraintKind
  readonly columns: readonly string[]
}

/** Per table (snake_case), per constraint or unique index name. */
export type ConstraintMap = Readonly<Record<string, Readonly<Record<string, ConstraintInfo>>>>

/**
 * Per table, the columns with a default: 'uuid' and 'now' the library fills on
 * insert when the caller gives none; a literal fills a row of a multi-row
 * insert that leaves the column out (elsewhere the database default applies).
 */
export type InsertDefault = 'uuid' | 'now' | { readonly literal: unknown }
export type InsertDefaultMap = Readonly<Record<string, Readonly<Record<string, InsertDefault>>>>

/** Any JSON value, as the codec layer returns it for `json` columns. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue }

/**
 * A JSON value other than null: what a NOT NULL `json` column holds. The codec
 * layer stores a JavaScript null as SQL NULL, so a JSON null cannot go there.
 */
export type NonNullJsonValue = Exclude<JsonValue, null>

/**
 * A `timestamp` or `timestamptz` column: selected as a `Date` (UTC); written as a
 * `Date` or an ISO-8601 string with a zone ('2025-07-01T08:00:00Z'), the two
 * forms the codec layer accepts.
 */
export type Timestamp = ColumnType<Date, Date | string, Date | string>

/** A timestamp column with a default ("now" or a literal): optional on insert. */
export type GeneratedTimestamp = ColumnType<Date, Date | string | undefined, Date | string>
