import pg from 'pg'
import { sql } from 'kysely'
import { expect, it } from 'vitest'
import { forEachDriver, POSTGRES_URL } from './setup.js'

// pg runs the library's queries as named prepared statements. When another
// program changes a table under one, PostgreSQL refuses the old plan ("cached
// plan must not change result type"); the library prepares it again.
// Only pg keeps plans across programs: PGlite and SQLite have no other writers.
forEachDriver('prepared statements', (ctx) => {
  it.runIf(ctx.driver === 'pg')('survive a column added by another program (pg only: the only driver with server-side plans)', async () => {
    const rdb = await ctx.open()
    await rdb.migrateToLatest()
    await rdb.db.insertInto('blocks').values({ date: '2025-07-01', timeOfDay: 'AM', blockNumber: 0 }).execute()
    const before = await rdb.db.selectFrom('blocks').selectAll().execute()
    expect(Object.keys(before[0]!)).not.toContain('extraNote')

    const { rows } = await sql<{ url: string }>`select current_database() as url`.execute(rdb.db)
    const other = new pg.Client({ connectionString: POSTGRES_URL!.replace(/\/[^/]*$/, `/${rows[0]!.url}`) })
    await other.connect()
    await other.query('alter table blocks add column extra_note text')
    await other.end()

    // outside a transaction the statement is planned again and sees the new column
    const after = await rdb.db.selectFrom('blocks').selectAll().execute()
    expect(after).toHaveLength(1)
    expect(after[0]).toMatchObject({ date: '2025-07-01', extraNote: null })
    await sql`alter table blocks drop column extra_note`.execute(rdb.db)
  })
})
