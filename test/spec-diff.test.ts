import { describe, expect, it } from 'vitest'
import type { Catalog, CatalogTable } from '../src/dialect/catalog.js'
import type { DialectName } from '../src/dialect/dialect.js'
import type { SchemaSpec, SpecTable } from './support/schema-spec.js'
import { diffCatalog, normaliseExpression } from './support/spec-diff.js'

// The judge must see differences, or a passing conformance test proves nothing.

const table: SpecTable = {
  domain: 'core',
  primaryKey: ['id'],
  columns: [
    { name: 'id', type: 'uuid', nullable: false, default: { kind: 'uuid' } },
    { name: 'person_id', type: 'uuid', nullable: false },
    { name: 'status', type: 'varchar', length: 20, nullable: false, default: { kind: 'literal', value: 'pending' } },
    { name: 'active', type: 'boolean', nullable: true, default: { kind: 'literal', value: false } },
    { name: 'meta', type: 'json', nullable: true, default: { kind: 'literal', value: {} } },
    { name: 'tags', type: 'string_array', nullable: true, default: { kind: 'literal', value: ['code'] } },
    { name: 'ratio', type: 'float', nullable: true, default: { kind: 'literal', value: 1.0 } },
    { name: 'created_at', type: 'timestamp', nullable: true, default: { kind: 'now' } },
  ],
  foreignKeys: [{ columns: ['person_id'], references: { table: 'people', columns: ['id'] }, onDelete: 'CASCADE' }],
  uniques: [{ name: 'uq_t_person_status', columns: ['person_id', 'status'] }],
  indexes: [{ name: 'ix_t_status', columns: ['status'], unique: false }],
  checks: [{ name: 'check_t_status', sql: "status IN ('pending', 'done')" }],
}
const spec: SchemaSpec = { tables: { t: table } }

/** What PostgreSQL reports for a conformant `t`. */
function postgresTable(): CatalogTable {
  return {
    name: 't',
    columns: [
      { name: 'id', type: 'uuid', nullable: false, default: null, identity: false },
      { name: 'person_id', type: 'uuid', nullable: false, default: null, identity: false },
      { name: 'status', type: 'varchar(20)', nullable: false, default: "'pending'::character varying", identity: false },
      { name: 'active', type: 'boolean', nullable: true, default: 'false', identity: false },
      { name: 'meta', type: 'jsonb', nullable: true, default: "'{}'::jsonb", identity: false },
      { name: 'tags', type: 'text[]', nullable: true, default: "ARRAY['code'::text]", identity: false },
      { name: 'ratio', type: 'double precision', nullable: true, default: '1', identity: false },
      { name: 'created_at', type: 'timestamp', nullable: true, default: "(now() AT TIME ZONE 'utc'::text)", identity: false },
    ],
    primaryKey: ['id'],
    primaryKeyName: 't_pkey',
    foreignKeys: [{ name: 'fk_t_person_id', columns: ['person_id'], refTable: 'people', refColumns: ['id'], onDelete: 'CASCADE' }],
    uniques: [{ name: 'uq_t_person_status', columns: ['person_id', 'status'] }],
    indexes: [{ name: 'ix_t_status', columns: ['status'], unique: false }],
    checks: [{ name: 'check_t_status', sql: "((status)::text = ANY (ARRAY['pending'::text, 'done'::text]))" }],
  }
}

/** What SQLite reports for a conformant `t`. */
function sqliteTable(): CatalogTable {
  const base = postgresTable()
  const sqlite: Record<string, [string, string | null]> = {
    id: ['char(36)', null],
    person_id: ['char(36)', null],
    status: ['varchar(20)', "'pending'"],
    active: ['boolean', '0'],
    meta: ['text', "'{}'"],
    tags: ['text', `'["code"]'`],
    ratio: ['real', '1.0'],
    created_at: ['datetime', "strftime('%Y-%m-%dT%H:%M:%fZ', 'now')"],
  }
  return {
    ...base,
    columns: base.columns.map((c) => ({ ...c, type: sqlite[c.name]![0], default: sqlite[c.name]![1] })),
    checks: [{ name: 'check_t_status', sql: "status  IN ('pending', 'done')" }],
  }
}

const catalog = (t: CatalogTable): Catalog => ({ tables: { t } })
const diff = (dialect: DialectName, t: CatalogTable) => diffCatalog(spec, catalog(t), dialect, ['t'], { strict: true })

describe('diffCatalog', () => {
  it('accepts what each dialect reports for a conformant table', () => {
    expect(diff('postgres', postgresTable())).toEqual([])
    expect(diff('sqlite', sqliteTable())).toEqual([])
  })

  it('reports a wrong type, nullability or default', () => {
    const t = postgresTable()
    t.columns[2] = { ...t.columns[2]!, type: 'varchar(50)', nullable: true, default: "'done'::character varying" }
    t.columns[3] = { ...t.columns[3]!, default: null }
    t.columns[7] = { ...t.columns[7]!, default: 'now()' }
    expect(diff('postgres', t)).toEqual([
      't: column status: type varchar(50), expected varchar(20)',
      't: column status: nullable, expected NOT NULL',
      `t: column status: default 'done'::character varying, expected "pending"`,
      't: column active: no default, expected false',
      't: column created_at: default now(), expected the current UTC time',
    ])
  })

  it('reports a wrong SQLite boolean or JSON default', () => {
    const t = sqliteTable()
    t.columns[3] = { ...t.columns[3]!, default: '1' }
    t.columns[4] = { ...t.columns[4]!, default: "'[]'" }
    expect(diff('sqlite', t)).toEqual([
      "t: column active: default 1, expected false",
      "t: column meta: default '[]', expected {}",
    ])
  })

  it('reports missing and extra columns and tables', () => {
    const t = postgresTable()
    t.columns = [...t.columns.filter((c) => c.name !== 'ratio'), { name: 'extra', type: 'text', nullable: true, default: null, identity: false }]
    const result = diffCatalog(spec, { tables: { t, other: { ...t, name: 'other' } } }, 'postgres', ['t'])
    expect(result).toEqual(['t: column ratio is missing', 't: column extra is not in the spec', 'other: table is not expected'])
  })

  it('reports keys, foreign key rules, uniques, indexes and checks', () => {
    const t = postgresTable()
    t.primaryKey = []
    t.foreignKeys = [{ ...t.foreignKeys[0]!, onDelete: 'NO ACTION' }]
    t.uniques = [{ name: 'uq_t_person_status', columns: ['person_id'] }]
    t.indexes = []
    t.checks = []
    expect(diff('postgres', t)).toEqual([
      't: primary key (), expected (id)',
      't: foreign key (person_id) -> people(id): ON DELETE NO ACTION, expected CASCADE',
      't: unique uq_t_person_status (person_id, status) is missing',
      't: index ix_t_status (status) is missing',
      't: check check_t_status is missing',
    ])
  })

  it('counts an index as present when one leads with its columns, and names it in strict mode', () => {
    const t = postgresTable()
    t.indexes = [{ name: 'ix_other', columns: ['status', 'person_id'], unique: false }]
    expect(diffCatalog(spec, catalog(t), 'postgres', ['t'])).toEqual([])
    expect(diff('postgres', t)).toEqual(['t: index on (status) is not named ix_t_status'])
  })

  it('compares SQLite CHECK text', () => {
    const t = sqliteTable()
    t.checks = [{ name: 'check_t_status', sql: "status IN ('pending')" }]
    expect(diff('sqlite', t)).toEqual([`t: check check_t_status: status IN ('pending'), expected status IN ('pending', 'done')`])
  })
})

describe('normaliseExpression', () => {
  it('drops casts, case, whitespace and wrapping parentheses outside string literals', () => {
    expect(normaliseExpression("('Pending'::character varying)")).toBe("'Pending'")
    expect(normaliseExpression("(now() AT TIME ZONE 'utc'::text)")).toBe("now()attimezone'utc'")
    expect(normaliseExpression("(a) + (b)")).toBe('(a)+(b)')
  })
})
