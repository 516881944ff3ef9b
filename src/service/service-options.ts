import { readdir } from 'node:fs/promises'
import { resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import type { DialectMigration } from '../../migrations/migration-dialect.js'
import { ConnectionError, MigrationError } from '../errors.js'
import type { ColumnTypeMap, InsertDefaultMap } from '../schema/logical-types.js'

/** The default table that records the service's migrations (its lock table is `service_migration_lock`). */
export const DEFAULT_SERVICE_MIGRATION_TABLE = 'service_migration'

/**
 * A service's own tables next to the library's: its migrations, recorded in a
 * migration table of their own, and its tables' column types for the codec
 * layer (camelCase names and decoded values through the same `db`).
 */
export interface ServiceOptions {
  /** The service's migrations by name (run in name order, so start names with a timestamp). */
  migrations?: Record<string, DialectMigration>
  /**
   * Or a folder of migration files (`.js`, `.mjs`, or `.ts` when the process
   * can import TypeScript), each exporting `up(db)` and `down(db)`; the file
   * name without its extension is the migration's name (`migrate make` writes them).
   */
  migrationFolder?: string
  /** Where the service's migrations are recorded (default `service_migration`). */
  migrationTable?: string
  /** Per service table (snake_case), per column (snake_case): its logical type, for the codecs. */
  tables?: ColumnTypeMap
  /** Columns the library fills on insert when the caller gives none (`'uuid'`, `'now'`). */
  insertDefaults?: InsertDefaultMap
}

const MIGRATION_FILE = /^(?!.*\.d\.[mc]?ts$).*\.(m?js|m?ts)$/

/** Imports every migration file of `folder`, by name (file name without extension). */
export async function loadMigrationFolder(folder: string): Promise<Record<string, DialectMigration>> {
  const dir = resolve(folder)
  let files: string[]
  try {
    files = (await readdir(dir)).filter((f) => MIGRATION_FILE.test(f)).sort()
  } catch (error) {
    throw new MigrationError(`cannot read the service's migration folder ${dir}: ${(error as Error).message}`, undefined, { cause: error })
  }
  const migrations: Record<string, DialectMigration> = {}
  for (const file of files) {
    const module = (await import(pathToFileURL(resolve(dir, file)).href)) as Partial<DialectMigration>
    const name = file.replace(/\.[^.]+$/, '')
    if (typeof module.up !== 'function') throw new MigrationError(`service migration ${file} in ${dir} exports no up(db) function`, name)
    migrations[name] = module as DialectMigration
  }
  return migrations
}

/** The service's migration list (loaded on first use), or undefined when it has none. */
export function serviceMigrationList(
  service: ServiceOptions | undefined,
): { migrations: () => Promise<Record<string, DialectMigration>>; table: string } | undefined {
  if (!service || (service.migrations === undefined && service.migrationFolder === undefined)) return undefined
  if (service.migrations !== undefined && service.migrationFolder !== undefined) {
    throw new ConnectionError('service options: give migrations or migrationFolder, not both')
  }
  const { migrations, migrationFolder } = service
  return {
    migrations: async () => migrations ?? (await loadMigrationFolder(migrationFolder!)),
    table: service.migrationTable ?? DEFAULT_SERVICE_MIGRATION_TABLE,
  }
}

/** The library's column types with the service's tables added; a table of both is refused. */
export function withServiceTables<T extends ColumnTypeMap | InsertDefaultMap>(library: T, service: T | undefined, what: string): T {
  if (!service) return library
  for (const table of Object.keys(service)) {
    if (Object.hasOwn(library, table)) {
      throw new ConnectionError(`service ${what} name table ${table}, which is one of the library's: choose another name`)
    }
  }
  return { ...library, ...service }
}
