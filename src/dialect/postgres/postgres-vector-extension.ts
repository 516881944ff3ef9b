import { sql, type Kysely } from 'kysely'
import type { MigrationDialect } from '../../../migrations/migration-dialect.js'

async function installed(db: Kysely<any>): Promise<boolean> {
  const { rows } = await sql`select extname from pg_extension where extname = 'vector'`.execute(db)
  return rows.length > 0
}

/**
 * Installs pgvector when the server offers it and tells whether it is installed,
 * so that a migration run can declare vector columns as `vector(n)` (true) or
 * `real[]` (false) (see `postgresMigrationDialect`).
 *
 * Call it before the migrations run, not inside one: a failed CREATE EXTENSION
 * aborts the transaction it runs in. A server without pgvector, or a role that
 * may not create extensions, yields false rather than an error.
 */
export async function hasVectorExtension(db: Kysely<any>): Promise<boolean> {
  const raw = db.withoutPlugins()
  if (await installed(raw)) return true
  const { rows } = await sql`select name from pg_available_extensions where name = 'vector'`.execute(raw)
  if (rows.length === 0) return false
  try {
    await sql`create extension if not exists vector`.execute(raw)
  } catch {
    return false
  }
  return installed(raw)
}

/** What migrations are told about this PostgreSQL database: pgvector when it can be had. */
export async function postgresMigrationDialect(db: Kysely<any>): Promise<MigrationDialect> {
  return { name: 'postgres', vector: await hasVectorExtension(db) }
}
