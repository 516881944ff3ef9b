import { isDeepStrictEqual } from 'node:util'
import type { Catalog, CatalogForeignKey, CatalogTable } from '../dialect/catalog.js'
import { type AdoptNote, type AdoptStep, q, qList } from './adopt-step.js'
import { checkKey } from './sql-text.js'

const sameList = (a: readonly string[], b: readonly string[]) => isDeepStrictEqual([...a], [...b])
const sameSet = (a: readonly string[], b: readonly string[]) => sameList([...a].sort(), [...b].sort())
const leads = (columns: readonly string[], prefix: readonly string[]) => sameList(columns.slice(0, prefix.length), prefix)
const count = (from: string, where: string) => `SELECT count(*) AS count FROM ${from} WHERE ${where}`

function nullabilitySteps(e: CatalogTable, l: CatalogTable): AdoptStep[] {
  const steps: AdoptStep[] = []
  for (const c of e.columns) {
    const found = l.columns.find((x) => x.name === c.name)
    if (!found || found.nullable === c.nullable) continue
    const sql = [`ALTER TABLE ${q(e.name)} ALTER COLUMN ${q(c.name)} ${c.nullable ? 'DROP' : 'SET'} NOT NULL`]
    steps.push(
      c.nullable
        ? { table: e.name, action: `allow NULL in ${c.name}`, sql }
        : { table: e.name, action: `make ${c.name} NOT NULL`, sql, guard: { sql: count(q(e.name), `${q(c.name)} IS NULL`), problem: `NULL in ${c.name}` } },
    )
  }
  return steps
}

function keySteps(e: CatalogTable, l: CatalogTable): AdoptStep[] {
  if (sameList(e.primaryKey, l.primaryKey)) return []
  const add = `ALTER TABLE ${q(e.name)} ADD CONSTRAINT ${q(e.primaryKeyName ?? `${e.name}_pkey`)} PRIMARY KEY ${qList(e.primaryKey)}`
  const sql = l.primaryKeyName ? [`ALTER TABLE ${q(e.name)} DROP CONSTRAINT ${q(l.primaryKeyName)}`, add] : [add]
  const duplicates = `(SELECT 1 FROM ${q(e.name)} GROUP BY ${e.primaryKey.map(q).join(', ')} HAVING count(*) > 1) d`
  return [
    {
      table: e.name,
      action: `primary key ${qList(e.primaryKey)} (was ${l.primaryKey.length ? qList(l.primaryKey) : 'none'})`,
      sql,
      guard: { sql: count(duplicates, 'true'), problem: `rows sharing a primary key ${qList(e.primaryKey)}` },
    },
  ]
}

function uniqueAndIndexSteps(e: CatalogTable, l: CatalogTable): AdoptStep[] {
  const steps: AdoptStep[] = []
  const indexNames = new Set(e.indexes.map((i) => i.name))
  for (const u of e.uniques) {
    if (l.uniques.some((x) => sameSet(x.columns, u.columns))) continue
    const sql = indexNames.has(u.name)
      ? `CREATE UNIQUE INDEX ${q(u.name)} ON ${q(e.name)} ${qList(u.columns)}`
      : `ALTER TABLE ${q(e.name)} ADD CONSTRAINT ${q(u.name)} UNIQUE ${qList(u.columns)}`
    const notNull = u.columns.map((c) => `${q(c)} IS NOT NULL`).join(' AND ')
    const duplicates = `(SELECT 1 FROM ${q(e.name)} WHERE ${notNull} GROUP BY ${u.columns.map(q).join(', ')} HAVING count(*) > 1) d`
    steps.push({ table: e.name, action: `add unique ${u.name} ${qList(u.columns)}`, sql: [sql], guard: { sql: count(duplicates, 'true'), problem: `duplicate values of ${qList(u.columns)}` } })
  }
  const present = [...l.indexes, ...l.uniques, { name: l.primaryKeyName ?? '', columns: l.primaryKey }]
  for (const i of e.indexes.filter((x) => !x.unique)) {
    if (present.some((x) => leads(x.columns, i.columns))) continue
    steps.push({ table: e.name, action: `add index ${i.name} ${qList(i.columns)}`, sql: [`CREATE INDEX ${q(i.name)} ON ${q(e.name)} ${qList(i.columns)}`] })
  }
  return steps
}

const foreignKeySql = (table: string, fk: CatalogForeignKey) =>
  `ALTER TABLE ${q(table)} ADD CONSTRAINT ${q(fk.name ?? `fk_${table}_${fk.columns.join('_')}`)} FOREIGN KEY ${qList(fk.columns)} REFERENCES ${q(fk.refTable)} ${qList(fk.refColumns)} ON DELETE ${fk.onDelete}`

function foreignKeySteps(e: CatalogTable, l: CatalogTable, notes: AdoptNote[]): AdoptStep[] {
  const steps: AdoptStep[] = []
  for (const fk of e.foreignKeys) {
    const found = l.foreignKeys.find((f) => sameList(f.columns, fk.columns) && f.refTable === fk.refTable)
    if (found && sameList(found.refColumns, fk.refColumns) && found.onDelete === fk.onDelete) continue
    const target = `${qList(fk.columns)} -> ${fk.refTable}${qList(fk.refColumns)}`
    const sql = found?.name ? [`ALTER TABLE ${q(e.name)} DROP CONSTRAINT ${q(found.name)}`] : []
    sql.push(foreignKeySql(e.name, fk))
    const set = fk.columns.map((c) => `c.${q(c)} IS NOT NULL`).join(' AND ')
    const match = fk.columns.map((c, i) => `p.${q(fk.refColumns[i]!)} = c.${q(c)}`).join(' AND ')
    steps.push({
      table: e.name,
      action: found ? `foreign key ${target}: ON DELETE ${fk.onDelete} (was ${found.onDelete})` : `add foreign key ${target} ON DELETE ${fk.onDelete}`,
      sql,
      guard: { sql: count(`${q(e.name)} c`, `${set} AND NOT EXISTS (SELECT 1 FROM ${q(fk.refTable)} p WHERE ${match})`), problem: `rows whose ${qList(fk.columns)} has no ${fk.refTable} row` },
    })
  }
  for (const extra of l.foreignKeys.filter((f) => !e.foreignKeys.some((x) => sameList(x.columns, f.columns) && x.refTable === f.refTable))) {
    notes.push({ table: e.name, note: `foreign key ${extra.name ?? ''} ${qList(extra.columns)} -> ${extra.refTable} is not ours: kept` })
  }
  return steps
}

function checkSteps(e: CatalogTable, l: CatalogTable, notes: AdoptNote[]): AdoptStep[] {
  const steps: AdoptStep[] = []
  for (const check of e.checks) {
    const found = l.checks.find((c) => c.name === check.name)
    if (found && checkKey(found.sql) === checkKey(check.sql)) continue
    const sql = found ? [`ALTER TABLE ${q(e.name)} DROP CONSTRAINT ${q(found.name)}`] : []
    sql.push(`ALTER TABLE ${q(e.name)} ADD CONSTRAINT ${q(check.name)} CHECK (${check.sql})`)
    steps.push({
      table: e.name,
      action: `${found ? 'replace' : 'add'} check ${check.name}: ${check.sql}${found ? ` (was ${found.sql})` : ''}`,
      sql,
      guard: { sql: count(q(e.name), `NOT (${check.sql})`), problem: `rows that break check ${check.name} ${check.sql}` },
    })
  }
  for (const extra of l.checks.filter((c) => !e.checks.some((x) => x.name === c.name))) {
    notes.push({ table: e.name, note: `check ${extra.name} ${extra.sql} is not ours: kept` })
  }
  return steps
}

/**
 * NOT NULL, keys, uniques, indexes, foreign keys and CHECKs of ours that the
 * database lacks or has otherwise, each guarded by a count of the rows that
 * would break it; also notes on the constraints that are not ours (kept).
 */
export function constraintSteps(expected: Catalog, live: Catalog, notes: AdoptNote[]): AdoptStep[] {
  const tables = Object.values(expected.tables).filter((e) => live.tables[e.name])
  const pairs = tables.map((e) => [e, live.tables[e.name]!] as const)
  return [
    ...pairs.flatMap(([e, l]) => [...nullabilitySteps(e, l), ...keySteps(e, l), ...uniqueAndIndexSteps(e, l)]),
    // after every table has its keys: a foreign key needs the unique key it references
    ...pairs.flatMap(([e, l]) => foreignKeySteps(e, l, notes)),
    ...pairs.flatMap(([e, l]) => checkSteps(e, l, notes)),
  ]
}
