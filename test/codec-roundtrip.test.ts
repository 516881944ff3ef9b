import { randomUUID } from 'node:crypto'
import { type Generated, type Kysely, sql } from 'kysely'
import { beforeAll, describe, expect, it } from 'vitest'
import type { ResidencyDatabase } from '../src/connect.js'
import type { DriverName } from '../src/dialect/dialect.js'
import type { DialectMigration } from '../migrations/migration-dialect.js'
import { ddlTypes } from '../migrations/support/v1/ddl-types.js'
import { CodecError } from '../src/errors.js'
import type { ColumnTypeMap, InsertDefaultMap, JsonValue } from '../src/schema/logical-types.js'
import { forEachDriver } from './setup.js'

// The whole codec path, once per driver: every logical type written by insert
// (single and multi-row), update, upsert and where parameters, and read back by
// returning, selectAll, aliases, joins and raw SQL, as the same TypeScript value.
// Every Date here is built from UTC text, so the suite means the same in any TZ
// (CI also runs it with TZ=Pacific/Honolulu).

// --- the test schema: one column per logical type -------------------------

const COLUMN_TYPES: ColumnTypeMap = {
  codec_samples: {
    id: 'uuid',
    tag: 'varchar',
    uuid_value: 'uuid',
    varchar_value: 'varchar',
    text_value: 'text',
    integer_value: 'integer',
    smallint_value: 'smallint',
    bigint_value: 'bigint',
    float_value: 'float',
    numeric_value: 'numeric',
    boolean_value: 'boolean',
    date_value: 'date',
    time_value: 'time',
    timestamp_value: 'timestamp',
    timestamptz_value: 'timestamptz',
    json_value: 'json',
    string_array_value: 'string_array',
    vector_value: 'vector',
    reminder_180_sent: 'timestamptz',
    status: 'varchar',
    created_at: 'timestamp',
  },
  codec_links: { id: 'uuid', sample_id: 'uuid', on_date: 'date', flag: 'boolean', note: 'text' },
}

const INSERT_DEFAULTS: InsertDefaultMap = {
  codec_samples: { id: 'uuid', status: { literal: 'new' }, created_at: 'now' },
  codec_links: { id: 'uuid' },
}

const createCodecTables: DialectMigration = {
  async up(db, dialect) {
    const d = ddlTypes(dialect)
    let table = db.schema
      .createTable('codec_samples')
      .addColumn('id', d.type({ type: 'uuid' }), (c) => c.primaryKey().notNull())
      .addColumn('tag', d.type({ type: 'varchar', length: 40 }))
    for (const [name, logical] of Object.entries(COLUMN_TYPES.codec_samples!)) {
      if (['id', 'tag', 'status', 'created_at'].includes(name)) continue
      table = table.addColumn(name, d.type({ type: logical, length: 100, precision: 10, scale: 2, dimensions: 3 }))
    }
    await table
      .addColumn('status', d.type({ type: 'varchar', length: 20 }), (c) => c.notNull().defaultTo(d.literal('varchar', 'new')))
      .addColumn('created_at', d.type({ type: 'timestamp' }), (c) => c.notNull().defaultTo(d.now('timestamp')))
      .execute()
    await db.schema
      .createTable('codec_links')
      .addColumn('id', d.type({ type: 'uuid' }), (c) => c.primaryKey().notNull())
      .addColumn('sample_id', d.type({ type: 'uuid' }), (c) => c.notNull().references('codec_samples.id'))
      .addColumn('on_date', d.type({ type: 'date' }))
      .addColumn('flag', d.type({ type: 'boolean' }))
      .addColumn('note', d.type({ type: 'text' }))
      .execute()
  },
  async down(db: Kysely<any>) {
    await db.schema.dropTable('codec_links').execute()
    await db.schema.dropTable('codec_samples').execute()
  },
}

interface CodecSamplesTable {
  id: Generated<string>
  tag: string | null
  uuidValue: string | null
  varcharValue: string | null
  textValue: string | null
  integerValue: number | null
  smallintValue: number | null
  bigintValue: number | bigint | null
  floatValue: number | null
  numericValue: number | null
  booleanValue: boolean | null
  dateValue: string | null
  timeValue: string | null
  timestampValue: Date | null
  timestamptzValue: Date | null
  jsonValue: JsonValue | null
  stringArrayValue: string[] | null
  vectorValue: number[] | null
  reminder180Sent: Date | null
  status: Generated<string>
  createdAt: Generated<Date>
}

interface CodecLinksTable {
  id: Generated<string>
  sampleId: string
  onDate: string | null
  flag: boolean | null
  note: string | null
}

interface CodecDatabase {
  codecSamples: CodecSamplesTable
  codecLinks: CodecLinksTable
}

type Sample = Omit<CodecSamplesTable, 'id' | 'status' | 'createdAt'>
type SampleColumn = Exclude<keyof Sample, 'tag' | 'reminder180Sent'>

// --- values ----------------------------------------------------------------

const UUID_A = 'c0ffee00-1234-4abc-8def-0123456789ab'
const UUID_B = '0badcafe-0000-4000-8000-00000000beef'

/** A row with every logical type set to a value that probes its edge. */
const FULL: Omit<Sample, 'tag' | 'reminder180Sent'> = {
  uuidValue: UUID_A,
  varcharValue: 'Zoë, "quoted" \\ back',
  textValue: 'line 1\nline 2 🩺',
  integerValue: -2_147_483_648,
  smallintValue: 32_767,
  bigintValue: Number.MAX_SAFE_INTEGER,
  floatValue: 0.1,
  numericValue: 12345.67,
  booleanValue: true,
  dateValue: '2025-01-15',
  timeValue: '23:30:15',
  timestampValue: new Date('2025-01-15T23:30:00.123Z'),
  timestamptzValue: new Date('2025-01-15T23:30:00.456Z'),
  jsonValue: { nested: { list: [1, 'two', null, true] }, n: 1.5 },
  stringArrayValue: ['a,b', 'c"d', 'e\\f', '', 'NULL', 'plain', ' spaced ', '{braces}'],
  vectorValue: [0.5, -1.25, 3],
}

/** Per logical type: two distinct values, a < b where the type is ordered. */
const PAIRS: ReadonlyArray<[SampleColumn, unknown, unknown]> = [
  ['uuidValue', UUID_B, UUID_A],
  ['varcharValue', 'alpha', 'beta'],
  ['textValue', 'a\tb', 'c\nd'],
  ['integerValue', -2, 1],
  ['smallintValue', -4, 3],
  ['bigintValue', -Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER],
  ['floatValue', 2.5e-10, 0.1],
  ['numericValue', -99_999_999.99, 1.23],
  ['booleanValue', false, true],
  ['dateValue', '1999-12-31', '2025-01-15'],
  ['timeValue', '00:00:00', '23:59:59'],
  ['timestampValue', new Date('1999-12-31T23:30:00.000Z'), new Date('2025-01-15T23:30:00.999Z')],
  ['timestamptzValue', new Date('1969-07-20T20:17:40.000Z'), new Date('2025-01-15T23:30:00.000Z')],
  ['jsonValue', { a: 1 }, ['x', 2]],
  ['stringArrayValue', ['a'], []],
  ['vectorValue', [1.5], [0.25, -0.5]],
]
const ORDERED = PAIRS.filter(([c]) => /^(integer|smallint|bigint|float|numeric|date|time|timestamp|timestamptz)Value$/.test(c))
/** Types whose value is an array or JSON: Kysely reads a bare array as a value list, so they go through eb.val. */
const NEEDS_VAL = new Set<SampleColumn>(['jsonValue', 'stringArrayValue', 'vectorValue'])

const JSON_VALUES: ReadonlyArray<[string, JsonValue]> = [
  ['an object', { b: 2, a: { deep: [1, { deeper: 'x' }] } }],
  ['a top-level array', [1, 'two', { three: 3 }, [4]]],
  ['a top-level string', 'hello'],
  ['a string that looks like JSON', '{"a":1}'],
  ['a string of digits', '12345'],
  ['a number', 42.5],
  ['zero', 0],
  ['a boolean', false],
  ['an empty object', {}],
  ['an empty array', []],
  ['unicode and escapes', { 'clé': 'Zoë 🩺 "q" \\ \n' }],
]

/** Values the column types cannot hold: each must fail with a CodecError before any SQL runs. */
const REJECTED: ReadonlyArray<[string, Partial<Record<SampleColumn, unknown>>]> = [
  ['an invalid uuid', { uuidValue: 'not-a-uuid' }],
  ['a Date with a time part for a date', { dateValue: new Date('2025-01-15T10:00:00Z') }],
  ['an impossible date 2025-02-30', { dateValue: '2025-02-30' }],
  ['NaN for a float', { floatValue: NaN }],
  ['Infinity for a numeric', { numericValue: Infinity }],
  ['a fraction for an integer', { integerValue: 1.5 }],
  ['40000 for a smallint', { smallintValue: 40_000 }],
  ['an unsafe number for a bigint', { bigintValue: 2 ** 53 }],
  ['1 for a boolean', { booleanValue: 1 }],
  ['a timestamp string without a zone', { timestampValue: '2025-01-15T10:00:00' }],
  ['an invalid Date', { timestamptzValue: new Date('nope') }],
  ['24:00 for a time', { timeValue: '24:00:00' }],
  ['a number inside a string_array', { stringArrayValue: ['a', 1] }],
  ['NaN inside a vector', { vectorValue: [1, NaN] }],
  ['a bigint inside json', { jsonValue: { n: 1n } }],
]

// --- per-driver facts -------------------------------------------------------

/** numeric(10,2): PostgreSQL rounds to the scale; SQLite's numeric keeps the double. */
const NUMERIC_1_005: Record<DriverName, number> = { 'better-sqlite3': 1.005, pglite: 1.01, pg: 1.01 }
/** What another program reading the table sees: timestamps stored as UTC wall-clock time. */
const STORED_TIMESTAMP: Record<DriverName, string> = {
  'better-sqlite3': '2025-01-15T23:30:00.123Z',
  pglite: '2025-01-15 23:30:00.123',
  pg: '2025-01-15 23:30:00.123',
}

// --- the suite ----------------------------------------------------------------

forEachDriver('codec round trip', (ctx) => {
  let rdb: ResidencyDatabase
  let db: Kysely<CodecDatabase>
  /** The same instance, for tests parameterised by column name. */
  let loose: Kysely<any>
  let counter = 0
  const newTag = () => `${ctx.driver}-${++counter}`

  beforeAll(async () => {
    rdb = await ctx.open({
      extraColumnTypes: COLUMN_TYPES,
      extraInsertDefaults: INSERT_DEFAULTS,
      migrations: { '0001-codec-tables': createCodecTables },
    })
    await rdb.migrateToLatest()
    db = rdb.db as unknown as Kysely<CodecDatabase>
    loose = db as Kysely<any>
  })

  const countRows = async () =>
    Number((await db.selectFrom('codecSamples').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n)

  describe('insert and read back', () => {
    it('returns every type from a single insert ... returningAll', async () => {
      const tag = newTag()
      const row = await db.insertInto('codecSamples').values({ ...FULL, tag }).returningAll().executeTakeFirstOrThrow()
      expect(row).toEqual({ ...FULL, tag, reminder180Sent: null, id: expect.any(String), status: 'new', createdAt: expect.any(Date) })
    })

    it('reads every type back with selectAll', async () => {
      const tag = newTag()
      await db.insertInto('codecSamples').values({ ...FULL, tag }).execute()
      const rows = await db.selectFrom('codecSamples').selectAll().where('tag', '=', tag).execute()
      expect(rows).toEqual([{ ...FULL, tag, reminder180Sent: null, id: expect.any(String), status: 'new', createdAt: expect.any(Date) }])
    })

    it('generates a lower-case uuid id and fills the now and literal defaults', async () => {
      const before = Date.now()
      const row = await db.insertInto('codecSamples').values({ tag: newTag() }).returning(['id', 'status', 'createdAt']).executeTakeFirstOrThrow()
      expect(row.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
      expect(row.status).toBe('new')
      expect(row.createdAt.getTime()).toBeGreaterThanOrEqual(before - 1000)
      expect(row.createdAt.getTime()).toBeLessThanOrEqual(Date.now() + 1000)
    })

    it('returns null for every type left empty', async () => {
      const tag = newTag()
      const row = await db.insertInto('codecSamples').values({ tag }).returningAll().executeTakeFirstOrThrow()
      const empty = Object.fromEntries(Object.keys(FULL).map((k) => [k, null]))
      expect(row).toEqual({ ...empty, tag, reminder180Sent: null, id: expect.any(String), status: 'new', createdAt: expect.any(Date) })
    })

    it('writes and reads each value of a multi-row insert with differing columns', async () => {
      const tag = newTag()
      const rows = await db
        .insertInto('codecSamples')
        .values([
          { ...FULL, tag, status: 'full' },
          { tag, booleanValue: false, dateValue: '2024-02-29', jsonValue: ['top', 'level'] },
          { tag, timestamptzValue: new Date('2025-03-09T10:00:00Z'), stringArrayValue: [], vectorValue: [] },
        ])
        .returningAll()
        .execute()
      const nulls = Object.fromEntries(Object.keys(FULL).map((k) => [k, null]))
      const base = { tag, reminder180Sent: null, id: expect.any(String), createdAt: expect.any(Date) }
      expect(rows).toEqual([
        { ...FULL, ...base, status: 'full' },
        { ...nulls, ...base, status: 'new', booleanValue: false, dateValue: '2024-02-29', jsonValue: ['top', 'level'] },
        { ...nulls, ...base, status: 'new', timestamptzValue: new Date('2025-03-09T10:00:00Z'), stringArrayValue: [], vectorValue: [] },
      ])
      const stored = await db.selectFrom('codecSamples').select(['status', 'booleanValue']).where('tag', '=', tag).orderBy('status').execute()
      expect(stored).toEqual([
        { status: 'full', booleanValue: true },
        { status: 'new', booleanValue: false },
        { status: 'new', booleanValue: null },
      ])
    })

    it('stores and returns an upper-case uuid in lower case, and finds it by either case', async () => {
      const upper = UUID_B.toUpperCase()
      const row = await db.insertInto('codecSamples').values({ id: upper, uuidValue: UUID_A.toUpperCase() }).returning(['id', 'uuidValue']).executeTakeFirstOrThrow()
      expect(row).toEqual({ id: UUID_B, uuidValue: UUID_A })
      expect(await db.selectFrom('codecSamples').select('id').where('id', '=', upper).execute()).toEqual([{ id: UUID_B }])
      expect(await db.selectFrom('codecSamples').select('id').where('id', 'in', [upper, UUID_B]).execute()).toEqual([{ id: UUID_B }])
    })

    it('decodes a row another program inserted with the database defaults', async () => {
      const tag = newTag()
      const before = Date.now()
      await sql`insert into codec_samples (id, tag) values (${UUID_A.toUpperCase()}, ${tag})`.execute(db)
      const row = await db.selectFrom('codecSamples').select(['id', 'status', 'createdAt']).where('tag', '=', tag).executeTakeFirstOrThrow()
      expect(row.id).toBe(UUID_A)
      expect(row.status).toBe('new')
      expect(row.createdAt).toBeInstanceOf(Date)
      // the database default is UTC: a zone slip would be off by hours
      expect(Math.abs(row.createdAt.getTime() - before)).toBeLessThan(60_000)
      await sql`delete from codec_samples where tag = ${tag}`.execute(db)
    })

    it('reads every row of another program in lower case, the same uuid in either case one row after another, call after call', async () => {
      const tag = newTag()
      // ordered by integer_value: A upper, A lower, A upper, B upper, null, B upper
      const cells = [UUID_A.toUpperCase(), UUID_A, UUID_A.toUpperCase(), UUID_B.toUpperCase(), null, UUID_B.toUpperCase()]
      for (const [i, uuid] of cells.entries()) {
        await sql`insert into codec_samples (id, tag, integer_value, uuid_value) values (${randomUUID().toUpperCase()}, ${tag}, ${i}, ${uuid})`.execute(db)
      }
      const read = () => db.selectFrom('codecSamples').select(['id', 'uuidValue']).where('tag', '=', tag).orderBy('integerValue').execute()
      for (let call = 0; call < 2; call++) {
        const rows = await read()
        expect(rows.map((r) => r.uuidValue)).toEqual([UUID_A, UUID_A, UUID_A, UUID_B, null, UUID_B])
        for (const r of rows) expect(r.id).toBe(r.id.toLowerCase())
      }
      await sql`delete from codec_samples where tag = ${tag}`.execute(db)
    })

    it('keeps bigint values beyond the safe range exact, as bigint', async () => {
      const tag = newTag()
      const values = [9_007_199_254_740_993n, -9_223_372_036_854_775_808n, 9_223_372_036_854_775_807n]
      await db.insertInto('codecSamples').values(values.map((bigintValue) => ({ tag, bigintValue }))).execute()
      const rows = await db.selectFrom('codecSamples').select('bigintValue').where('tag', '=', tag).orderBy('bigintValue').execute()
      expect(rows.map((r) => r.bigintValue)).toEqual([values[1], values[0], values[2]])
    })

    it('maps a column name with digits (reminder_180_sent) both ways', async () => {
      const at = new Date('2025-01-15T23:30:00Z')
      const row = await db.insertInto('codecSamples').values({ tag: newTag(), reminder180Sent: at }).returning('reminder180Sent').executeTakeFirstOrThrow()
      expect(row).toEqual({ reminder180Sent: at })
      const raw = await sql<{ n: number }>`select count(*) as n from codec_samples where reminder_180_sent is not null`.execute(db)
      expect(Number(raw.rows[0]!.n)).toBeGreaterThanOrEqual(1)
    })

    it('returns decoded values from inside a transaction', async () => {
      const tag = newTag()
      const row = await db.transaction().execute((tx) =>
        tx.insertInto('codecSamples').values({ ...FULL, tag }).returningAll().executeTakeFirstOrThrow(),
      )
      expect(row).toMatchObject({ ...FULL, tag })
    })

    it('returns decoded values from delete ... returning', async () => {
      const tag = newTag()
      await db.insertInto('codecSamples').values({ ...FULL, tag }).execute()
      const rows = await db.deleteFrom('codecSamples').where('tag', '=', tag).returning(['booleanValue', 'jsonValue', 'timestampValue']).execute()
      expect(rows).toEqual([{ booleanValue: true, jsonValue: FULL.jsonValue, timestampValue: FULL.timestampValue }])
    })
  })

  describe('json', () => {
    it.each(JSON_VALUES)('round-trips %s', async (_, value) => {
      const row = await db.insertInto('codecSamples').values({ tag: newTag(), jsonValue: value }).returning('id').executeTakeFirstOrThrow()
      const back = await db.selectFrom('codecSamples').select('jsonValue').where('id', '=', row.id).executeTakeFirstOrThrow()
      expect(back.jsonValue).toEqual(value)
    })
  })

  describe('time zones', () => {
    it.each([
      ['timestampValue', '2025-01-15T23:30:00.123Z'],
      ['timestamptzValue', '2025-01-15T23:30:00.123Z'],
      ['timestampValue', '2025-03-09T12:30:00.000Z'],
      ['timestamptzValue', '2024-12-31T23:59:59.999Z'],
    ] as const)('%s %s comes back as the same instant', async (column, iso) => {
      const row = await loose.insertInto('codecSamples').values({ tag: newTag(), [column]: new Date(iso) }).returning('id').executeTakeFirstOrThrow()
      const back = await loose.selectFrom('codecSamples').select(column).where('id', '=', row.id).executeTakeFirstOrThrow()
      expect(back[column]).toBeInstanceOf(Date)
      expect((back[column] as Date).toISOString()).toBe(iso)
    })

    it('stores a timestamp as its UTC wall-clock time, whatever the client zone', async () => {
      const row = await db.insertInto('codecSamples').values({ tag: newTag(), timestampValue: new Date('2025-01-15T23:30:00.123Z') }).returning('id').executeTakeFirstOrThrow()
      const { rows } = await sql<{ t: string }>`select cast(timestamp_value as text) as t from codec_samples where id = ${row.id}`.execute(db)
      expect(rows).toEqual([{ t: STORED_TIMESTAMP[ctx.driver] }])
    })

    it('normalises an ISO string with an offset to the same instant', async () => {
      const row = await loose.insertInto('codecSamples').values({ tag: newTag(), timestamptzValue: '2025-01-16T09:30:00+10:00' }).returning('timestamptzValue').executeTakeFirstOrThrow()
      expect(row.timestamptzValue).toEqual(new Date('2025-01-15T23:30:00Z'))
    })

    it.each(['2025-01-01', '2024-12-31', '2025-03-09', '2025-11-02', '2024-02-29', '1900-01-01'])('never shifts the date %s', async (date) => {
      const tag = newTag()
      await db.insertInto('codecSamples').values({ tag, dateValue: date }).execute()
      const back = await db.selectFrom('codecSamples').select('dateValue').where('tag', '=', tag).executeTakeFirstOrThrow()
      expect(back.dateValue).toBe(date)
      const { rows } = await sql<{ d: string }>`select cast(date_value as text) as d from codec_samples where tag = ${tag}`.execute(db)
      expect(rows).toEqual([{ d: date }])
    })

    it('stores a Date at UTC midnight given for a date as that UTC day', async () => {
      const row = await loose.insertInto('codecSamples').values({ tag: newTag(), dateValue: new Date('2025-01-01T00:00:00Z') }).returning('dateValue').executeTakeFirstOrThrow()
      expect(row.dateValue).toBe('2025-01-01')
    })
  })

  describe('per-driver facts', () => {
    it('rounds numeric to its scale on PostgreSQL only', async () => {
      const row = await db.insertInto('codecSamples').values({ tag: newTag(), numericValue: 1.005 }).returning('numericValue').executeTakeFirstOrThrow()
      expect(row.numericValue).toBe(NUMERIC_1_005[ctx.driver])
    })

    it('rounds vector elements to float32 on every driver (pgvector and real[] hold float4; SQLite is made to agree)', async () => {
      const row = await db.insertInto('codecSamples').values({ tag: newTag(), vectorValue: [0.1, 1 / 3] }).returning('vectorValue').executeTakeFirstOrThrow()
      expect(row.vectorValue).toEqual([Math.fround(0.1), Math.fround(1 / 3)])
      expect(row.vectorValue).toEqual([0.10000000149011612, 0.3333333432674408])
    })
  })

  describe('update ... set', () => {
    it.each(PAIRS)('sets %s from %o to %o', async (column, a, b) => {
      const tag = newTag()
      await loose.insertInto('codecSamples').values({ tag, [column]: a }).execute()
      const updated = await loose.updateTable('codecSamples').set({ [column]: b }).where('tag', '=', tag).returning(column).execute()
      expect(updated).toEqual([{ [column]: b }])
      const back = await loose.selectFrom('codecSamples').select(column).where('tag', '=', tag).execute()
      expect(back).toEqual([{ [column]: b }])
    })

    it('sets every type at once', async () => {
      const tag = newTag()
      await db.insertInto('codecSamples').values({ tag }).execute()
      await db.updateTable('codecSamples').set(FULL).where('tag', '=', tag).execute()
      expect(await db.selectFrom('codecSamples').selectAll().where('tag', '=', tag).executeTakeFirstOrThrow()).toMatchObject(FULL)
    })

    it('encodes the values of an upsert (on conflict do update)', async () => {
      const tag = newTag()
      const { id } = await db.insertInto('codecSamples').values({ tag }).returning('id').executeTakeFirstOrThrow()
      const row = await db
        .insertInto('codecSamples')
        .values({ id: id.toUpperCase(), tag })
        .onConflict((oc) => oc.column('id').doUpdateSet({ booleanValue: true, dateValue: '2025-01-15', jsonValue: ['up'], stringArrayValue: ['x,y'] }))
        .returning(['id', 'booleanValue', 'dateValue', 'jsonValue', 'stringArrayValue'])
        .executeTakeFirstOrThrow()
      expect(row).toEqual({ id, booleanValue: true, dateValue: '2025-01-15', jsonValue: ['up'], stringArrayValue: ['x,y'] })
    })
  })

  describe('where parameters', () => {
    const seed = async (column: SampleColumn, a: unknown, b: unknown) => {
      const tag = newTag()
      await loose.insertInto('codecSamples').values([{ tag, [column]: a }, { tag, [column]: b }]).execute()
      return tag
    }

    it.each(PAIRS)('%s = %o finds exactly that row', async (column, a, b) => {
      const tag = await seed(column, a, b)
      const rows = await loose
        .selectFrom('codecSamples')
        .select(column)
        .where('tag', '=', tag)
        .where((eb) => eb(column, '=', NEEDS_VAL.has(column) ? eb.val(a) : a))
        .execute()
      expect(rows).toEqual([{ [column]: a }])
    })

    it.each(PAIRS)('%s in (%o, %o) finds both rows', async (column, a, b) => {
      const tag = await seed(column, a, b)
      const rows = await loose
        .selectFrom('codecSamples')
        .select(column)
        .where('tag', '=', tag)
        .where((eb) => eb(column, 'in', NEEDS_VAL.has(column) ? [eb.val(a), eb.val(b)] : [a, b]))
        .execute()
      expect(rows).toHaveLength(2)
      expect(rows).toEqual(expect.arrayContaining([{ [column]: a }, { [column]: b }]))
    })

    it.each(ORDERED)('%s < %o excludes it and finds nothing below', async (column, a, b) => {
      const tag = await seed(column, a, b)
      const below = await loose.selectFrom('codecSamples').select(column).where('tag', '=', tag).where(column, '<', b).execute()
      expect(below).toEqual([{ [column]: a }])
      const none = await loose.selectFrom('codecSamples').select(column).where('tag', '=', tag).where(column, '<', a).execute()
      expect(none).toEqual([])
    })

    it.each(ORDERED)('%s between %o and itself finds exactly that row', async (column, a, b) => {
      const tag = await seed(column, a, b)
      const rows = await loose
        .selectFrom('codecSamples')
        .select(column)
        .where('tag', '=', tag)
        .where((eb) => eb.between(column, a, a))
        .execute()
      expect(rows).toEqual([{ [column]: a }])
    })

    it('compares a date with a Date at UTC midnight (=, between)', async () => {
      const tag = await seed('dateValue', '2025-01-15', '2025-01-16')
      const midnight = new Date('2025-01-15T00:00:00Z')
      const eq = await db.selectFrom('codecSamples').select('dateValue').where('tag', '=', tag).where('dateValue', '=', midnight as never).execute()
      expect(eq).toEqual([{ dateValue: '2025-01-15' }])
      const between = await db
        .selectFrom('codecSamples')
        .select('dateValue')
        .where('tag', '=', tag)
        .where((eb) => eb.between('dateValue', midnight as never, midnight as never))
        .execute()
      expect(between).toEqual([{ dateValue: '2025-01-15' }])
    })

    it('compares a timestamp with ISO strings in other offsets (between)', async () => {
      const tag = await seed('timestamptzValue', new Date('2025-01-15T23:30:00Z'), new Date('2025-01-16T23:30:00Z'))
      const rows = await db
        .selectFrom('codecSamples')
        .select('timestamptzValue')
        .where('tag', '=', tag)
        .where((eb) => eb.between('timestamptzValue', '2025-01-16T09:30:00+10:00' as never, '2025-01-15T13:30:00-10:00' as never))
        .execute()
      expect(rows).toEqual([{ timestamptzValue: new Date('2025-01-15T23:30:00Z') }])
    })

    it('encodes the values of a correlated subquery', async () => {
      const tag = newTag()
      const [sample] = await db.insertInto('codecSamples').values([{ tag, booleanValue: true }, { tag, booleanValue: false }]).returning('id').execute()
      await db.insertInto('codecLinks').values({ sampleId: sample!.id.toUpperCase(), onDate: '2025-01-15', flag: true }).execute()
      const rows = await db
        .selectFrom('codecSamples as s')
        .select('s.booleanValue')
        .where('s.tag', '=', tag)
        .where((eb) =>
          eb.exists(
            eb.selectFrom('codecLinks as l').select('l.id').whereRef('l.sampleId', '=', 's.id').where('l.flag', '=', true).where('l.onDate', '=', new Date('2025-01-15T00:00:00Z') as never),
          ),
        )
        .execute()
      expect(rows).toEqual([{ booleanValue: true }])
    })
  })

  describe('aliases and joins', () => {
    let tag: string
    let sampleId: string
    beforeAll(async () => {
      tag = newTag()
      const row = await db.insertInto('codecSamples').values({ ...FULL, tag }).returning('id').executeTakeFirstOrThrow()
      sampleId = row.id
      await db.insertInto('codecLinks').values([
        { sampleId: sampleId.toUpperCase(), onDate: '2025-01-15', flag: true, note: 'first' },
        { sampleId, onDate: '2025-02-01', flag: false, note: 'second' },
      ]).execute()
    })

    it('decodes columns selected under aliases', async () => {
      const row = await db
        .selectFrom('codecSamples as s')
        .select(['s.booleanValue as flag', 's.dateValue as day', 's.timestamptzValue as at', 's.jsonValue as doc', 's.stringArrayValue as words', 's.vectorValue as v', 's.bigintValue as big'])
        .where('s.tag', '=', tag)
        .executeTakeFirstOrThrow()
      expect(row).toEqual({
        flag: true,
        day: FULL.dateValue,
        at: FULL.timestamptzValue,
        doc: FULL.jsonValue,
        words: FULL.stringArrayValue,
        v: FULL.vectorValue,
        big: FULL.bigintValue,
      })
    })

    it('decodes both sides of a join, with values in the on clause', async () => {
      const rows = await db
        .selectFrom('codecLinks as l')
        .innerJoin('codecSamples as s', (join) => join.onRef('s.id', '=', 'l.sampleId').on('s.uuidValue', '=', UUID_A.toUpperCase()))
        .select(['l.onDate', 'l.flag', 's.dateValue', 's.timestampValue', 's.jsonValue'])
        .where('s.tag', '=', tag)
        .orderBy('l.onDate')
        .execute()
      const sample = { dateValue: FULL.dateValue, timestampValue: FULL.timestampValue, jsonValue: FULL.jsonValue }
      expect(rows).toEqual([
        { onDate: '2025-01-15', flag: true, ...sample },
        { onDate: '2025-02-01', flag: false, ...sample },
      ])
    })

    it('decodes selectAll of one side of a join', async () => {
      const rows = await db
        .selectFrom('codecSamples as s')
        .innerJoin('codecLinks as l', 'l.sampleId', 's.id')
        .selectAll('s')
        .where('l.flag', '=', true)
        .where('s.tag', '=', tag)
        .execute()
      expect(rows).toEqual([{ ...FULL, tag, reminder180Sent: null, id: sampleId, status: 'new', createdAt: expect.any(Date) }])
    })

    it('decodes a self-join on a date column', async () => {
      const rows = await db
        .selectFrom('codecSamples as a')
        .innerJoin('codecSamples as b', 'b.dateValue', 'a.dateValue')
        .select(['a.id', 'b.timestamptzValue as otherAt', 'b.booleanValue as otherFlag'])
        .where('a.id', '=', sampleId.toUpperCase())
        .where('b.tag', '=', tag)
        .execute()
      expect(rows).toEqual([{ id: sampleId, otherAt: FULL.timestamptzValue, otherFlag: true }])
    })

    it('returns nulls, not encoded defaults, for the missing side of a left join', async () => {
      const rows = await db
        .selectFrom('codecSamples as s')
        .leftJoin('codecLinks as l', (join) => join.onRef('l.sampleId', '=', 's.id').on('l.onDate', '=', '1999-01-01'))
        .select(['s.booleanValue', 'l.flag', 'l.onDate'])
        .where('s.id', '=', sampleId)
        .execute()
      expect(rows).toEqual([{ booleanValue: true, flag: null, onDate: null }])
    })

    it('counts as a number on every driver', async () => {
      const row = await db.selectFrom('codecLinks').select((eb) => eb.fn.countAll<number>().as('n')).where('sampleId', '=', sampleId).executeTakeFirstOrThrow()
      expect(row).toEqual({ n: 2 })
    })

    it("decodes a user's raw sql query against db", async () => {
      const { rows } = await sql<Record<string, unknown>>`select * from codec_samples where id = ${sampleId}`.execute(db)
      expect(rows).toEqual([{ ...FULL, tag, reminder180Sent: null, id: sampleId, status: 'new', createdAt: expect.any(Date) }])
    })

    it('decodes a raw sql join with aliases', async () => {
      const { rows } = await sql<Record<string, unknown>>`
        select s.boolean_value as sample_flag, l.flag as link_flag, l.on_date, s.json_value
        from codec_samples s join codec_links l on l.sample_id = s.id
        where s.id = ${sampleId} order by l.on_date`.execute(db)
      expect(rows).toEqual([
        { sampleFlag: true, linkFlag: true, onDate: '2025-01-15', jsonValue: FULL.jsonValue },
        { sampleFlag: true, linkFlag: false, onDate: '2025-02-01', jsonValue: FULL.jsonValue },
      ])
    })
  })

  describe('rejected values', () => {
    it.each(REJECTED)('rejects %s on insert, leaving the table unchanged', async (_, bad) => {
      const before = await countRows()
      await expect(loose.insertInto('codecSamples').values({ tag: newTag(), ...bad }).execute()).rejects.toBeInstanceOf(CodecError)
      expect(await countRows()).toBe(before)
    })

    it('rejects a multi-row insert whose last row is bad, inserting none of it', async () => {
      const before = await countRows()
      const tag = newTag()
      const insert = loose.insertInto('codecSamples').values([{ tag, ...FULL }, { tag, uuidValue: UUID_B }, { tag, dateValue: '2025-02-30' }])
      await expect(insert.execute()).rejects.toThrow(CodecError)
      expect(await countRows()).toBe(before)
    })

    it.each(REJECTED)('rejects %s on update, leaving the row unchanged', async (_, bad) => {
      const tag = newTag()
      await db.insertInto('codecSamples').values({ ...FULL, tag }).execute()
      await expect(loose.updateTable('codecSamples').set(bad).where('tag', '=', tag).execute()).rejects.toBeInstanceOf(CodecError)
      expect(await db.selectFrom('codecSamples').selectAll().where('tag', '=', tag).executeTakeFirstOrThrow()).toMatchObject(FULL)
    })

    it('rejects a bad where parameter', async () => {
      await expect(db.selectFrom('codecSamples').selectAll().where('uuidValue', '=', 'not-a-uuid').execute()).rejects.toThrow(
        /codec_samples\.uuid_value: expected a UUID string/,
      )
    })

    it('rejects a Date with a time part in a between on a date column', async () => {
      const query = db.selectFrom('codecSamples').selectAll().where((eb) => eb.between('dateValue', new Date('2025-01-15T12:00:00Z') as never, '2025-01-16'))
      await expect(query.execute()).rejects.toBeInstanceOf(CodecError)
    })

    it('names the column in the error', async () => {
      const error = await loose.insertInto('codecSamples').values({ floatValue: NaN }).execute().catch((e: unknown) => e)
      expect(error).toBeInstanceOf(CodecError)
      expect(error).toMatchObject({ table: 'codec_samples', column: 'float_value' })
      expect((error as Error).message).toBe('codec_samples.float_value: expected a finite number, got NaN')
    })
  })
})
