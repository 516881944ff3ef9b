import type { Kysely } from 'kysely'
import { beforeAll, describe, expect, it } from 'vitest'
import { getAsOf } from '../src/audit/get-as-of.js'
import { getChanges } from '../src/audit/get-changes.js'
import { getHistory } from '../src/audit/get-history.js'
import { getScheduleAsOf } from '../src/audit/get-schedule-as-of.js'
import { revertTo } from '../src/audit/revert-to.js'
import { withAuditContext } from '../src/audit/with-audit-context.js'
import { NotFoundError, ValidationError } from '../src/errors.js'
import { getPersonSchedule, type ScheduleItem } from '../src/repositories/schedule.js'
import type { Assignment } from '../src/repositories/row-types.js'
import type { Database } from '../src/schema/generated/database.js'
import { forEachDriver } from './setup.js'
import { type AuditFixture, momentBetween, seedAuditFixture } from './support/audit-fixtures.js'

// The history queries, over a short scripted history: a coordinator builds a
// week, changes it, someone deletes and re-adds a half-day.

const FROM = '2025-07-01'
const TO = '2025-07-04'

/** One committed step of the script: its transaction and what the schedule was right after it. */
interface Step {
  tx: number
  after: Date
  schedule: ScheduleItem[]
  everyone: number
}

forEachDriver('audit queries', (ctx) => {
  let db: Kysely<Database>
  let f: AuditFixture
  let person: string
  let start: Date
  const steps: Step[] = []
  let first: Assignment
  let second: Assignment

  /** The transaction the last version of `id` was written in. */
  const lastTx = async (id: string) =>
    Number((await db.selectFrom('assignmentsVersion').select((eb) => eb.fn.max('transactionId').as('tx')).where('id', '=', id).executeTakeFirstOrThrow()).tx)

  const record = async (id: string) => {
    const after = await momentBetween()
    const schedule = await getPersonSchedule(db, { personId: person, from: FROM, to: TO })
    const everyone = (await db.selectFrom('assignments').select('id').execute()).length
    steps.push({ tx: await lastTx(id), after, schedule, everyone })
  }

  beforeAll(async () => {
    const rdb = await ctx.open()
    await rdb.migrateToLatest()
    db = rdb.db
    f = await seedAuditFixture(db, 2, 4)
    person = f.people[0]!
    start = await momentBetween()

    // 1: a coordinator assigns two half-days
    ;[first, second] = await withAuditContext(db, { userId: 'coordinator', remoteAddr: '10.0.0.1' }, (trx) =>
      trx
        .insertInto('assignments')
        .values([
          { blockId: f.blocks[0]!.id, personId: person, role: 'primary', rotationTemplateId: f.templates[0]! },
          { blockId: f.blocks[3]!.id, personId: person, role: 'primary', notes: 'clinic' },
        ])
        .returningAll()
        .execute(),
    ) as [Assignment, Assignment]
    await record(first.id)
    // 2: the chief changes the first one
    await withAuditContext(db, { userId: 'chief', remoteAddr: '10.0.0.2' }, (trx) =>
      trx.updateTable('assignments').set({ role: 'backup', rotationTemplateId: f.templates[1]!, notes: 'moved' }).where('id', '=', first.id).execute(),
    )
    await record(first.id)
    // 3: somebody without a context deletes the second one, and assigns the other resident
    await db.transaction().execute(async (trx) => {
      await trx.deleteFrom('assignments').where('id', '=', second.id).execute()
      await trx.insertInto('assignments').values({ blockId: f.blocks[1]!.id, personId: f.people[1]!, role: 'supervising' }).execute()
    })
    await record(second.id)
    // 4: the coordinator puts it back, with the same id
    await withAuditContext(db, { userId: 'coordinator' }, (trx) =>
      trx.insertInto('assignments').values({ id: second.id, blockId: second.blockId, personId: person, role: 'backup' }).execute(),
    )
    await record(second.id)
  })

  describe('getHistory', () => {
    it('lists every version of a row in order, with its transaction, operation and changed columns', async () => {
      const history = await getHistory(db, { table: 'assignments', id: first.id })
      expect(history.map((v) => [v.operation, v.transaction.userId, v.transaction.remoteAddr])).toEqual([
        ['insert', 'coordinator', '10.0.0.1'],
        ['update', 'chief', '10.0.0.2'],
      ])
      expect(history.map((v) => v.transaction.id)).toEqual([steps[0]!.tx, steps[1]!.tx])
      expect(history[0]!.endTransactionId).toBe(steps[1]!.tx)
      expect(history[1]!.endTransactionId).toBeNull()
      expect(history[0]!.transaction.issuedAt!.getTime()).toBeGreaterThan(start.getTime())
      expect(history[0]!.transaction.issuedAt!.getTime()).toBeLessThan(steps[0]!.after.getTime())
      expect(history[1]!.changes).toEqual([
        { column: 'rotationTemplateId', oldValue: f.templates[0], newValue: f.templates[1] },
        { column: 'role', oldValue: 'primary', newValue: 'backup' },
        { column: 'notes', oldValue: null, newValue: 'moved' },
      ])
      expect(history[1]!.row).toEqual(await db.selectFrom('assignments').selectAll().where('id', '=', first.id).executeTakeFirstOrThrow())
    })

    it('shows an insert against nothing, a delete with the row as it was, and a re-insert', async () => {
      const history = await getHistory(db, { table: 'assignments', id: second.id })
      expect(history.map((v) => v.operation)).toEqual(['insert', 'delete', 'insert'])
      expect(history[0]!.changes.map((c) => [c.column, c.oldValue])).toEqual([
        ['blockId', null],
        ['personId', null],
        ['role', null],
        ['notes', null],
        ['createdAt', null],
        ['updatedAt', null],
      ])
      expect(history[1]!).toMatchObject({ changes: [], row: { notes: 'clinic', role: 'primary' }, transaction: { userId: null } })
      expect(history[2]!.changes.find((c) => c.column === 'role')).toEqual({ column: 'role', oldValue: null, newValue: 'backup' })
    })

    it('is empty for a row without history', async () => {
      expect(await getHistory(db, { table: 'absences', id: first.id })).toEqual([])
    })
  })

  describe('getAsOf', () => {
    it('gives the row as it was right after each transaction and at each time', async () => {
      const states = [{ role: 'primary', notes: 'clinic' }, { role: 'primary', notes: 'clinic' }, null, { role: 'backup', notes: null }]
      for (const [i, step] of steps.entries()) {
        for (const at of [step.tx, step.after]) {
          const row = await getAsOf(db, { table: 'assignments', id: second.id, at })
          if (states[i] === null) expect(row).toBeNull()
          else expect(row).toMatchObject({ id: second.id, ...states[i] })
        }
      }
    })

    it('is null before the row existed and before any transaction', async () => {
      expect(await getAsOf(db, { table: 'assignments', id: first.id, at: start })).toBeNull()
      expect(await getAsOf(db, { table: 'assignments', id: first.id, at: new Date('2000-01-01T00:00:00Z') })).toBeNull()
      expect(await getAsOf(db, { table: 'swapRecords', id: first.id, at: steps[3]!.tx })).toBeNull()
    })

    it('returns the row exactly as the table holds it', async () => {
      const now = await db.selectFrom('assignments').selectAll().where('id', '=', first.id).executeTakeFirstOrThrow()
      expect(await getAsOf(db, { table: 'assignments', id: first.id, at: steps[3]!.after })).toEqual(now)
    })
  })

  describe('getScheduleAsOf', () => {
    it("equals the person's getPersonSchedule at every moment, by time and by transaction", async () => {
      for (const step of steps) {
        expect(await getScheduleAsOf(db, { personId: person, from: FROM, to: TO, at: step.after })).toEqual(step.schedule)
        expect(await getScheduleAsOf(db, { personId: person, from: FROM, to: TO, at: step.tx })).toEqual(step.schedule)
      }
      expect(steps.map((s) => s.schedule.length)).toEqual([2, 2, 1, 2])
    })

    it("gives everyone's assignments without a person, and nothing before the first transaction", async () => {
      const all = await getScheduleAsOf(db, { from: FROM, to: TO, at: steps[2]!.tx })
      expect(all.map((i) => i.assignment.personId).sort()).toEqual([person, f.people[1]!].sort())
      expect(all).toHaveLength(steps[2]!.everyone)
      expect(all.map((i) => i.block.date)).toEqual([...all.map((i) => i.block.date)].sort())
      expect(await getScheduleAsOf(db, { from: FROM, to: TO, at: start })).toEqual([])
    })
  })

  describe('getChanges', () => {
    it('lists every version across tables, newest first, paginated with a total', async () => {
      const page1 = await getChanges(db, { pageSize: 3 })
      expect(page1).toMatchObject({ total: 6, page: 1, pageSize: 3, pages: 2 })
      const page2 = await getChanges(db, { pageSize: 3, page: 2 })
      const all = [...page1.items, ...page2.items]
      const txs = all.map((v) => v.transaction.id)
      expect(txs).toEqual([...txs].sort((a, b) => b - a))
      expect(all.map((v) => v.operation)).toEqual(['insert', 'delete', 'insert', 'update', 'insert', 'insert'])
      expect(all[3]).toEqual((await getHistory(db, { table: 'assignments', id: first.id }))[1])
      expect((await getChanges(db, { pageSize: 3, page: 3 })).items).toEqual([])
    })

    it('filters by user, table and time', async () => {
      const coordinator = await getChanges(db, { userId: 'coordinator' })
      expect(coordinator.items.map((v) => v.transaction.id)).toEqual([steps[3]!.tx, steps[0]!.tx, steps[0]!.tx])
      expect((await getChanges(db, { table: 'absences' })).total).toBe(0)
      const window = await getChanges(db, { from: steps[0]!.after, to: steps[2]!.after })
      expect(window.items.map((v) => v.transaction.userId)).toEqual([null, null, 'chief'])
    })
  })

  describe('revertTo', () => {
    it('restores a past version as a new, recorded change', async () => {
      const restored = await withAuditContext(db, { userId: 'auditor' }, (trx) =>
        revertTo(trx, { table: 'assignments', id: first.id, transactionId: steps[0]!.tx }),
      )
      expect(restored).toEqual({ ...(await getAsOf(db, { table: 'assignments', id: first.id, at: steps[0]!.tx }))! })
      const last = (await getHistory(db, { table: 'assignments', id: first.id })).at(-1)!
      expect(last.operation).toBe('update')
      expect(last.transaction.userId).toBe('auditor')
      expect(last.changes.map((c) => [c.column, c.oldValue, c.newValue])).toEqual([
        ['rotationTemplateId', f.templates[1], f.templates[0]],
        ['role', 'backup', 'primary'],
        ['notes', 'moved', null],
      ])
    })

    it('deletes a row that did not exist then, and inserts again a row deleted since', async () => {
      expect(await revertTo(db, { table: 'assignments', id: second.id, transactionId: steps[2]!.tx })).toBeNull()
      expect(await db.selectFrom('assignments').select('id').where('id', '=', second.id).executeTakeFirst()).toBeUndefined()
      const back = await revertTo(db, { table: 'assignments', id: second.id, transactionId: steps[0]!.tx })
      expect(back).toMatchObject({ id: second.id, role: 'primary', notes: 'clinic', createdAt: second.createdAt })
      expect((await getHistory(db, { table: 'assignments', id: second.id })).map((v) => v.operation).slice(-2)).toEqual(['delete', 'insert'])
    })

    it('refuses a row without history and a transaction that does not exist', async () => {
      await expect(revertTo(db, { table: 'absences', id: first.id, transactionId: steps[0]!.tx })).rejects.toThrow(NotFoundError)
      await expect(revertTo(db, { table: 'assignments', id: first.id, transactionId: 1e9 })).rejects.toThrow(NotFoundError)
    })
  })

  it('validates every parameter before touching the database', async () => {
    const issues = async (promise: Promise<unknown>) => {
      const error = await promise.then(
        () => undefined,
        (e: unknown) => e,
      )
      expect(error).toBeInstanceOf(ValidationError)
      return (error as ValidationError).issues.map((i) => i.path.join('.'))
    }
    expect(await issues(getHistory(db, { table: 'people' as never, id: 'x' }))).toEqual(['table', 'id'])
    expect(await issues(getAsOf(db, { table: 'assignments', id: first.id, at: -1 }))).toEqual(['at'])
    expect(await issues(getScheduleAsOf(db, { from: TO, to: FROM, at: 1 }))).toEqual(['to'])
    expect(await issues(getChanges(db, { pageSize: 101, page: 0 }))).toEqual(['page', 'pageSize'])
    expect(await issues(revertTo(db, { table: 'assignments', id: first.id, transactionId: 1.5 }))).toEqual(['transactionId'])
    expect(await issues(withAuditContext(db, { remoteAddr: 'x'.repeat(51) }, async () => 0))).toEqual(['remoteAddr'])
  })
})
