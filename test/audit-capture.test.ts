import pg from 'pg'
import { type Kysely, sql } from 'kysely'
import { beforeAll, expect, it } from 'vitest'
import { withAuditContext } from '../src/audit/with-audit-context.js'
import type { ResidencyDatabase } from '../src/connect.js'
import { ForeignKeyViolationError, UniqueViolationError } from '../src/errors.js'
import { insertAssignments, updateAssignment } from '../src/repositories/assignments.js'
import { createAbsence } from '../src/repositories/absences.js'
import type { Database } from '../src/schema/generated/database.js'
import { POSTGRES_URL, forEachDriver } from './setup.js'
import {
  type AuditFixture,
  auditObjects,
  seedAuditFixture,
  transactionCount,
  versionCount,
  versionsOf,
} from './support/audit-fixtures.js'

// Capture: every change to the audited tables writes a version row in the
// Continuum layout, whoever makes it and however.

const MODS = [
  'blockIdMod', 'personIdMod', 'rotationTemplateIdMod', 'roleMod', 'activityOverrideMod', 'notesMod',
  'overrideReasonMod', 'overrideAcknowledgedAtMod', 'explainJsonMod', 'confidenceMod', 'scoreMod',
  'alternativesJsonMod', 'auditHashMod', 'createdByMod', 'createdAtMod', 'updatedAtMod', 'scheduleRunIdMod',
]

/** The `_mod` flags of a version that are true. */
const modified = (version: Record<string, unknown>) => MODS.filter((m) => version[m] === true).map((m) => m.slice(0, -3))

forEachDriver('audit capture', (ctx) => {
  let rdb: ResidencyDatabase
  let db: Kysely<Database>
  let f: AuditFixture
  let slot = 0
  /** A block and person pair no other test uses (unique_person_per_block). */
  const nextSlot = () => {
    const i = slot++
    return { blockId: f.blocks[i % f.blocks.length]!.id, personId: f.people[Math.floor(i / f.blocks.length)]! }
  }
  const assign = (values: Record<string, unknown> = {}) =>
    db.insertInto('assignments').values({ ...nextSlot(), role: 'primary', ...values }).returningAll().executeTakeFirstOrThrow()

  beforeAll(async () => {
    rdb = await ctx.open()
    await rdb.migrateToLatest()
    db = rdb.db
    f = await seedAuditFixture(db, 6, 8)
  })

  it('records an insert, an update and a delete, each closing the version before it', async () => {
    const a = await assign({ notes: 'first', explainJson: { rule: 'coverage' } })
    await db.updateTable('assignments').set({ notes: 'second', confidence: 0.5 }).where('id', '=', a.id).execute()
    await db.deleteFrom('assignments').where('id', '=', a.id).execute()

    const [insert, update, remove] = await versionsOf(db, 'assignments', a.id)
    expect([insert!.operationType, update!.operationType, remove!.operationType]).toEqual([0, 1, 2])
    expect(insert!.endTransactionId).toBe(update!.transactionId)
    expect(update!.endTransactionId).toBe(remove!.transactionId)
    expect(remove!.endTransactionId).toBeNull()
    // insert: every non-null column; update: exactly what changed; delete: nothing
    expect(modified(insert!)).toEqual(['blockId', 'personId', 'role', 'notes', 'explainJson', 'createdAt', 'updatedAt'])
    expect(modified(update!)).toEqual(['notes', 'confidence'])
    expect(modified(remove!)).toEqual([])
    // the full row after each change; the delete keeps the row as it was
    expect(insert).toMatchObject({ notes: 'first', explainJson: { rule: 'coverage' }, confidence: null, role: 'primary' })
    expect(remove).toMatchObject({ notes: 'second', confidence: 0.5, blockId: a.blockId, createdAt: a.createdAt })
  })

  it('gives all changes of one database transaction one transaction row, also multi-row and raw SQL ones', async () => {
    const rows = [await assign(), await assign(), await assign()]
    const before = await transactionCount(db)
    await db.transaction().execute(async (trx) => {
      await trx.updateTable('assignments').set({ role: 'backup' }).where('id', 'in', rows.map((r) => r.id)).execute()
      await sql`update assignments set notes = ${'raw'} where id = ${rows[0]!.id}`.execute(trx)
      await trx.insertInto('absences').values({ personId: f.people[0]!, startDate: '2025-08-01', endDate: '2025-08-02', absenceType: 'vacation' }).execute()
    })
    expect(await transactionCount(db)).toBe(before + 1)
    const last = rows.map(async (r) => (await versionsOf(db, 'assignments', r.id)).at(-1)!)
    const versions = await Promise.all(last)
    expect(new Set(versions.map((v) => v.transactionId)).size).toBe(1)
    expect(versions.map((v) => modified(v))).toEqual([['role', 'notes'], ['role'], ['role']])
  })

  it('keeps one version per row and transaction, relative to the state before the transaction', async () => {
    const kept = await assign({ notes: 'a' })
    const before = (await versionsOf(db, 'assignments', kept.id)).length
    let created = ''
    let gone = ''
    await db.transaction().execute(async (trx) => {
      // changed and changed back: an update that modified nothing
      await trx.updateTable('assignments').set({ notes: 'b', role: 'backup' }).where('id', '=', kept.id).execute()
      await trx.updateTable('assignments').set({ notes: 'a' }).where('id', '=', kept.id).execute()
      // inserted then updated: still an insert
      created = (await trx.insertInto('assignments').values({ ...nextSlot(), role: 'primary' }).returning('id').executeTakeFirstOrThrow()).id
      await trx.updateTable('assignments').set({ notes: 'later' }).where('id', '=', created).execute()
      // inserted then deleted: a delete, flagged against nothing
      gone = (await trx.insertInto('assignments').values({ ...nextSlot(), role: 'supervising', notes: 'brief' }).returning('id').executeTakeFirstOrThrow()).id
      await trx.deleteFrom('assignments').where('id', '=', gone).execute()
    })
    const keptVersions = await versionsOf(db, 'assignments', kept.id)
    expect(keptVersions).toHaveLength(before + 1)
    expect(keptVersions.at(-1)).toMatchObject({ operationType: 1, notes: 'a', role: 'backup' })
    expect(modified(keptVersions.at(-1)!)).toEqual(['role'])
    const [createdVersion] = await versionsOf(db, 'assignments', created)
    expect(createdVersion).toMatchObject({ operationType: 0, notes: 'later', notesMod: true })
    const [goneVersion] = await versionsOf(db, 'assignments', gone)
    expect(goneVersion).toMatchObject({ operationType: 2, notes: 'brief', notesMod: true, roleMod: true })
  })

  it('records a row inserted again after its delete as an insert that closes the delete', async () => {
    const a = await assign({ notes: 'x' })
    await db.deleteFrom('assignments').where('id', '=', a.id).execute()
    await db.insertInto('assignments').values({ id: a.id, blockId: a.blockId, personId: a.personId, role: 'backup' }).execute()
    const [, remove, again] = await versionsOf(db, 'assignments', a.id)
    expect(remove!.endTransactionId).toBe(again!.transactionId)
    expect(again).toMatchObject({ operationType: 0, role: 'backup', notes: null, notesMod: false, roleMod: true })
  })

  it('records the rows a delete of a person or a block cascades to', async () => {
    const [person] = await db.insertInto('people').values({ name: 'Leaving', type: 'resident', pgyLevel: 1 }).returning('id').execute()
    const ids = []
    for (const block of f.blocks.slice(0, 3)) {
      ids.push((await db.insertInto('assignments').values({ blockId: block.id, personId: person!.id, role: 'primary' }).returning('id').executeTakeFirstOrThrow()).id)
    }
    const absence = await db.insertInto('absences').values({ personId: person!.id, startDate: '2025-09-01', endDate: '2025-09-03', absenceType: 'tdy' }).returning('id').executeTakeFirstOrThrow()
    await db.deleteFrom('people').where('id', '=', person!.id).execute()
    const deletes = [...(await Promise.all(ids.map((id) => versionsOf(db, 'assignments', id)))), await versionsOf(db, 'absences', absence.id)].map((v) => v.at(-1)!)
    expect(deletes.map((v) => v.operationType)).toEqual([2, 2, 2, 2])
    expect(new Set(deletes.map((v) => v.transactionId)).size).toBe(1)

    const [block] = await db.insertInto('blocks').values({ date: '2026-01-05', timeOfDay: 'AM', blockNumber: 7 }).returning('id').execute()
    const a = await db.insertInto('assignments').values({ blockId: block!.id, personId: f.people[0]!, role: 'primary' }).returning('id').executeTakeFirstOrThrow()
    await db.deleteFrom('blocks').where('id', '=', block!.id).execute()
    expect((await versionsOf(db, 'assignments', a.id)).at(-1)).toMatchObject({ operationType: 2, blockId: block!.id })
  })

  it("records a change of a row's key as the old key's delete and the new key's insert", async () => {
    const a = await assign({ notes: 'rekeyed' })
    const newId = '00000000-0000-4000-8000-00000000beef'
    await db.updateTable('assignments').set({ id: newId }).where('id', '=', a.id).execute()
    const [, removed] = await versionsOf(db, 'assignments', a.id)
    const [added] = await versionsOf(db, 'assignments', newId)
    expect(removed).toMatchObject({ operationType: 2, notes: 'rekeyed', endTransactionId: null })
    expect(added).toMatchObject({ operationType: 0, notes: 'rekeyed', notesMod: true, transactionId: removed!.transactionId })
  })

  it('records an upsert as an insert or an update', async () => {
    const slotValues = nextSlot()
    const upsert = (notes: string) =>
      db
        .insertInto('assignments')
        .values({ ...slotValues, role: 'primary', notes })
        .onConflict((oc) => oc.columns(['blockId', 'personId']).doUpdateSet({ notes }))
        .returning('id')
        .executeTakeFirstOrThrow()
    const { id } = await upsert('first')
    await upsert('second')
    const versions = await versionsOf(db, 'assignments', id)
    expect(versions.map((v) => [v.operationType, v.notes, modified(v).includes('notes')])).toEqual([
      [0, 'first', true],
      [1, 'second', true],
    ])
  })

  it.runIf(ctx.driver === 'better-sqlite3')('sqlite only (INSERT OR REPLACE): records the row a REPLACE deletes', async () => {
    const old = await assign({ notes: 'replaced' })
    const { id } = await db
      .insertInto('assignments')
      .orReplace()
      .values({ blockId: old.blockId, personId: old.personId, role: 'backup' })
      .returning('id')
      .executeTakeFirstOrThrow()
    expect((await versionsOf(db, 'assignments', old.id)).at(-1)).toMatchObject({ operationType: 2, notes: 'replaced' })
    expect(await versionsOf(db, 'assignments', id)).toMatchObject([{ operationType: 0, role: 'backup' }])
  })

  it.runIf(ctx.driver !== 'better-sqlite3')('postgres only (SQLite has no TRUNCATE): records the rows TRUNCATE removes', async () => {
    const absence = await db.insertInto('absences').values({ personId: f.people[2]!, startDate: '2025-11-01', endDate: '2025-11-02', absenceType: 'sick' }).returning('id').executeTakeFirstOrThrow()
    // cascade: conflict_alerts refers to absences (and is empty here)
    await sql`truncate table absences cascade`.execute(db)
    expect((await versionsOf(db, 'absences', absence.id)).at(-1)).toMatchObject({ operationType: 2, absenceType: 'sick' })
  })

  it('records writes made through the repository functions', async () => {
    const { ids } = await insertAssignments(db, { assignments: [{ ...nextSlot(), role: 'primary' }, { ...nextSlot(), role: 'backup' }] })
    const row = await db.selectFrom('assignments').selectAll().where('id', '=', ids[0]!).executeTakeFirstOrThrow()
    await updateAssignment(db, { id: row.id, updatedAt: row.updatedAt, changes: { notes: 'via repository' } })
    const absence = await createAbsence(db, { personId: f.people[1]!, startDate: '2025-10-01', endDate: '2025-10-02', absenceType: 'conference' })
    const versions = await versionsOf(db, 'assignments', ids[0]!)
    expect(versions.map((v) => v.operationType)).toEqual([0, 1])
    expect(modified(versions[1]!)).toEqual(['notes', 'updatedAt'])
    expect(await versionsOf(db, 'assignments', ids[1]!)).toHaveLength(1)
    expect(await versionsOf(db, 'absences', absence.id)).toMatchObject([{ operationType: 0, absenceType: 'conference' }])
  })

  it('stamps the transaction with the audit context, and with null without one', async () => {
    const a = await assign()
    await withAuditContext(db, { userId: 'coordinator@example.org', remoteAddr: '10.1.2.3' }, (trx) =>
      trx.updateTable('assignments').set({ notes: 'with context' }).where('id', '=', a.id).execute(),
    )
    await db.updateTable('assignments').set({ notes: 'without' }).where('id', '=', a.id).execute()
    const [insert, withContext, without] = await versionsOf(db, 'assignments', a.id)
    const transactions = await db
      .selectFrom('transaction')
      .selectAll()
      .where('id', 'in', [insert!.transactionId, withContext!.transactionId, without!.transactionId])
      .orderBy('id')
      .execute()
    expect(transactions.map((t) => [t.userId, t.remoteAddr])).toEqual([
      [null, null],
      ['coordinator@example.org', '10.1.2.3'],
      [null, null],
    ])
    expect(transactions.every((t) => t.issuedAt instanceof Date)).toBe(true)
  })

  it('stamps the whole open transaction when the context comes after its first change', async () => {
    const a = await assign()
    await db.transaction().execute(async (trx) => {
      await trx.updateTable('assignments').set({ notes: 'before the context' }).where('id', '=', a.id).execute()
      await withAuditContext(trx, { userId: 'late@example.org' }, (inner) =>
        inner.updateTable('assignments').set({ role: 'backup' }).where('id', '=', a.id).execute(),
      )
    })
    const last = (await versionsOf(db, 'assignments', a.id)).at(-1)!
    const t = await db.selectFrom('transaction').selectAll().where('id', '=', last.transactionId).executeTakeFirstOrThrow()
    expect([t.userId, t.remoteAddr]).toEqual(['late@example.org', null])
  })

  it('never shares or swaps the context of concurrent transactions', async () => {
    const rows = [await assign(), await assign()]
    // each transaction writes, then waits for the other to write before it ends
    let release!: () => void
    const bothWrote = new Promise<void>((resolve) => (release = resolve))
    let wrote = 0
    const write = (user: string, id: string) =>
      withAuditContext(db, { userId: user, remoteAddr: `${user}-host` }, async (trx) => {
        await trx.updateTable('assignments').set({ notes: user }).where('id', '=', id).execute()
        if (++wrote === 2) release()
        // SQLite and PGlite run one transaction at a time: nothing to wait for
        if (rdb.driver === 'pg') await bothWrote
      })
    await Promise.all([write('alice', rows[0]!.id), write('bob', rows[1]!.id)])
    for (const [user, row] of [['alice', rows[0]!], ['bob', rows[1]!]] as const) {
      const version = (await versionsOf(db, 'assignments', row.id)).at(-1)!
      const t = await db.selectFrom('transaction').selectAll().where('id', '=', version.transactionId).executeTakeFirstOrThrow()
      expect([version.notes, t.userId, t.remoteAddr]).toEqual([user, user, `${user}-host`])
    }
  })

  it('leaves no version and no transaction row for a failed transaction or statement', async () => {
    const a = await assign()
    const transactions = await transactionCount(db)
    const versions = await versionCount(db)
    await expect(
      db.transaction().execute(async (trx) => {
        await trx.updateTable('assignments').set({ notes: 'rolled back' }).where('id', '=', a.id).execute()
        throw new Error('abort')
      }),
    ).rejects.toThrow('abort')
    // a multi-row insert whose second row breaks a foreign key: the first row's version goes too
    await expect(
      db.insertInto('assignments').values([{ ...nextSlot(), role: 'primary' }, { blockId: f.blocks[0]!.id, personId: '00000000-0000-4000-8000-000000000000', role: 'primary' }]).execute(),
    ).rejects.toThrow(ForeignKeyViolationError)
    expect(await transactionCount(db)).toBe(transactions)
    expect(await versionCount(db)).toBe(versions)
  })

  it('goes on recording in a transaction after a failed statement and a rolled-back savepoint', async () => {
    const a = await assign()
    const b = await assign()
    const trx = await db.startTransaction().execute()
    try {
      // each undone write is the transaction's first recorded change: its transaction row goes with it
      const failing = await trx.savepoint('failing').execute()
      await expect(failing.insertInto('assignments').values({ blockId: a.blockId, personId: a.personId, role: 'primary' }).execute()).rejects.toThrow(UniqueViolationError)
      await failing.rollbackToSavepoint('failing').execute()
      const undone = await trx.savepoint('undone').execute()
      await undone.updateTable('assignments').set({ notes: 'undone' }).where('id', '=', a.id).execute()
      await undone.rollbackToSavepoint('undone').execute()
      await trx.updateTable('assignments').set({ notes: 'kept' }).where('id', '=', b.id).execute()
      await trx.commit().execute()
    } catch (error) {
      await trx.rollback().execute()
      throw error
    }
    expect((await versionsOf(db, 'assignments', a.id)).map((v) => v.operationType)).toEqual([0])
    const last = (await versionsOf(db, 'assignments', b.id)).at(-1)!
    expect(last).toMatchObject({ operationType: 1, notes: 'kept' })
    expect(await db.selectFrom('transaction').select('id').where('id', '=', last.transactionId).executeTakeFirst()).toBeDefined()
  })

  it('does not record a statement that changed no row', async () => {
    const transactions = await transactionCount(db)
    await db.updateTable('assignments').set({ notes: 'nobody' }).where('id', '=', '00000000-0000-4000-8000-000000000000').execute()
    expect(await transactionCount(db)).toBe(transactions)
  })

  it.runIf(ctx.driver === 'pg')('pg only (needs a second server connection): records plain SQL from another program', async () => {
    const a = await assign({ notes: 'before' })
    // rdb.url has any password masked: the test database's URL is rebuilt from POSTGRES_URL
    const target = new URL(POSTGRES_URL!)
    target.pathname = new URL(rdb.url).pathname
    const other = new pg.Client({ connectionString: target.toString() })
    await other.connect()
    try {
      await other.query('UPDATE assignments SET notes = $1 WHERE id = $2', ['from another program', a.id])
    } finally {
      await other.end()
    }
    const last = (await versionsOf(db, 'assignments', a.id)).at(-1)!
    expect(last).toMatchObject({ operationType: 1, notes: 'from another program', notesMod: true, roleMod: false })
    const t = await db.selectFrom('transaction').selectAll().where('id', '=', last.transactionId).executeTakeFirstOrThrow()
    expect(t.userId).toBeNull()
  })

  it('installs its triggers with the audit-triggers migration and removes exactly them going down', async () => {
    const installed = await auditObjects(rdb)
    // insert, update, delete and a fourth per table (SQLite: key change; PostgreSQL: truncate), and PostgreSQL's functions
    expect(installed.filter((name) => name.startsWith('audit_'))).toHaveLength(16)
    // the migrations after it come down first, and change no audit object
    const lastApplied = async () => (await rdb.migrationStatus()).filter((m) => m.executedAt !== null).at(-1)?.name
    while ((await lastApplied()) !== '20260101T1200-audit-triggers') {
      await rdb.migrateDown()
      expect(await auditObjects(rdb)).toEqual(installed)
    }
    await rdb.migrateDown()
    expect(await auditObjects(rdb)).toEqual([])

    // a row written while the triggers are gone gets a first version when they come back
    const transactions = await transactionCount(db)
    const untracked = await assign({ notes: 'before the triggers' })
    expect(await versionsOf(db, 'assignments', untracked.id)).toEqual([])
    await rdb.migrateUp()
    expect(await auditObjects(rdb)).toEqual(installed)
    expect(await versionsOf(db, 'assignments', untracked.id)).toMatchObject([{ operationType: 0, notes: 'before the triggers', notesMod: true }])
    expect(await transactionCount(db)).toBe(transactions + 1)
    await rdb.migrateToLatest()
  })
})
