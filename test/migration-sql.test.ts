import { existsSync, readFileSync, readdirSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { migrations } from '../migrations/index.js'
import { SNAPSHOT_DIALECTS, emittedSql } from '../scripts/support/migration-sql.js'
import { snapshotPath } from '../scripts/support/migration-snapshots.js'

// A released migration must create the same schema forever: a database migrated
// with one version of the library and one migrated with the next may not differ.
// Each migration's SQL, per dialect, is committed in migrations/snapshots/;
// a change to what an existing migration emits (through its own code or a
// helper it imports) fails here. A schema change is a new migration.
describe('migrations emit their committed SQL', () => {
  for (const [variant, dialect] of Object.entries(SNAPSHOT_DIALECTS)) {
    for (const [name, migration] of Object.entries(migrations)) {
      it(`${variant}: ${name}`, async () => {
        const path = snapshotPath(variant, name)
        expect(existsSync(path), `no snapshot ${path.pathname}: a new migration needs 'npm run migrations:snapshot -- ${name}'`).toBe(true)
        const emitted = await emittedSql(migration, dialect)
        expect(
          emitted,
          `${name} now emits other SQL on ${variant} than when it was released: do not change a released migration or a helper it imports; write a new migration (and a new helper version under migrations/support/) instead`,
        ).toBe(readFileSync(path, 'utf8'))
      })
    }
  }

  it('every snapshot belongs to a migration of the list', () => {
    for (const variant of Object.keys(SNAPSHOT_DIALECTS)) {
      const files = readdirSync(new URL('.', snapshotPath(variant, 'x')))
      expect(files.map((f) => f.replace(/\.sql$/, '')).sort()).toEqual(Object.keys(migrations).sort())
    }
  })
})

describe('migrations depend on nothing that changes', () => {
  // the live code (codec, DDL of today, generated schema) may change in any
  // release; a migration may only take types from it
  const files = readdirSync(new URL('../migrations', import.meta.url), { recursive: true, encoding: 'utf8' }).filter((f) =>
    f.endsWith('.ts'),
  )
  for (const file of files) {
    it(`${file} imports nothing from src/ but types`, () => {
      const text = readFileSync(new URL(`../migrations/${file}`, import.meta.url), 'utf8')
      const imports = [...text.matchAll(/^import\s+(type\s+)?[^'"]*from\s+['"]([^'"]+)['"]/gm)]
      const live = imports.filter((m) => m[1] === undefined && /(^|\/)src\//.test(m[2]!)).map((m) => m[0])
      expect(live).toEqual([])
    })
  }
})
