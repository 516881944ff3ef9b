import { readFileSync } from 'node:fs'
import {
  CamelCasePlugin,
  DummyDriver,
  Kysely,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
} from 'kysely'
import { describe, expect, it } from 'vitest'
import { createCodecCompiler } from '../src/codec/codec-compiler.js'
import { NameMap, camelName, schemaNamesOf, snakeName } from '../src/codec/names.js'
import { postgresEncoders } from '../src/dialect/postgres/postgres-codecs.js'
import { columnTypes, insertDefaults } from '../src/schema/generated/column-types.js'
import { schemaNames } from '../src/schema/generated/names.js'

// The name mapping must be exact for every table and column of the spec, and the
// spec is read from the fixture, so that a schema change that breaks it fails here.

interface Spec {
  tables: Record<string, { columns: { name: string }[] }>
}
const spec = JSON.parse(readFileSync(new URL('./fixtures/schema-spec.json', import.meta.url), 'utf8')) as Spec
const specTables = Object.keys(spec.tables).sort()
const specColumns = Object.entries(spec.tables).flatMap(([table, t]) => t.columns.map((c) => ({ table, column: c.name })))
// as createDatabase builds it: from the names codegen mapped, with no service tables
const names = new NameMap({}, schemaNames)

/** Kysely's generic rules, exposed to compare with. */
class GenericRules extends CamelCasePlugin {
  toSnake(name: string): string {
    return this.snakeCase(name)
  }
  toCamel(name: string): string {
    return this.camelCase(name)
  }
}

describe('the schema the name map is built from', () => {
  it('has the tables of the spec fixture, 100 of them as the schema README states', () => {
    expect(Object.keys(columnTypes).sort()).toEqual(specTables)
    expect(specTables).toHaveLength(100)
  })

  it('has the columns of the spec fixture, 1,438 of them as the schema README states', () => {
    const ours = Object.entries(columnTypes).flatMap(([table, cols]) => Object.keys(cols).map((column) => `${table}.${column}`))
    expect(ours.sort()).toEqual(specColumns.map((c) => `${c.table}.${c.column}`).sort())
    expect(specColumns).toHaveLength(1438)
  })
})

describe('NameMap over the whole schema', () => {
  it('starts from a generated map that has every table and column name, mapped as the rules map them now', () => {
    expect(schemaNames.trim()).toBe(schemaNamesOf(columnTypes).trim())
    const listed = schemaNames.trim().split('\n').map((line) => line.split(' ')[0])
    expect(listed).toEqual(expect.arrayContaining([...specTables, ...specColumns.map((c) => c.column)]))
  })

  it('round-trips every table name snake → camel → snake exactly', () => {
    const broken = specTables.filter((t) => names.toSnake(names.toCamel(t)) !== t)
    expect(broken).toEqual([])
  })

  it('round-trips every column name snake → camel → snake exactly', () => {
    const broken = specColumns.filter(({ column }) => names.toSnake(names.toCamel(column)) !== column)
    expect(broken).toEqual([])
  })

  it('gives distinct camelCase names to distinct tables', () => {
    const camel = specTables.map((t) => names.toCamel(t))
    expect(new Set(camel).size).toBe(specTables.length)
  })

  it('gives distinct camelCase names to the columns of each table', () => {
    const clashes = Object.entries(spec.tables).filter(([, t]) => {
      const camel = t.columns.map((c) => names.toCamel(c.name))
      return new Set(camel).size !== camel.length
    })
    expect(clashes.map(([table]) => table)).toEqual([])
  })

  it('produces camelCase names with no inner underscore', () => {
    const all = [...specTables, ...specColumns.map((c) => c.column)].map((n) => names.toCamel(n))
    expect(all.filter((n) => /_./.test(n))).toEqual([])
  })

  it('keeps a trailing underscore (rag_documents.metadata_, the ORM-reserved name)', () => {
    expect(names.toCamel('metadata_')).toBe('metadata_')
    expect(names.toSnake('metadata_')).toBe('metadata_')
  })

  it('maps the insert-default tables and columns too', () => {
    for (const [table, columns] of Object.entries(insertDefaults)) {
      expect(columnTypes[table], table).toBeDefined()
      for (const column of Object.keys(columns)) expect(columnTypes[table]![column], `${table}.${column}`).toBeDefined()
    }
  })
})

describe('names with digits', () => {
  const examples: [table: string, snake: string, camel: string][] = [
    ['', 'reminder_180_sent', 'reminder180Sent'],
    ['', 'reminder_days_7', 'reminderDays7'],
    ['', 'n1_pass', 'n1Pass'],
    ['', 'score1', 'score1'],
    ['oauth2_clients', 'oauth2_clients', 'oauth2Clients'],
  ]

  it.each(examples)('%s%s ↔ %s exactly', (_, snake, camel) => {
    expect(specColumns.some((c) => c.column === snake) || specTables.includes(snake)).toBe(true)
    expect(names.toCamel(snake)).toBe(camel)
    expect(names.toSnake(camel)).toBe(snake)
  })

  it("shows why Kysely's CamelCasePlugin alone is not enough, whichever digit rule it uses", () => {
    const all = [...specTables, ...specColumns.map((c) => c.column)]
    for (const underscoreBeforeDigits of [false, true]) {
      const generic = new GenericRules({ underscoreBeforeDigits })
      const broken = all.filter((n) => generic.toSnake(generic.toCamel(n)) !== n)
      expect(broken.length, `underscoreBeforeDigits: ${underscoreBeforeDigits}`).toBeGreaterThan(0)
    }
    const plain = new GenericRules()
    expect(plain.toSnake('reminder180Sent')).not.toBe('reminder_180_sent')
    const digits = new GenericRules({ underscoreBeforeDigits: true })
    expect(digits.toSnake('n1Pass')).not.toBe('n1_pass')
  })
})

describe('names outside the schema', () => {
  it('fall back to the generic rules (user aliases)', () => {
    expect(names.toSnake('myAlias')).toBe('my_alias')
    expect(names.toCamel('my_alias')).toBe('myAlias')
    expect(camelName('a_b_c')).toBe('aBC')
    expect(snakeName('aBC')).toBe('a_b_c')
  })

  it('refuses a schema whose names collide in camelCase', () => {
    expect(() => new NameMap({ t: { a_b: 'text', aB: 'text' } })).toThrow(/a_b and aB both map to aB/)
  })

  it("maps a service table's names too, and refuses one that collides with a library name", () => {
    const withService = new NameMap({ shift_notes: { id: 'uuid', note_2_text: 'text' } }, schemaNames)
    expect(withService.toSnake('note2Text')).toBe('note_2_text')
    expect(withService.toSnake('reminder180Sent')).toBe('reminder_180_sent')
    expect(() => new NameMap({ t: { reminder180_sent: 'text' } }, schemaNames)).toThrow(/reminder_180_sent and reminder180_sent both map to reminder180Sent/)
  })
})

describe('the codec compiler writes every name of the schema in queries', () => {
  const db = new Kysely<any>({
    dialect: {
      createAdapter: () => new PostgresAdapter(),
      createDriver: () => new DummyDriver(),
      createIntrospector: (k) => new PostgresIntrospector(k),
      createQueryCompiler: () =>
        createCodecCompiler(PostgresQueryCompiler, {
          names,
          columnTypes,
          columnLimits: {},
          encoders: postgresEncoders({ vectorOid: undefined, pgvectorColumns: false }),
        }),
    },
  })

  it.each(specTables)('%s: select of every column compiles to the exact snake_case names', (table) => {
    const columns = spec.tables[table]!.columns.map((c) => c.name)
    const query = db
      .selectFrom(`${names.toCamel(table)} as t`)
      .select(columns.map((c) => `t.${names.toCamel(c)}`))
      .compile()
    expect(query.sql).toBe(`select ${columns.map((c) => `"t"."${c}"`).join(', ')} from "${table}" as "t"`)
  })
})
