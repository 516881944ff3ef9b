import { sql } from 'kysely'
import { expect, it } from 'vitest'
import { adoptDatabase, inspectDatabase } from '../src/adopt/adopt-database.js'
import { getHistory } from '../src/audit/get-history.js'
import type { ResidencyDatabase } from '../src/connect.js'
import { readCatalog } from '../src/dialect/catalog.js'
import { MigrationError } from '../src/errors.js'
import { forEachDriver } from './setup.js'
import { loadAlembicFixture, rowTexts } from './support/alembic-fixture.js'
import { loadSchemaSpec } from './support/schema-spec.js'
import { diffCatalog } from './support/spec-diff.js'

const spec = loadSchemaSpec()
const SPEC_TABLES = Object.keys(spec.tables).sort()
// running every migration in a scratch schema and ~600 guarded steps takes a while, most on PGlite
const SLOW = 900_000

// what adoption renames, and which columns hold enum names it lowers
const TABLE_RENAMED: Record<string, string> = { absence_version: 'absences_version' }
const COLUMN_RENAMED: Record<string, Record<string, string>> = { resilience_events: { metadata: 'event_metadata' } }
const ENUM_COLUMNS: Record<string, string[]> = { swap_records: ['swap_type', 'status'], conflict_alerts: ['conflict_type', 'severity', 'status'] }

/** Every row of every table, by table (named as before adoption), over the columns it had before. */
async function snapshot(rdb: ResidencyDatabase, columns: Record<string, string[]>, after: boolean): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {}
  for (const [table, cols] of Object.entries(columns)) {
    const name = after ? (TABLE_RENAMED[table] ?? table) : table
    const renamed = cols.map((c) => (after ? (COLUMN_RENAMED[table]?.[c] ?? c) : c))
    out[table] = await rowTexts(rdb.db, name, renamed, ENUM_COLUMNS[table] ?? [])
  }
  return out
}

async function fixtureDatabase(open: () => Promise<ResidencyDatabase>): Promise<ResidencyDatabase> {
  const rdb = await open()
  await loadAlembicFixture(rdb.db)
  return rdb
}

forEachDriver('adopt an Alembic-built database', (ctx) => {
  if (ctx.driver === 'better-sqlite3') {
    it('refuses a SQLite database: adoption is for PostgreSQL databases', async () => {
      const rdb = await ctx.open()
      await expect(adoptDatabase(rdb, { dryRun: true })).rejects.toThrow(MigrationError)
    })
    return
  }

  it(
    'bridges the fixture: conformant, every row kept, history readable, migrations baselined, a second run finds nothing',
    async () => {
      const rdb = await fixtureDatabase(ctx.open)
      const before = await readCatalog(rdb.db)
      const columns = Object.fromEntries(Object.values(before.tables).map((t) => [t.name, t.columns.map((c) => c.name)]))
      const rows = await snapshot(rdb, columns, false)

      const dry = await inspectDatabase(rdb)
      expect(dry.problems).toEqual([])
      expect(dry.applied).toBe(false)
      expect(await readCatalog(rdb.db)).toEqual(before)

      const report = await adoptDatabase(rdb)
      expect(report.problems).toEqual([])
      expect(report.applied).toBe(true)
      expect(report.changes.map((c) => c.action)).toEqual(dry.changes.map((c) => c.action))

      // conformant, except what adoption keeps because it is not ours
      const kept = report.notes.flatMap((n) => {
        if (n.note.startsWith('table is not ours')) return [`${n.table}: table is not expected`]
        const column = /^column (\S+) .* is not ours/.exec(n.note)?.[1]
        return column ? [`${n.table}: column ${column} is not in the spec`] : []
      })
      expect(kept).toContain('alembic_version: table is not expected')
      const differences = diffCatalog(spec, await readCatalog(rdb.db), 'postgres', SPEC_TABLES)
      expect(differences.sort()).toEqual(kept.sort())

      // every row still there with the same values (enum names lowered); the history may gain first versions
      const after = await snapshot(rdb, columns, true)
      for (const table of Object.keys(columns)) {
        if (table.endsWith('_version') || table === 'transaction') expect(after[table], table).toEqual(expect.arrayContaining(rows[table]!))
        else expect(after[table], table).toEqual(rows[table])
      }
      const swap = await rdb.db.selectFrom('swapRecords').select(['status', 'swapType']).orderBy('id').execute()
      expect(swap).toEqual([
        { status: 'pending', swapType: 'one_to_one' },
        { status: 'executed', swapType: 'absorb' },
      ])

      // the Continuum history reads as ours: insert, then the update that moved the block
      const history = await getHistory(rdb.db, { table: 'assignments', id: '00000000-0000-4000-8000-0000000000d1' })
      expect(history.map((v) => v.operation)).toEqual(['insert', 'update'])
      expect(history[1]!.changes.map((c) => c.column).sort()).toEqual(['blockId', 'notes', 'updatedAt'])
      expect(history[1]!.transaction.userId).toBe('00000000-0000-4000-8000-0000000000a1')
      const deleted = await getHistory(rdb.db, { table: 'absences', id: '00000000-0000-4000-8000-0000000000e9' })
      expect(deleted.map((v) => v.operation)).toEqual(['insert', 'delete'])
      // rows Continuum never recorded got a first version from the audit triggers' installation
      expect(await getHistory(rdb.db, { table: 'swapRecords', id: '00000000-0000-4000-8000-000000000051' })).toHaveLength(1)

      // the audit triggers record new changes
      await rdb.db.updateTable('absences').set({ notes: 'extended' }).where('id', '=', '00000000-0000-4000-8000-0000000000e1').execute()
      const absence = await getHistory(rdb.db, { table: 'absences', id: '00000000-0000-4000-8000-0000000000e1' })
      expect(absence.map((v) => v.operation)).toEqual(['insert', 'update', 'update'])

      // baselined: migrate latest goes on from here
      expect((await rdb.migrationStatus()).every((m) => m.executedAt !== null)).toBe(true)
      expect(await rdb.migrateToLatest()).toEqual([])

      const again = await adoptDatabase(rdb)
      expect(again).toMatchObject({ changes: [], problems: [], applied: false })
    },
    SLOW,
  )

  it(
    'refuses data that breaks a CHECK of ours, with the rows counted, and changes nothing',
    async () => {
      const rdb = await fixtureDatabase(ctx.open)
      // not an enum name of ours in any case
      await sql`update swap_records set status = 'ON_HOLD' where id = '00000000-0000-4000-8000-000000000052'`.execute(rdb.db.withoutPlugins())
      const before = await readCatalog(rdb.db)
      const columns = Object.fromEntries(Object.values(before.tables).map((t) => [t.name, t.columns.map((c) => c.name)]))
      const rows = await snapshot(rdb, columns, false)

      const report = await adoptDatabase(rdb)
      expect(report.applied).toBe(false)
      expect(report.problems).toEqual([
        expect.objectContaining({ table: 'swap_records', problem: expect.stringContaining('check_swap_records_status'), rows: 1 }),
      ])
      expect(await readCatalog(rdb.db)).toEqual(before)
      expect(await snapshot(rdb, columns, false)).toEqual(rows)
    },
    SLOW,
  )
})
