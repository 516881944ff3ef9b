import fc from 'fast-check'
import type { Kysely } from 'kysely'
import { beforeAll, expect, it } from 'vitest'
import { withAuditContext } from '../src/audit/with-audit-context.js'
import { createAssignment, deleteAssignment } from '../src/repositories/assignments.js'
import { getCertificationsNeedingReminder, getExpiringCertifications } from '../src/repositories/certifications.js'
import { createPerson } from '../src/repositories/people.js'
import { createScheduleRun } from '../src/repositories/schedule-runs.js'
import type { Database } from '../src/schema/generated/database.js'
import { forEachDriver } from './setup.js'

// The codec's rule, on every driver: a value is stored and read back identically
// (-0 as 0 and vector elements as float32, the two documented normalisations), or
// refused before the database, through `db` with a CodecError and through the
// repository functions with a ValidationError, the same on every driver. The
// expected outcome of each value comes from the rules below, written here
// independently of the codec, so every driver is held to the same answer.

// --- the rules, independently of src/ ---------------------------------------

const isWellFormed = (s: string): boolean => (s as unknown as { isWellFormed(): boolean }).isWellFormed()
/** Text every driver keeps: no NUL, no lone surrogate. */
const storableText = (s: string) => !s.includes('\u0000') && isWellFormed(s)

const MIN_MS = Date.parse('0001-01-01T00:00:00.000Z')
const MAX_MS = Date.parse('9999-12-31T23:59:59.999Z')
const inDateRange = (ms: number) => ms >= MIN_MS && ms <= MAX_MS

/** JSON every driver keeps, or undefined: depth at most 1000, storable text, finite numbers. */
function storableJson(value: unknown, depth = 0): boolean {
  if (value === null || typeof value === 'boolean') return true
  if (typeof value === 'number') return Number.isFinite(value)
  if (typeof value === 'string') return storableText(value)
  if (depth >= 1000) return false
  if (Array.isArray(value)) return value.every((v) => storableJson(v, depth + 1))
  return Object.keys(value as object).every((k) => storableText(k) && storableJson((value as Record<string, unknown>)[k], depth + 1))
}

/**
 * A JSON value in a form `toEqual` compares exactly: objects as sorted
 * [key, value] lists (jsonb reorders keys; an own `__proto__` key is a key like
 * any other), -0 as 0 (JSON has no -0).
 */
function canonical(value: unknown): unknown {
  if (typeof value === 'number') return value === 0 ? 0 : value
  if (value === null || typeof value !== 'object') return value
  if (Array.isArray(value)) return value.map(canonical)
  return Object.keys(value)
    .sort()
    .map((k) => [k, canonical((value as Record<string, unknown>)[k])])
}

// --- the values --------------------------------------------------------------

const EDGE_TEXT = ['', 'a', '\u0000', 'a\u0000b', '\uD800', '\uDFFF', 'x\uDC00', '\uD83D\uDE00', '\uDE00\uD83D', 'é', "'; drop table people; --", '\uFFFD']
const text = fc.oneof(
  fc.constantFrom(...EDGE_TEXT),
  fc.string({ unit: 'binary', maxLength: 12 }),
  fc.array(fc.constantFrom(...EDGE_TEXT), { maxLength: 4 }).map((parts) => parts.join('')),
)

const FLOAT32_MAX = 3.4028234663852886e38
const EDGE_NUMBERS = [
  0, -0, NaN, Infinity, -Infinity, Number.MAX_VALUE, -Number.MAX_VALUE, Number.MIN_VALUE, -Number.MIN_VALUE,
  Number.MAX_SAFE_INTEGER, 1e21, 0.1, 0.123456789, FLOAT32_MAX, -FLOAT32_MAX, 3.4028235677973366e38, 1e39, -1e39, 1e-50, 1e-40,
]
const number = fc.oneof(fc.constantFrom(...EDGE_NUMBERS), fc.double())

const key = fc.oneof(fc.constantFrom('__proto__', 'constructor', '', 'a', '\u0000', '\uD800', 'é\uD83D\uDE00'), fc.string({ unit: 'binary', maxLength: 4 }))
const leaf = fc.oneof(fc.constant(null), fc.boolean(), number, text)
const { json: shallowJson } = fc.letrec<{ json: unknown }>((tie) => ({
  json: fc.oneof(
    { depthSize: 'small' },
    leaf,
    fc.array(tie('json'), { maxLength: 4 }),
    // Object.fromEntries defines own properties: '__proto__' stays a key
    fc.array(fc.tuple(key, tie('json')), { maxLength: 4 }).map((entries) => Object.fromEntries(entries)),
  ),
}))
/** Arrays and objects nested around the depth limit (1000) and far beyond it. */
const deepJson = fc.tuple(fc.constantFrom(999, 1000, 1001, 5000), fc.boolean()).map(([depth, objects]) => {
  let value: unknown = 1
  for (let i = 0; i < depth; i++) value = objects ? { k: value } : [value]
  return value
})
const json = fc.oneof({ weight: 4, arbitrary: shallowJson }, { weight: 1, arbitrary: deepJson })

const dateString = fc.oneof(
  fc.constantFrom('0000-01-01', '0000-12-31', '0001-01-01', '0099-12-31', '2028-02-29', '9999-12-31'),
  fc
    .date({ min: new Date('0000-01-01T00:00:00Z'), max: new Date('9999-12-31T00:00:00Z'), noInvalidDate: true })
    .map((d) => d.toISOString().slice(0, 10)),
)
const EDGE_TIMES = [MIN_MS - 1, MIN_MS, MAX_MS, MAX_MS + 1, 8.64e15, -8.64e15, 0, NaN]
const timestamp = fc.oneof(
  fc.constantFrom(...EDGE_TIMES).map((ms) => new Date(ms)),
  fc.date({ min: new Date(-8.64e15), max: new Date(8.64e15) }),
)

const RUNS = { numRuns: 40 }

type Outcome = { value: unknown } | { error: string }

/** What a call did: the value it returned, or the class of its error. */
async function outcome(fn: () => Promise<unknown>): Promise<Outcome> {
  try {
    return { value: await fn() }
  } catch (error) {
    return { error: (error as Error).constructor.name }
  }
}

forEachDriver('codec properties', (ctx) => {
  let db: Kysely<Database>
  let personId: string
  let blockId: string

  beforeAll(async () => {
    const rdb = await ctx.open()
    await rdb.migrateToLatest()
    db = rdb.db
    personId = (await createPerson(db, { name: 'Pat Property', type: 'faculty' })).id
    const block = { date: '2028-02-29', timeOfDay: 'AM', blockNumber: 9 } as const
    blockId = (await db.insertInto('blocks').values(block).returning('id').executeTakeFirstOrThrow()).id
  })

  const run = (fields: Record<string, unknown>) => ({ startDate: '2028-01-01', endDate: '2028-01-01', algorithm: 'cp-sat', status: 'done', ...fields })

  it('text and text[]: kept, or refused when it holds a NUL or a lone surrogate', () =>
    fc.assert(
      fc.asyncProperty(text, async (s) => {
        const name = `n${s}`
        const refused = !storableText(s)
        const viaDb = await outcome(() =>
          db.insertInto('people').values({ name, type: 'faculty', specialties: [s, 'x'] }).returning(['name', 'specialties']).executeTakeFirstOrThrow(),
        )
        expect(viaDb).toEqual(refused ? { error: 'CodecError' } : { value: { name, specialties: [s, 'x'] } })
        const viaRepo = await outcome(async () => {
          const p = await createPerson(db, { name, type: 'faculty', specialties: [s] })
          return [p.name, p.specialties]
        })
        expect(viaRepo).toEqual(refused ? { error: 'ValidationError' } : { value: [name, [s]] })
      }),
      RUNS,
    ))

  it("an audit context's userId: recorded as given, or refused", () =>
    fc.assert(
      fc.asyncProperty(text, async (s) => {
        const userId = `u${s}`
        const result = await outcome(() =>
          withAuditContext(db, { userId }, async (trx) => {
            await createScheduleRun(trx, run({}))
            return (await trx.selectFrom('transaction').select('userId').orderBy('id', 'desc').limit(1).executeTakeFirstOrThrow()).userId
          }),
        )
        expect(result).toEqual(storableText(s) ? { value: userId } : { error: 'ValidationError' })
      }),
      { numRuns: 15 },
    ))

  it('json: kept (any keys, __proto__ included, up to 1000 levels), or refused', () =>
    fc.assert(
      fc.asyncProperty(json, async (value) => {
        const refused = !storableJson(value)
        const viaDb = await outcome(async () => {
          const row = await db.insertInto('scheduleRuns').values(run({ configJson: value as never })).returning('configJson').executeTakeFirstOrThrow()
          return canonical(row.configJson)
        })
        expect(viaDb).toEqual(refused ? { error: 'CodecError' } : { value: canonical(value) })
        const viaRepo = await outcome(async () => canonical((await createScheduleRun(db, run({ configJson: value as never }))).configJson))
        expect(viaRepo).toEqual(refused ? { error: 'ValidationError' } : { value: canonical(value) })
      }),
      RUNS,
    ))

  it('json: an own __proto__ key is kept, and 5000 levels are refused without overflowing the stack, by db and by createScheduleRun', async () => {
    const withProto = JSON.parse('{"__proto__": {"polluted": true}, "a": [{"__proto__": null}]}') as Record<string, unknown>
    const viaDb = await db.insertInto('scheduleRuns').values(run({ configJson: withProto as never })).returning('configJson').executeTakeFirstOrThrow()
    const viaRepo = await createScheduleRun(db, run({ configJson: withProto as never }))
    for (const stored of [viaDb.configJson, viaRepo.configJson] as Record<string, unknown>[]) {
      expect(Object.keys(stored).sort()).toEqual(['__proto__', 'a'])
      expect(Object.getOwnPropertyDescriptor(stored, '__proto__')?.value).toEqual({ polluted: true })
      expect(({} as Record<string, unknown>).polluted).toBeUndefined()
    }
    let deep: unknown = []
    for (let i = 1; i < 5000; i++) deep = [deep]
    await expect(db.insertInto('scheduleRuns').values(run({ configJson: deep as never })).execute()).rejects.toMatchObject({ name: 'CodecError' })
    await expect(createScheduleRun(db, run({ configJson: deep as never }))).rejects.toMatchObject({
      name: 'ValidationError',
      message: expect.stringMatching(/configJson: Invalid JSON: nested deeper than 1000 levels/),
    })
  })

  it('float: every finite double kept (-0 as 0), NaN and ±Infinity refused', () =>
    fc.assert(
      fc.asyncProperty(number, async (n) => {
        const expected = Number.isFinite(n) ? { value: n === 0 ? 0 : n } : undefined
        const viaDb = await outcome(async () => {
          const row = await db.insertInto('assignments').values({ blockId, personId, role: 'primary', score: n }).returning(['id', 'score']).executeTakeFirstOrThrow()
          await db.deleteFrom('assignments').where('id', '=', row.id).execute()
          return row.score
        })
        expect(viaDb).toEqual(expected ?? { error: 'CodecError' })
        const viaRepo = await outcome(async () => {
          const row = await createAssignment(db, { blockId, personId, role: 'primary', confidence: n })
          await deleteAssignment(db, { id: row.id })
          return row.confidence
        })
        expect(viaRepo).toEqual(expected ?? { error: 'ValidationError' })
      }),
      RUNS,
    ))

  it('vector: elements rounded to float32 on every driver, beyond float32 refused', () =>
    fc.assert(
      fc.asyncProperty(fc.array(number, { minLength: 1, maxLength: 4 }), async (elements) => {
        const embedding = [...elements, ...new Array<number>(384 - elements.length).fill(0)]
        const refused = embedding.some((v) => !Number.isFinite(Math.fround(v)))
        const viaDb = await outcome(async () => {
          const agentName = `agent-${Math.random()}`
          const row = await db.insertInto('agentEmbeddings').values({ agentName, embedding, specHash: 'h' }).returning('embedding').executeTakeFirstOrThrow()
          return row.embedding
        })
        expect(viaDb).toEqual(refused ? { error: 'CodecError' } : { value: embedding.map((v) => Math.fround(v) || 0) })
      }),
      RUNS,
    ))

  it('date: years 1 to 9999 kept, beyond refused (strings, and Dates at UTC midnight through db)', () =>
    fc.assert(
      fc.asyncProperty(dateString, fc.boolean(), async (date, asDate) => {
        const refused = date < '0001-01-01'
        const value = asDate && !refused ? new Date(`${date}T00:00:00Z`) : date
        const viaDb = await outcome(async () => {
          const row = await db.insertInto('scheduleRuns').values(run({ startDate: value, endDate: value })).returning(['startDate', 'endDate']).executeTakeFirstOrThrow()
          return [row.startDate, row.endDate]
        })
        expect(viaDb).toEqual(refused ? { error: 'CodecError' } : { value: [date, date] })
        const viaRepo = await outcome(async () => {
          const row = await createScheduleRun(db, run({ startDate: date, endDate: date }))
          return [row.startDate, row.endDate]
        })
        expect(viaRepo).toEqual(refused ? { error: 'ValidationError' } : { value: [date, date] })
      }),
      RUNS,
    ))

  it('timestamp: 0001-01-01T00:00:00Z to 9999-12-31T23:59:59.999Z kept to the millisecond, beyond refused', () =>
    fc.assert(
      fc.asyncProperty(timestamp, async (at) => {
        const refused = !inDateRange(at.getTime())
        const expected = refused ? undefined : { value: new Date(at.getTime()) }
        const viaDb = await outcome(async () => {
          const row = await db.insertInto('scheduleRuns').values(run({ createdAt: at })).returning('createdAt').executeTakeFirstOrThrow()
          return row.createdAt
        })
        expect(viaDb).toEqual(expected ?? { error: 'CodecError' })
        const viaString = await outcome(async () => {
          if (refused) throw new TypeError('no ISO form') // toISOString itself throws beyond ±8.64e15 and for NaN
          const row = await db.insertInto('scheduleRuns').values(run({ createdAt: at.toISOString() })).returning('createdAt').executeTakeFirstOrThrow()
          return row.createdAt
        })
        if (!refused) expect(viaString).toEqual(expected)
        const viaRepo = await outcome(async () => (await createScheduleRun(db, run({ createdAt: at }))).createdAt)
        expect(viaRepo).toEqual(expected ?? { error: 'ValidationError' })
      }),
      RUNS,
    ))

  it('timestamps given as ISO text with a zone: refused when the UTC time leaves years 1-9999', async () => {
    for (const [text, kept] of [
      ['0001-01-01T00:30:00+01:00', false],
      ['0001-01-01T00:30:00-01:00', true],
      ['9999-12-31T23:30:00-01:00', false],
      ['9999-12-31T23:30:00+01:00', true],
    ] as const) {
      const result = await outcome(async () => (await db.insertInto('scheduleRuns').values(run({ createdAt: text })).returning('createdAt').executeTakeFirstOrThrow()).createdAt)
      expect(result, text).toEqual(kept ? { value: new Date(text) } : { error: 'CodecError' })
    }
  })

  it('certification windows that reach past 9999-12-31 find what expires there', async () => {
    const typeId = (await db.insertInto('certificationTypes').values({ name: 'Forever', reminderDays180: true }).returning('id').executeTakeFirstOrThrow()).id
    await db
      .insertInto('personCertifications')
      .values({ personId, certificationTypeId: typeId, issuedDate: '2020-01-01', expirationDate: '9999-12-31' })
      .execute()
    const expiring = await getExpiringCertifications(db, { withinDays: 180, asOf: '9999-12-01', certificationTypeId: typeId })
    expect(expiring.map((e) => [e.certification.expirationDate, e.daysUntilExpiration])).toEqual([['9999-12-31', 30]])
    const reminders = await getCertificationsNeedingReminder(db, { asOf: '9999-12-30', personId })
    expect(reminders.map((r) => [r.certification.expirationDate, r.reminders])).toEqual([['9999-12-31', [180, 90, 30, 14, 7]]])
    expect(await getExpiringCertifications(db, { withinDays: 0, asOf: '9999-12-31', certificationTypeId: typeId })).toHaveLength(1)
    await expect(getExpiringCertifications(db, { withinDays: 1, asOf: '0000-12-31' })).rejects.toMatchObject({ name: 'ValidationError' })
  })
})
