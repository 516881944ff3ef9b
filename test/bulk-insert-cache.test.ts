import { sql } from 'kysely'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { createDatabase, type ResidencyDatabase } from '../src/connect.js'
import { insertInBatches } from '../src/repositories/bulk-insert.js'

// The bulk path reuses compiled INSERTs; an executor with other plugins
// (db.withSchema) compiles other SQL and must never get another's statement.
// SQLite's temp schema gives a second `blocks` table in one in-memory database.
let rdb: ResidencyDatabase

beforeAll(async () => {
  rdb = await createDatabase('sqlite::memory:')
  await rdb.migrateToLatest()
  await sql`create temp table blocks as select * from main.blocks where 0`.execute(rdb.db)
})
afterAll(() => rdb.destroy())

const count = async (schema: string) =>
  (await sql<{ n: number }>`select count(*) as n from ${sql.table(`${schema}.blocks`)}`.execute(rdb.db)).rows[0]!.n

it('an insert through db.withSchema goes to that schema even after the same shape went elsewhere', async () => {
  const row = (date: string) => ({ date, timeOfDay: 'AM', blockNumber: 0, isWeekend: false })
  await insertInBatches(rdb.db.withSchema('main'), 'blocks', [row('2025-07-01')])
  await insertInBatches(rdb.db.withSchema('temp'), 'blocks', [row('2025-07-02')])
  expect({ main: await count('main'), temp: await count('temp') }).toEqual({ main: 1, temp: 1 })
})
