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
 * Per table, the columns with a default: 'uuid' and 'now' the library fills on
 * insert when the caller gives none; a literal fills a row of a multi-row
 * insert that leaves the column out (elsewhere the database default applies).
 */
export type InsertDefault = 'uuid' | 'now' | { readonly literal: unknown }
export type InsertDefaultMap = Readonly<Record<string, Readonly<Record<string, InsertDefault>>>>

/** Any JSON value, as the codec layer returns it for `json` columns. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue }
