import { expect, it } from 'vitest'
import type { ResidencyDatabase } from '../src/connect.js'
import { readCatalog } from '../src/dialect/catalog.js'
import { forEachDriver } from './setup.js'
import { loadSchemaSpec } from './support/schema-spec.js'
import { diffCatalog } from './support/spec-diff.js'

const spec = loadSchemaSpec()
const SPEC_TABLES = Object.keys(spec.tables).sort()

// a full migration run on a fresh server database takes a few seconds
const SLOW = 60_000

async function tableNames(rdb: ResidencyDatabase): Promise<string[]> {
  return Object.keys((await readCatalog(rdb.db)).tables).sort()
}

/** Strict: names of indexes and uniques too, and no foreign key, CHECK, table or column beyond the spec. */
async function differences(rdb: ResidencyDatabase): Promise<string[]> {
  return diffCatalog(spec, await readCatalog(rdb.db), rdb.dialect, SPEC_TABLES, { strict: true })
}

forEachDriver('conformance', (ctx) => {
  it(
    'migrates an empty database to exactly the spec',
    async () => {
      const rdb = await ctx.open()
      await rdb.migrateToLatest()
      expect(await differences(rdb)).toEqual([])
    },
    SLOW,
  )

  it(
    'reverts each migration exactly, down to an empty database, and migrates up again',
    async () => {
      const rdb = await ctx.open()
      const before = [await tableNames(rdb)]
      while ((await rdb.migrateUp()).length > 0) before.push(await tableNames(rdb))
      expect(before.at(-1)).toEqual(SPEC_TABLES)

      // after each step down the schema is what it was before that migration's up
      before.pop()
      while (before.length > 0) {
        expect(await rdb.migrateDown()).toHaveLength(1)
        expect(await tableNames(rdb)).toEqual(before.pop())
      }
      expect(await tableNames(rdb)).toEqual([])
      expect((await rdb.migrationStatus()).every((m) => m.executedAt === null)).toBe(true)

      await rdb.migrateToLatest()
      expect(await differences(rdb)).toEqual([])
    },
    SLOW,
  )
})
