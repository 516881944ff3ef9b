import { createHash } from 'node:crypto'
import type { DialectMigration } from '../../migrations/migration-dialect.js'
import { serviceMigrationList, type ServiceOptions } from '../service/service-options.js'

/** Bumped when what a test image holds changes for reasons the migrations do not show. */
const IMAGE_FORMAT = 1

/**
 * A short hash of every migration a test database runs: the library's and the
 * service's, each by name and the source of its `up` and `down`, plus the
 * service's migration table. A new or edited migration gives a new hash, so a
 * new template (PostgreSQL) or image (SQLite, PGlite); an edit inside a helper
 * a migration imports does not show (the library's migrations are frozen).
 */
export async function migrationsHash(service: ServiceOptions | undefined): Promise<string> {
  const hash = createHash('sha256').update(`residency-db test image ${IMAGE_FORMAT}\n`)
  const library = (await import('../../migrations/index.js')).migrations
  addMigrations(hash, 'library', library)
  const list = serviceMigrationList(service)
  if (list) {
    hash.update(`service table ${list.table}\n`)
    addMigrations(hash, 'service', await list.migrations())
  }
  return hash.digest('hex').slice(0, 16)
}

function addMigrations(hash: ReturnType<typeof createHash>, scope: string, migrations: Record<string, DialectMigration>): void {
  for (const name of Object.keys(migrations).sort()) {
    const m = migrations[name]!
    hash.update(`${scope} ${name}\n${String(m.up)}\n${String(m.down ?? '')}\n`)
  }
}
