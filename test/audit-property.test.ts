import { isDeepStrictEqual } from 'node:util'
import fc from 'fast-check'
import { type Kysely, sql } from 'kysely'
import { v7 as uuidv7 } from 'uuid'
import { beforeAll, expect, it } from 'vitest'
import { getAsOf } from '../src/audit/get-as-of.js'
import type { Assignment } from '../src/repositories/row-types.js'
import type { Database } from '../src/schema/generated/database.js'
import { forEachDriver } from './setup.js'
import { type AuditFixture, seedAuditFixture } from './support/audit-fixtures.js'

// Random inserts, updates and deletes of assignments, in random transaction
// groupings (some rolled back, some autocommit), against a model of the table:
// the history must replay to the live table, give back every committed state,
// and flag exactly the columns that changed.

const SLOTS = 6
const PEOPLE = 2
const RUNS = 50

/** The columns the operations change (the others stay as inserted). */
type Values = Partial<Pick<Assignment, 'role' | 'notes' | 'confidence' | 'explainJson'>> & { template?: number | null }

type Op =
  | { kind: 'insert'; slot: number; values: Values }
  | { kind: 'update'; slot: number; values: Values }
  | { kind: 'raw-update'; slot: number; notes: string | null }
  | { kind: 'update-person'; person: number; notes: string | null }
  | { kind: 'delete'; slot: number }
  | { kind: 'delete-person'; person: number }

interface Group {
  ops: Op[]
  /** Each op its own autocommit statement (else one transaction for all). */
  autocommit: boolean
  /** Throw at the end of the transaction: nothing of it may be recorded. */
  fail: boolean
}

const values = fc
  .record(
    {
      role: fc.constantFrom('primary', 'supervising', 'backup'),
      notes: fc.option(fc.constantFrom('clinic', 'ward', 'call'), { nil: null }),
      confidence: fc.option(fc.constantFrom(0.25, 0.5, 1), { nil: null }),
      explainJson: fc.option(fc.constantFrom<Assignment['explainJson']>({ rule: 'coverage' }, { rule: 'equity', weights: [1, 2] }), { nil: null }),
      template: fc.option(fc.constantFrom(0, 1), { nil: null }),
    },
    { requiredKeys: [] },
  )
  .filter((v) => Object.keys(v).length > 0)
const slot = fc.nat(SLOTS - 1)
const person = fc.nat(PEOPLE - 1)
const notes = fc.option(fc.constantFrom('clinic', 'ward', 'moved'), { nil: null })
const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('insert' as const), slot, values }),
  fc.record({ kind: fc.constant('insert' as const), slot, values }),
  fc.record({ kind: fc.constant('update' as const), slot, values }),
  fc.record({ kind: fc.constant('update' as const), slot, values }),
  fc.record({ kind: fc.constant('raw-update' as const), slot, notes }),
  fc.record({ kind: fc.constant('update-person' as const), person, notes }),
  fc.record({ kind: fc.constant('delete' as const), slot }),
  fc.record({ kind: fc.constant('delete-person' as const), person }),
)
const group: fc.Arbitrary<Group> = fc.record({
  ops: fc.array(op, { minLength: 1, maxLength: 5 }),
  autocommit: fc.nat(3).map((n) => n === 0),
  fail: fc.nat(6).map((n) => n === 0),
})

type Table = Map<string, Assignment>

/** What one committed database transaction did, as the model saw it. */
interface Committed {
  tx: number
  before: Table
  after: Table
  /** Rows some statement changed (also to the same values); for deleted ones, their last values. */
  touched: Map<string, Assignment>
}

const TRACKED = [
  'blockId', 'personId', 'rotationTemplateId', 'role', 'activityOverride', 'notes', 'overrideReason',
  'overrideAcknowledgedAt', 'explainJson', 'confidence', 'score', 'alternativesJson', 'auditHash', 'createdBy',
  'createdAt', 'updatedAt', 'scheduleRunId',
] as const

/** The `_mod` flags the version of a row in a transaction must carry: against the row before it, or non-null. */
function expectedFlags(values: Assignment, before: Assignment | undefined): string[] {
  return TRACKED.filter((c) => (before === undefined ? values[c] !== null : !isDeepStrictEqual(values[c], before[c])))
}

/** The assignment a version row holds. */
const rowOf = (version: object) =>
  Object.fromEntries(['id', ...TRACKED].map((c) => [c, (version as Record<string, unknown>)[c]])) as unknown as Assignment

const sorted = (rows: Iterable<Assignment>) => [...rows].sort((a, b) => (a.id < b.id ? -1 : 1))

forEachDriver('audit history (property)', (ctx) => {
  let db: Kysely<Database>
  let f: AuditFixture
  const ids = Array.from({ length: SLOTS }, () => uuidv7())
  const slotOf = (i: number) => ({ id: ids[i]!, personId: f.people[i % PEOPLE]!, blockId: f.blocks[Math.floor(i / PEOPLE)]!.id })

  beforeAll(async () => {
    const rdb = await ctx.open()
    await rdb.migrateToLatest()
    db = rdb.db
    f = await seedAuditFixture(db, PEOPLE, 3)
  })

  const maxTransaction = async () =>
    Number((await db.selectFrom('transaction').select((eb) => eb.fn.max('id').as('id')).executeTakeFirstOrThrow()).id ?? 0)

  async function reset(): Promise<void> {
    await db.deleteFrom('assignments').execute()
    await db.deleteFrom('assignmentsVersion').execute()
    await db.deleteFrom('transaction').execute()
  }

  /** Runs one op on `trx` and on the model `table`, noting the rows it changed in `touched`. */
  async function apply(trx: Kysely<Database>, table: Table, touched: Map<string, Assignment>, o: Op): Promise<void> {
    const change = (row: Assignment, v: Values): Assignment => {
      const { template, ...rest } = v
      return { ...row, ...rest, ...(template !== undefined ? { rotationTemplateId: template === null ? null : f.templates[template]! } : {}) }
    }
    const set = (v: Values) => {
      const { template, ...rest } = v
      return { ...rest, ...(template !== undefined ? { rotationTemplateId: template === null ? null : f.templates[template]! } : {}) }
    }
    const updated = (row: Assignment) => {
      table.set(row.id, row)
      touched.set(row.id, row)
    }
    const deleted = (id: string) => {
      touched.set(id, table.get(id)!)
      table.delete(id)
    }
    switch (o.kind) {
      case 'insert': {
        const { id } = slotOf(o.slot)
        if (table.has(id)) return // the model only makes valid changes
        updated(await trx.insertInto('assignments').values({ ...slotOf(o.slot), role: 'primary', ...set(o.values) }).returningAll().executeTakeFirstOrThrow())
        return
      }
      case 'update': {
        const { id } = slotOf(o.slot)
        await trx.updateTable('assignments').set(set(o.values)).where('id', '=', id).execute()
        if (table.has(id)) updated(change(table.get(id)!, o.values))
        return
      }
      case 'raw-update': {
        const { id } = slotOf(o.slot)
        await sql`update assignments set notes = ${o.notes} where id = ${id}`.execute(trx)
        if (table.has(id)) updated({ ...table.get(id)!, notes: o.notes })
        return
      }
      case 'update-person': {
        await trx.updateTable('assignments').set({ notes: o.notes }).where('personId', '=', f.people[o.person]!).execute()
        for (const row of [...table.values()]) if (row.personId === f.people[o.person]) updated({ ...row, notes: o.notes })
        return
      }
      case 'delete': {
        const { id } = slotOf(o.slot)
        await trx.deleteFrom('assignments').where('id', '=', id).execute()
        if (table.has(id)) deleted(id)
        return
      }
      case 'delete-person': {
        await trx.deleteFrom('assignments').where('personId', '=', f.people[o.person]!).execute()
        for (const row of [...table.values()]) if (row.personId === f.people[o.person]) deleted(row.id)
        return
      }
    }
  }

  /** Runs the groups; returns the model's final table and every committed transaction. */
  async function run(groups: Group[]): Promise<{ table: Table; committed: Committed[] }> {
    let table: Table = new Map()
    const committed: Committed[] = []
    const units = groups.flatMap((g) => (g.autocommit && !g.fail ? g.ops.map((o) => ({ ops: [o], fail: false })) : [g]))
    for (const unit of units) {
      const before = new Map(table)
      const working = new Map(table)
      const touched = new Map<string, Assignment>()
      const last = await maxTransaction()
      const versions = Number((await db.selectFrom('assignmentsVersion').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n)
      const body = async (trx: Kysely<Database>) => {
        for (const o of unit.ops) await apply(trx, working, touched, o)
        if (unit.fail) throw new Error('rolled back on purpose')
      }
      if (unit.ops.length === 1 && !unit.fail) await body(db)
      else await db.transaction().execute(body).catch((e: Error) => expect(e.message).toBe('rolled back on purpose'))
      const now = await maxTransaction()
      if (unit.fail || touched.size === 0) {
        // a failed transaction, or one that changed no row, leaves nothing
        expect(now).toBe(last)
        expect(Number((await db.selectFrom('assignmentsVersion').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n)).toBe(versions)
        continue
      }
      expect(now).toBeGreaterThan(last)
      table = working
      committed.push({ tx: now, before, after: new Map(table), touched })
    }
    return { table, committed }
  }

  async function check(table: Table, committed: Committed[]): Promise<void> {
    const live = await db.selectFrom('assignments').selectAll().execute()
    expect(sorted(live)).toEqual(sorted(table.values()))

    const versions = await db.selectFrom('assignmentsVersion').selectAll().orderBy('transactionId').orderBy('id').execute()
    // one version per touched row per committed transaction, and nothing else
    expect(versions.length).toBe(committed.reduce((n, c) => n + c.touched.size, 0))

    // replaying the versions in transaction order rebuilds the live table
    const replayed = new Map<string, Assignment>()
    for (const v of versions) {
      if (v.operationType === 2) replayed.delete(v.id)
      else replayed.set(v.id, rowOf(v))
    }
    expect(sorted(replayed.values())).toEqual(sorted(live))

    for (const [i, c] of committed.entries()) {
      // every row as of every committed transaction is the state the model kept
      for (let s = 0; s < SLOTS; s++) {
        expect(await getAsOf(db, { table: 'assignments', id: ids[s]!, at: c.tx }), `slot ${s} at ${c.tx}`).toEqual(c.after.get(ids[s]!) ?? null)
      }
      // each version: its operation, values, flags and end as the model says
      for (const [id, last] of c.touched) {
        const v = versions.find((x) => x.id === id && x.transactionId === c.tx)!
        const before = c.before.get(id)
        const values = c.after.get(id) ?? last
        expect(v.operationType, `operation of ${id} in ${c.tx}`).toBe(!c.after.has(id) ? 2 : before ? 1 : 0)
        expect(rowOf(v)).toEqual(values)
        const flags = TRACKED.filter((k) => v[`${k}Mod` as keyof typeof v] === true)
        expect(flags, `flags of ${id} in ${c.tx}`).toEqual(expectedFlags(values, before))
        const next = committed.slice(i + 1).find((later) => later.touched.has(id))
        expect(v.endTransactionId, `end of ${id} in ${c.tx}`).toBe(next?.tx ?? null)
      }
    }
  }

  it(`replays to the live table, gives back every committed state and flags exactly the changed columns (${RUNS} runs)`, async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(group, { minLength: 1, maxLength: 10 }), async (groups) => {
        await reset()
        const { table, committed } = await run(groups)
        await check(table, committed)
      }),
      { numRuns: RUNS },
    )
  }, 120_000)
})
