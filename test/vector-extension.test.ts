import { sql } from 'kysely'
import { expect, it } from 'vitest'
import { readCatalog } from '../src/dialect/catalog.js'
import type { DialectName } from '../src/dialect/dialect.js'
import { hasVectorExtension } from '../src/dialect/postgres/postgres-vector-extension.js'
import { forEachDriver } from './setup.js'

// each case migrates a fresh database, which takes seconds on a server
const SLOW = 60_000

forEachDriver('vector columns', (ctx) => {
  it('are pgvector columns exactly when the probe finds pgvector, else real[] (PostgreSQL) or JSON text (SQLite)', async () => {
    const rdb = await ctx.open()
    const pgvector = rdb.dialect === 'postgres' && (await hasVectorExtension(rdb.db))
    await rdb.migrateToLatest()
    const { tables } = await readCatalog(rdb.db)
    const expected: Record<DialectName, string> = { postgres: pgvector ? 'vector(384)' : 'real[]', sqlite: 'text' }
    for (const [table, column] of [['agent_embeddings', 'embedding'], ['rag_documents', 'embedding'], ['task_history', 'embedding']]) {
      expect(tables[table!]?.columns.find((c) => c.name === column)?.type, `${table}.${column}`).toBe(expected[rdb.dialect])
    }
  }, SLOW)

  // SQLite has no extensions to probe; its vector test above is the whole story
  if (ctx.driver === 'better-sqlite3') return

  it('probe answers whether pgvector is installed, and does not throw when the server lacks it', async () => {
    const rdb = await ctx.open()
    const available = await hasVectorExtension(rdb.db)
    const { rows } = await sql`select extname from pg_extension where extname = 'vector'`.execute(rdb.db.withoutPlugins())
    expect(available).toBe(rows.length > 0)
    // the first probe installed the extension if it could, so a second one agrees
    expect(await hasVectorExtension(rdb.db)).toBe(available)
  }, SLOW)
})
