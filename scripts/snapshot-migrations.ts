/**
 * Writes the SQL each migration emits, per dialect, to migrations/snapshots/.
 * Run it only for a migration that is new (not yet released): test/migration-sql.test.ts
 * fails when a released migration's SQL changes, which is the point.
 *
 *   npm run migrations:snapshot                 writes the snapshots of every migration
 *   npm run migrations:snapshot -- <name> …     only these migrations
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import { migrations } from '../migrations/index.js'
import { SNAPSHOT_DIALECTS, emittedSql } from './support/migration-sql.js'
import { snapshotPath } from './support/migration-snapshots.js'

const only = process.argv.slice(2)
const unknown = only.filter((name) => !(name in migrations))
if (unknown.length > 0) {
  console.error(`no migration named ${unknown.join(', ')}; known: ${Object.keys(migrations).join(', ')}`)
  process.exit(2)
}
for (const [name, migration] of Object.entries(migrations)) {
  if (only.length > 0 && !only.includes(name)) continue
  for (const [variant, dialect] of Object.entries(SNAPSHOT_DIALECTS)) {
    const path = snapshotPath(variant, name)
    mkdirSync(new URL('.', path), { recursive: true })
    writeFileSync(path, await emittedSql(migration, dialect))
    console.log(`wrote ${path.pathname}`)
  }
}
