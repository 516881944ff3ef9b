import {
  type CompiledQuery,
  type DatabaseConnection,
  type DialectAdapter,
  type Driver,
  Kysely,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  type QueryCompiler,
  type QueryResult,
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
} from 'kysely'
import type { DialectMigration, MigrationDialect } from '../../migrations/migration-dialect.js'

/** The dialect variants a migration can be run under; each has its own snapshot. */
export const SNAPSHOT_DIALECTS: Record<string, MigrationDialect> = {
  sqlite: { name: 'sqlite', vector: false },
  postgres: { name: 'postgres', vector: false },
  'postgres-pgvector': { name: 'postgres', vector: true },
}

/** A driver that runs nothing: it keeps each statement's text and parameters and answers with no rows. */
class RecordingDriver implements Driver {
  readonly statements: string[] = []
  readonly #connection: DatabaseConnection = {
    executeQuery: async <R>(query: CompiledQuery): Promise<QueryResult<R>> => {
      const parameters = query.parameters.length > 0 ? `\n-- parameters: ${JSON.stringify(query.parameters)}` : ''
      this.statements.push(`${query.sql};${parameters}`)
      return { rows: [] }
    },
    streamQuery: () => {
      throw new Error('a migration streamed a query')
    },
  }
  async init(): Promise<void> {}
  async acquireConnection(): Promise<DatabaseConnection> {
    return this.#connection
  }
  async beginTransaction(): Promise<void> {}
  async commitTransaction(): Promise<void> {}
  async rollbackTransaction(): Promise<void> {}
  async releaseConnection(): Promise<void> {}
  async destroy(): Promise<void> {}
}

/**
 * The SQL a migration emits on an empty database of one dialect, up then down,
 * compiled by Kysely's own compiler as the migration runner runs it. Reads
 * answer with no rows, so a migration that looks at existing data takes its
 * empty-database path.
 */
export async function emittedSql(migration: DialectMigration, dialect: MigrationDialect): Promise<string> {
  const sqlite = dialect.name === 'sqlite'
  const record = async (step: 'up' | 'down') => {
    const driver = new RecordingDriver()
    const db = new Kysely<any>({
      dialect: {
        createAdapter: (): DialectAdapter => (sqlite ? new SqliteAdapter() : new PostgresAdapter()),
        createDriver: () => driver,
        createIntrospector: (k) => (sqlite ? new SqliteIntrospector(k) : new PostgresIntrospector(k)),
        createQueryCompiler: (): QueryCompiler => (sqlite ? new SqliteQueryCompiler() : new PostgresQueryCompiler()),
      },
    })
    await migration[step]?.(db, dialect)
    await db.destroy()
    return driver.statements
  }
  const up = await record('up')
  const down = await record('down')
  return [`-- up`, ...up, '', '-- down', ...down, ''].join('\n')
}
