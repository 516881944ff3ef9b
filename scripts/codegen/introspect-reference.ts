import Database from 'better-sqlite3'
import { Kysely, SqliteDialect, sql } from 'kysely'
import type { DialectMigration } from '../../migrations/migration-dialect.js'
import { createMigrationRunner } from '../../src/migration-runner.js'

// What the schema reference shows beyond the model the generated code needs:
// physical types per dialect, default expressions, foreign keys with their
// targets, CHECK definitions and every index. Read from the migrated databases.

/** A foreign key and the table it points to. */
export interface ForeignKeyFacts {
  name: string
  columns: string[]
  table: string
  referencedColumns: string[]
  /** ON DELETE: 'no action', 'cascade', 'set null', 'set default', 'restrict'. */
  onDelete: string
}

/** An index (those backing a primary key or unique constraint excluded). */
export interface IndexFacts {
  name: string
  unique: boolean
  /** Its key columns or expressions, with their order when not ascending. */
  keys: string[]
  /** The access method when not btree (gin, gist, …). */
  method?: string
  /** A partial index's predicate. */
  where?: string
}

/** Per table: what PostgreSQL says beyond the schema model. */
export interface PostgresTableFacts {
  /** Per column: PostgreSQL's name for its type (`character varying(20)`, `timestamp with time zone`). */
  types: Record<string, string>
  /** Per column: its default expression, as PostgreSQL shows it. */
  defaults: Record<string, string>
  foreignKeys: ForeignKeyFacts[]
  /** CHECK constraints by name: their definitions. */
  checks: Record<string, string>
  indexes: IndexFacts[]
}

const ON_DELETE: Record<string, string> = { a: 'no action', r: 'restrict', c: 'cascade', n: 'set null', d: 'set default' }

/** Reads, from a migrated PostgreSQL database, what the schema reference shows per table. */
export async function readPostgresFacts(db: Kysely<any>): Promise<Map<string, PostgresTableFacts>> {
  const facts = new Map<string, PostgresTableFacts>()
  const of = (table: string): PostgresTableFacts => {
    let f = facts.get(table)
    if (!f) facts.set(table, (f = { types: {}, defaults: {}, foreignKeys: [], checks: {}, indexes: [] }))
    return f
  }

  const { rows: columns } = await sql<{ table_name: string; column_name: string; type: string; expression: string | null }>`
    select c.relname as table_name, a.attname as column_name, format_type(a.atttypid, a.atttypmod) as type,
      pg_get_expr(d.adbin, d.adrelid) as expression
    from pg_attribute a
    join pg_class c on c.oid = a.attrelid
    left join pg_attrdef d on d.adrelid = a.attrelid and d.adnum = a.attnum
    where c.relnamespace = current_schema()::regnamespace and c.relkind = 'r' and a.attnum > 0 and not a.attisdropped
    order by c.relname, a.attnum`.execute(db)
  for (const c of columns) {
    const f = of(c.table_name)
    f.types[c.column_name] = c.type
    if (c.expression !== null) f.defaults[c.column_name] = c.expression
  }

  const { rows: keys } = await sql<{
    table_name: string
    name: string
    kind: string
    columns: string[]
    target: string | null
    target_columns: string[] | null
    on_delete: string
    definition: string
  }>`
    select c.relname as table_name, con.conname as name, con.contype as kind,
      array(select a.attname::text from unnest(con.conkey) with ordinality k(attnum, ord)
            join pg_attribute a on a.attrelid = con.conrelid and a.attnum = k.attnum order by k.ord) as columns,
      t.relname as target,
      array(select a.attname::text from unnest(con.confkey) with ordinality k(attnum, ord)
            join pg_attribute a on a.attrelid = con.confrelid and a.attnum = k.attnum order by k.ord) as target_columns,
      con.confdeltype as on_delete, pg_get_constraintdef(con.oid, true) as definition
    from pg_constraint con
    join pg_class c on c.oid = con.conrelid
    left join pg_class t on t.oid = con.confrelid
    where c.relnamespace = current_schema()::regnamespace and con.contype in ('f', 'c')
    order by c.relname, con.conname`.execute(db)
  for (const k of keys) {
    const f = of(k.table_name)
    if (k.kind === 'c') {
      f.checks[k.name] = k.definition
    } else {
      f.foreignKeys.push({
        name: k.name,
        columns: k.columns,
        table: k.target!,
        referencedColumns: k.target_columns ?? [],
        onDelete: ON_DELETE[k.on_delete] ?? k.on_delete,
      })
    }
  }

  const { rows: indexes } = await sql<{ table_name: string; name: string; unique: boolean; method: string; keys: string[]; predicate: string | null }>`
    select t.relname as table_name, i.relname as name, x.indisunique as unique, am.amname as method,
      array(select pg_get_indexdef(x.indexrelid, k, true) from generate_series(1, x.indnkeyatts) k order by k) as keys,
      pg_get_expr(x.indpred, x.indrelid, true) as predicate
    from pg_index x
    join pg_class i on i.oid = x.indexrelid
    join pg_class t on t.oid = x.indrelid
    join pg_am am on am.oid = i.relam
    where t.relnamespace = current_schema()::regnamespace
      and not exists (select from pg_constraint con where con.conindid = x.indexrelid and con.contype in ('p', 'u'))
    order by t.relname, i.relname`.execute(db)
  for (const i of indexes) {
    const index: IndexFacts = { name: i.name, unique: i.unique, keys: i.keys }
    if (i.method !== 'btree') index.method = i.method
    if (i.predicate !== null) index.where = i.predicate
    of(i.table_name).indexes.push(index)
  }
  return facts
}

/**
 * Runs the migrations into an in-memory SQLite database and reads each
 * column's declared type (`char(36)`, `datetime`, …): per table, per column.
 */
export async function readSqliteTypes(migrations: Record<string, DialectMigration>): Promise<Map<string, Record<string, string>>> {
  const raw = new Database(':memory:')
  const db = new Kysely<any>({ dialect: new SqliteDialect({ database: raw }) })
  try {
    const runner = createMigrationRunner(db, migrations, { dialect: async () => ({ name: 'sqlite', vector: false }) })
    await runner.migrateToLatest()
    const tables = raw
      .prepare("select name from sqlite_schema where type = 'table' and name not like 'sqlite\\_%' escape '\\' and name not like 'kysely\\_%' escape '\\'")
      .all() as Array<{ name: string }>
    const types = new Map<string, Record<string, string>>()
    for (const { name } of tables) {
      const columns = raw.prepare('select name, type from pragma_table_xinfo(?)').all(name) as Array<{ name: string; type: string }>
      types.set(name, Object.fromEntries(columns.map((c) => [c.name, c.type])))
    }
    return types
  } finally {
    await db.destroy()
  }
}
