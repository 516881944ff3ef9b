import type { Kysely } from 'kysely'
import { beforeAll, describe, expect, it } from 'vitest'
import {
  CheckViolationError,
  type ConstraintViolationError,
  ForeignKeyViolationError,
  UniqueViolationError,
} from '../src/errors.js'
import {
  MISSING_BIGINT,
  MISSING_UUID,
  RowFactory,
  camel,
  deleteInserted,
  fillDatabase,
  insertFresh,
  insertRow,
  prepareFresh,
  toCamel,
  uniqueSets,
  whereKey,
  type Inserted,
  type Row,
} from './support/row-factory.js'
import { loadSchemaSpec, type SpecForeignKey } from './support/schema-spec.js'
import { forEachDriver } from './setup.js'

// Constraint behaviour, generated from the spec: for every CHECK, UNIQUE (constraint
// or unique index) and foreign key, one violating write on a database holding a
// valid row per table is refused with the library's error class, names what the
// driver can name, and leaves no trace; every ON DELETE rule acts as the spec says.
//
// What each driver names (src/errors.ts): PostgreSQL (pg, PGlite) the table and the
// constraint; SQLite the constraint for CHECK, table and columns for UNIQUE, and
// nothing at all for a foreign key — so on SQLite a foreign key test shows the class
// and the refused write, not which constraint refused it.

const spec = loadSchemaSpec()
const factory = new RowFactory(spec)
const tables = Object.keys(spec.tables).sort()

const checks = tables.flatMap((table) => spec.tables[table]!.checks.map((check) => ({ table, ...check })))
const uniques = tables.flatMap((table) =>
  uniqueSets(spec.tables[table]!)
    .filter((set) => set.name !== 'primary key')
    .map((set) => ({ table, ...set })),
)
const foreignKeys = tables.flatMap((table) =>
  spec.tables[table]!.foreignKeys.map((fk) => ({ table, fk, name: `fk_${table}_${fk.columns.join('_')}` })),
)

/**
 * The other unique constraints and indexes on exactly these columns. Twelve unique
 * indexes of the spec repeat a unique constraint (`ix_users_username` and
 * `uq_users_username`), and the database reports whichever it checks first; so the
 * test of one drops its twins inside a transaction it rolls back. SQLite cannot drop
 * a table's constraint: there the test of such an index shows only that one of the
 * two acts (the conformance test shows the index exists and is unique).
 */
function twins(table: string, name: string, columns: string[]): { name: string; constraint: boolean }[] {
  const key = [...columns].sort().join(',')
  const specTable = spec.tables[table]!
  return uniqueSets(specTable)
    .filter((s) => s.name !== name && s.name !== 'primary key' && [...s.columns].sort().join(',') === key)
    .map((s) => ({ name: s.name, constraint: specTable.uniques.some((u) => u.name === s.name) }))
}

function pick(row: Row, columns: string[]): Row {
  return Object.fromEntries(columns.map((c) => [c, row[c]]))
}

/** A value no parent row holds, of the referenced column's type. */
function missingReference(fk: SpecForeignKey): unknown {
  const column = spec.tables[fk.references.table]!.columns.find((c) => c.name === fk.references.columns[0])!
  return column.type === 'uuid' ? MISSING_UUID : MISSING_BIGINT
}

/**
 * The error `write` fails with. When it succeeds the test fails, after `undo`
 * has put the shared database back, so that one missing constraint fails one test.
 */
async function rejection(write: () => Promise<unknown>, undo?: () => Promise<unknown>): Promise<ConstraintViolationError> {
  try {
    await write()
  } catch (error) {
    return error as ConstraintViolationError
  }
  await undo?.()
  throw new Error('the violating write was accepted')
}

describe('the generated cases', () => {
  it('cover every CHECK, UNIQUE (constraint or index) and foreign key of the spec', () => {
    // shared/schema/README.md: 88 CHECKs, 29 unique constraints, 97 foreign keys
    expect(checks).toHaveLength(88)
    expect(uniques.filter((u) => spec.tables[u.table]!.uniques.some((c) => c.name === u.name))).toHaveLength(29)
    expect(uniques).toHaveLength(29 + tables.reduce((n, t) => n + spec.tables[t]!.indexes.filter((i) => i.unique).length, 0))
    expect(foreignKeys).toHaveLength(97)
    const rules: Record<string, number> = {}
    for (const { fk } of foreignKeys) rules[fk.onDelete] = (rules[fk.onDelete] ?? 0) + 1
    expect(rules).toEqual({ CASCADE: 31, 'SET NULL': 16, 'NO ACTION': 50 })
  })
})

forEachDriver('constraint behaviour, per constraint of the spec', (ctx) => {
  const postgres = ctx.driver !== 'better-sqlite3'
  let db: Kysely<any>

  beforeAll(async () => {
    const rdb = await ctx.open()
    await rdb.migrateToLatest()
    db = rdb.db as unknown as Kysely<any>
    await fillDatabase(db, factory)
  })

  /** The rows with this row's primary key. */
  const find = (table: string, row: Row) =>
    whereKey(db.selectFrom(camel(table)).selectAll(), factory.key(table, row)).execute()

  /** Runs `fn` in a transaction, rolled back afterwards, in which the twin constraints/indexes are dropped. */
  async function withoutTwins<T>(
    table: string,
    others: { name: string; constraint: boolean }[],
    fn: (trx: Kysely<any>) => Promise<T>,
  ): Promise<T> {
    const rollback = new Error('rollback')
    let result: T | undefined
    try {
      await db.transaction().execute(async (trx) => {
        const ddl = trx.withoutPlugins().schema
        for (const other of others) {
          if (other.constraint) await ddl.alterTable(table).dropConstraint(other.name).execute()
          else await ddl.dropIndex(other.name).execute()
        }
        result = await fn(trx)
        throw rollback
      })
    } catch (error) {
      if (error !== rollback) throw error
    }
    return result as T
  }

  /** Sets `change` (snake_case) on the row with `row`'s primary key. */
  const update = (table: string, row: Row, change: Row) =>
    whereKey(db.updateTable(camel(table)).set(toCamel(change)), factory.key(table, row)).execute()

  /**
   * The table holds its base row, unchanged, and nothing else; the audit tables
   * also hold what capture recorded of the other tests' writes.
   */
  async function expectUntouched(table: string): Promise<void> {
    const rows = await db.selectFrom(camel(table)).selectAll().execute()
    const base = toCamel(factory.row(table, 0))
    if (table === 'transaction' || factory.table(table).versionOf !== undefined) expect(rows).toContainEqual(base)
    else expect(rows).toEqual([base])
  }

  describe(`CHECK (${checks.length}): a violating update is refused with CheckViolationError naming the check`, () => {
    for (const { table, name, sql } of checks) {
      it(`${table}: ${name} — ${sql}`, async () => {
        const base = factory.row(table, 0)
        const change = factory.violating(table, name, base)
        const error = await rejection(
          () => update(table, base, change),
          () => update(table, base, pick(base, Object.keys(change))),
        )
        expect(error).toBeInstanceOf(CheckViolationError)
        expect(error.constraint).toBe(name)
        if (postgres) expect(error.table).toBe(table)
        await expectUntouched(table)
      })
    }
  })

  describe(`UNIQUE (${uniques.length}): a copy of the valid row with equal unique columns is refused with UniqueViolationError`, () => {
    for (const { table, name, columns } of uniques) {
      const all = twins(table, name, columns)
      const others = all.filter((o) => postgres || !o.constraint)
      const kept = all.filter((o) => !others.includes(o)).map((o) => o.name)
      const title =
        `${table}: ${name} (${columns.join(', ')}) — ` +
        (postgres ? 'PostgreSQL names it' : 'SQLite names the table and columns') +
        (others.length ? ` (twin ${others.map((o) => o.name).join(', ')} dropped in a rolled-back transaction)` : '') +
        (kept.length ? ` (SQLite cannot drop the table constraint ${kept.join(', ')}: either may act)` : '')
      it(title, async () => {
        const base = factory.row(table, 0)
        const equal = pick(base, columns)
        const { row, inserted } = await prepareFresh(db, factory, table, equal, columns)
        try {
          const error =
            others.length === 0
              ? await rejection(
                  () => insertRow(db, table, row),
                  () => deleteInserted(db, factory, [{ table, row }]),
                )
              : await withoutTwins(table, others, (trx) => rejection(() => insertRow(trx, table, row)))
          expect(error).toBeInstanceOf(UniqueViolationError)
          expect(error.table).toBe(table)
          if (postgres) expect(error.constraint).toBe(name)
          else expect(error.columns).toEqual(columns)
          expect(await find(table, row)).toEqual([])
        } finally {
          await deleteInserted(db, factory, inserted)
        }
        await expectUntouched(table)
      })
    }
  })

  describe(`FOREIGN KEY (${foreignKeys.length}): a reference to a missing row is refused with ForeignKeyViolationError`, () => {
    for (const { table, fk, name } of foreignKeys) {
      const title = postgres
        ? `${table}.${fk.columns.join(', ')} → ${fk.references.table}: ${name}`
        : `${table}.${fk.columns.join(', ')} → ${fk.references.table} (SQLite names no constraint for foreign keys)`
      it(title, async () => {
        const base = factory.row(table, 0)
        const change = Object.fromEntries(fk.columns.map((c) => [c, missingReference(fk)]))
        const error = await rejection(
          () => update(table, base, change),
          () => update(table, { ...base, ...change }, pick(base, fk.columns)),
        )
        expect(error).toBeInstanceOf(ForeignKeyViolationError)
        if (postgres) {
          expect(error.constraint).toBe(name)
          expect(error.table).toBe(table)
        }
        await expectUntouched(table)
      })
    }
  })

  describe(`ON DELETE (${foreignKeys.length}): deleting a parent row acts as the spec says`, () => {
    for (const { table, fk, name } of foreignKeys) {
      const parentTable = fk.references.table
      const what = { CASCADE: 'deletes the child row', 'SET NULL': 'sets the reference to NULL' }[
        fk.onDelete as 'CASCADE' | 'SET NULL'
      ] ?? 'is refused with ForeignKeyViolationError while a child row exists'
      it(`${name} ${fk.onDelete}: deleting the ${parentTable} row ${what}`, async () => {
        const created: Inserted = []
        try {
          const parent = await insertFresh(db, factory, parentTable)
          created.push(...parent.inserted)
          const refs = Object.fromEntries(fk.columns.map((c, i) => [c, parent.row[fk.references.columns[i]!]]))
          const child = await insertFresh(db, factory, table, refs)
          created.push(...child.inserted)
          const deleteParent = () =>
            whereKey(db.deleteFrom(camel(parentTable)), factory.key(parentTable, parent.row)).execute()

          switch (fk.onDelete) {
            case 'CASCADE':
              await deleteParent()
              expect(await find(parentTable, parent.row)).toEqual([])
              expect(await find(table, child.row)).toEqual([])
              break
            case 'SET NULL': {
              await deleteParent()
              expect(await find(parentTable, parent.row)).toEqual([])
              const nulled = Object.fromEntries(fk.columns.map((c) => [c, null]))
              expect(await find(table, child.row)).toEqual([toCamel({ ...child.row, ...nulled })])
              break
            }
            case 'NO ACTION': {
              const error = await rejection(deleteParent)
              expect(error).toBeInstanceOf(ForeignKeyViolationError)
              if (postgres) {
                expect(error.constraint).toBe(name)
                expect(error.table).toBe(table)
              }
              expect(await find(parentTable, parent.row)).toEqual([toCamel(parent.row)])
              expect(await find(table, child.row)).toEqual([toCamel(child.row)])
              break
            }
            default:
              throw new Error(`no test for ON DELETE ${fk.onDelete}`)
          }
        } finally {
          await deleteInserted(db, factory, created)
        }
      })
    }
  })

  it('afterwards every table holds exactly its valid row again', async () => {
    for (const table of tables) await expectUntouched(table)
  })
})
