import type { Kysely } from 'kysely'

/**
 * What the library tells a migration about the database it runs on. This is
 * the contract between the migration runner (`src/migration-runner.ts`) and
 * every migration: migrations never look at the live code to learn it.
 */
export interface MigrationDialect {
  readonly name: 'postgres' | 'sqlite'
  /** PostgreSQL only: pgvector's `vector(n)` is available for vector columns (else `real[]`). */
  readonly vector: boolean
}

/**
 * One migration. It runs on a plain Kysely over the database's connection (no
 * codec, no name map: snake_case SQL as written) and receives the dialect.
 */
export interface DialectMigration {
  up(db: Kysely<any>, dialect: MigrationDialect): Promise<void>
  down?(db: Kysely<any>, dialect: MigrationDialect): Promise<void>
}
