import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { type Generated, type Kysely, sql } from 'kysely'
import { afterAll, expect, it } from 'vitest'
import type { DialectMigration, MigrationDialect } from '../migrations/migration-dialect.js'
import { ConnectionError, ForeignKeyViolationError } from '../src/errors.js'
import type { ServiceOptions } from '../src/service/service-options.js'
import type { GeneratedTimestamp, JsonValue } from '../src/schema/logical-types.js'
import { forEachDriver } from './setup.js'

/** The service's tables as it types them: camelCase, values as the codecs return them. */
interface ServiceTables {
  shiftNotes: {
    id: Generated<string>
    personId: string
    body: string
    pinned: boolean
    tags: string[] | null
    details: JsonValue
    noteDate: string
    createdAt: GeneratedTimestamp
  }
}

const physical = (dialect: MigrationDialect) =>
  dialect.name === 'postgres'
    ? { uuid: sql`uuid`, array: sql`text[]`, json: sql`jsonb`, stamp: sql`timestamptz` }
    : { uuid: sql`char(36)`, array: sql`text`, json: sql`text`, stamp: sql`datetime` }

/** Two service migrations: a table that references the library's people, then an index on it. */
const migrations: Record<string, DialectMigration> = {
  '20260301T0900-shift-notes': {
    async up(db: Kysely<any>, dialect) {
      const t = physical(dialect)
      await db.schema
        .createTable('shift_notes')
        .addColumn('id', t.uuid, (c) => c.primaryKey())
        .addColumn('person_id', t.uuid, (c) => c.notNull().references('people.id').onDelete('cascade'))
        .addColumn('body', 'text', (c) => c.notNull())
        .addColumn('pinned', 'boolean', (c) => c.notNull())
        .addColumn('tags', t.array)
        .addColumn('details', t.json, (c) => c.notNull())
        .addColumn('note_date', 'date', (c) => c.notNull())
        .addColumn('created_at', t.stamp, (c) => c.notNull())
        .execute()
    },
    async down(db: Kysely<any>) {
      await db.schema.dropTable('shift_notes').execute()
    },
  },
  '20260302T0900-shift-notes-index': {
    async up(db: Kysely<any>) {
      await db.schema.createIndex('shift_notes_person_idx').on('shift_notes').column('person_id').execute()
    },
    async down(db: Kysely<any>) {
      await db.schema.dropIndex('shift_notes_person_idx').execute()
    },
  },
}

const SERVICE: ServiceOptions = {
  migrations,
  tables: {
    shift_notes: {
      id: 'uuid',
      person_id: 'uuid',
      body: 'text',
      pinned: 'boolean',
      tags: 'string_array',
      details: 'json',
      note_date: 'date',
      created_at: 'timestamptz',
    },
  },
  insertDefaults: { shift_notes: { id: 'uuid', created_at: 'now' } },
}
const SERVICE_NAMES = Object.keys(migrations)

async function appliedIn(db: Kysely<any>, table: string): Promise<string[]> {
  const rows = await sql<{ name: string }>`select name from ${sql.table(table)} order by name`.execute(db.withoutPlugins())
  return rows.rows.map((r) => r.name)
}

forEachDriver("the service's own tables", (ctx) => {
  it("migrateToLatest runs the library's migrations, then the service's, each recorded in its own table", async () => {
    const rdb = await ctx.open<ServiceTables>({ service: SERVICE })
    const ran = await rdb.migrateToLatest()
    const library = ran.filter((s) => s.scope === 'library').map((s) => s.name)
    expect(library.length).toBeGreaterThan(10)
    expect(ran.slice(library.length)).toEqual(SERVICE_NAMES.map((name) => ({ name, scope: 'service', direction: 'up' })))
    expect(await appliedIn(rdb.db, 'kysely_migration')).toEqual(library)
    expect(await appliedIn(rdb.db, 'service_migration')).toEqual(SERVICE_NAMES)
    const status = await rdb.migrationStatus()
    expect(status.slice(-2).map((m) => [m.name, m.scope, m.executedAt instanceof Date])).toEqual(SERVICE_NAMES.map((n) => [n, 'service', true]))
    expect(await rdb.migrateToLatest()).toEqual([])

    // typed, camelCase, codec-decoded access to the service's table through the same db
    const person = await rdb.db.insertInto('people').values({ name: 'Ada', type: 'resident' }).returning('id').executeTakeFirstOrThrow()
    const note = await rdb.db
      .insertInto('shiftNotes')
      .values({ personId: person.id, body: 'handoff', pinned: true, tags: ['icu', 'nights'], details: { beds: [3, 4] }, noteDate: '2025-07-01' })
      .returningAll()
      .executeTakeFirstOrThrow()
    expect(note).toEqual({
      id: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-7/),
      personId: person.id,
      body: 'handoff',
      pinned: true,
      tags: ['icu', 'nights'],
      details: { beds: [3, 4] },
      noteDate: '2025-07-01',
      createdAt: expect.any(Date),
    })
    const joined = await rdb.db
      .selectFrom('shiftNotes')
      .innerJoin('people', 'people.id', 'shiftNotes.personId')
      .select(['people.name', 'shiftNotes.pinned', 'shiftNotes.createdAt'])
      .where('shiftNotes.pinned', '=', true)
      .executeTakeFirstOrThrow()
    expect(joined).toEqual({ name: 'Ada', pinned: true, createdAt: note.createdAt })
    // the library's errors on the service's tables too
    await expect(
      rdb.db.insertInto('shiftNotes').values({ personId: '01950f3a-0000-7000-8000-000000000000', body: 'x', pinned: false, details: {}, noteDate: '2025-07-01' }).execute(),
    ).rejects.toBeInstanceOf(ForeignKeyViolationError)
  })

  it("migrateDown reverts the service's last migration first; migrateReset reverts the service's, then the library's", async () => {
    const rdb = await ctx.open<ServiceTables>({ service: { ...SERVICE, migrationTable: 'app_migration' } })
    await rdb.migrateToLatest()
    expect(await rdb.migrateDown()).toEqual([{ name: SERVICE_NAMES[1], scope: 'service', direction: 'down' }])
    expect(await rdb.migrateUp()).toEqual([{ name: SERVICE_NAMES[1], scope: 'service', direction: 'up' }])
    const reverted = await rdb.migrateReset()
    expect(reverted.slice(0, 2)).toEqual([...SERVICE_NAMES].reverse().map((name) => ({ name, scope: 'service', direction: 'down' })))
    expect(reverted.slice(2).every((s) => s.scope === 'library')).toBe(true)
    expect(await appliedIn(rdb.db, 'app_migration')).toEqual([])
    expect((await rdb.migrationStatus()).every((m) => m.executedAt === null)).toBe(true)
  })
})

const dir = mkdtempSync(join(tmpdir(), 'residency-db-service-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

it('reads the service migrations from a folder of files, in name order', async () => {
  const folder = join(dir, 'migrations')
  const { mkdirSync } = await import('node:fs')
  mkdirSync(folder)
  writeFileSync(join(folder, '20260302T0900-second.mjs'), `export async function up(db) { await db.schema.alterTable('first').addColumn('b', 'text').execute() }\n`)
  writeFileSync(join(folder, '20260301T0900-first.mjs'), `export async function up(db) { await db.schema.createTable('first').addColumn('a', 'integer').execute() }\nexport async function down(db) { await db.schema.dropTable('first').execute() }\n`)
  writeFileSync(join(folder, 'types.d.ts'), 'export {}\n')
  const { createDatabase } = await import('../src/connect.js')
  const rdb = await createDatabase({ url: 'sqlite::memory:', service: { migrationFolder: folder } })
  try {
    const ran = await rdb.migrateToLatest()
    expect(ran.filter((s) => s.scope === 'service').map((s) => s.name)).toEqual(['20260301T0900-first', '20260302T0900-second'])
  } finally {
    await rdb.destroy()
  }
})

it("refuses a service table that has one of the library's names, before opening anything", async () => {
  const { createDatabase } = await import('../src/connect.js')
  const file = join(dir, 'never.db')
  await expect(createDatabase({ url: `sqlite:${file}`, service: { tables: { people: { id: 'uuid' } } } })).rejects.toThrow(ConnectionError)
  expect(existsSync(file)).toBe(false)
})
