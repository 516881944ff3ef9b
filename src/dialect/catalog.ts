import type { Kysely } from 'kysely'
import { dialectOf } from './dialect.js'

export interface CatalogColumn {
  name: string
  /** Normalised lower-case physical type: `varchar(255)`, `numeric(10,2)`, `text[]`, `timestamp`, `char(36)`. */
  type: string
  nullable: boolean
  /** The default expression as the database reports it, or null. */
  default: string | null
  /** An identity (PostgreSQL) or autoincrement rowid (SQLite) column. */
  identity: boolean
}

export interface CatalogForeignKey {
  /** Null when the database does not keep the constraint's name. */
  name: string | null
  columns: string[]
  refTable: string
  refColumns: string[]
  /** Upper-case rule: `NO ACTION`, `CASCADE`, `SET NULL`, `RESTRICT`, `SET DEFAULT`. */
  onDelete: string
}

export interface CatalogIndex {
  name: string
  columns: string[]
  unique: boolean
}

export interface CatalogTable {
  name: string
  columns: CatalogColumn[]
  /** Primary key columns in key order; empty when the table has none. */
  primaryKey: string[]
  primaryKeyName: string | null
  foreignKeys: CatalogForeignKey[]
  /** Unique constraints and unique indexes (not the primary key). */
  uniques: { name: string; columns: string[] }[]
  /** Indexes made by CREATE INDEX, not those backing a constraint. */
  indexes: CatalogIndex[]
  /** Named CHECK constraints; `sql` is the expression without `CHECK (…)`. */
  checks: { name: string; sql: string }[]
}

/** The tables of the current schema, normalised so that both dialects compare alike. */
export interface Catalog {
  tables: Record<string, CatalogTable>
}

/** Kysely's migration bookkeeping, which is not part of the schema. */
export const MIGRATION_TABLES: readonly string[] = ['kysely_migration', 'kysely_migration_lock']

/**
 * Reads the catalog of the database `db` talks to (PostgreSQL: the current
 * schema). Queries bypass `db`'s plugins, whose name mapping would rewrite the
 * catalog's own column names.
 */
export async function readCatalog(db: Kysely<any>): Promise<Catalog> {
  const tables = await dialectOf(db).readCatalog(db.withoutPlugins())
  return {
    tables: Object.fromEntries(tables.filter((t) => !MIGRATION_TABLES.includes(t.name)).map((t) => [t.name, t])),
  }
}
