import { sql, type Kysely, type RawBuilder } from 'kysely'
import type { CatalogTable } from '../catalog.js'

interface ColumnRow {
  table: string
  name: string
  type: string
  nullable: boolean
  default: string | null
  identity: boolean
}

interface ConstraintRow {
  table: string
  name: string
  kind: 'p' | 'f' | 'u' | 'c' | 'x' | 't' | 'n'
  columns: string[]
  ref_table: string | null
  ref_columns: string[] | null
  on_delete: string
  check: string | null
}

interface IndexRow {
  table: string
  name: string
  unique: boolean
  primary: boolean
  constraint: boolean
  columns: string[]
}

/**
 * Runs a catalog query and returns its rows. The rows travel as one JSON text
 * value so that no driver type parser (arrays, booleans, the host's overrides)
 * can change them on the way.
 */
async function rows<T>(db: Kysely<any>, query: RawBuilder<unknown>): Promise<T[]> {
  const { rows } = await sql<{ rows: string }>`
    select coalesce(json_agg(q), '[]'::json)::text as rows from (${query}) q`.execute(db)
  return JSON.parse(rows[0]!.rows) as T[]
}

const ON_DELETE: Record<string, string> = { a: 'NO ACTION', r: 'RESTRICT', c: 'CASCADE', n: 'SET NULL', d: 'SET DEFAULT' }

/** The attribute names of `attnums` on `relation`, in array order. */
const attributeNames = (relation: RawBuilder<unknown>, attnums: RawBuilder<unknown>) => sql`
  array(select a.attname::text from unnest(${attnums}) with ordinality u(attnum, ord)
        join pg_attribute a on a.attrelid = ${relation} and a.attnum = u.attnum order by u.ord)`

const inCurrentSchema = sql`c.relnamespace = (select oid from pg_namespace where nspname = current_schema())`

const columnsQuery = sql`
  select c.relname as "table", a.attname as "name", format_type(a.atttypid, a.atttypmod) as "type",
         not a.attnotnull as "nullable", pg_get_expr(d.adbin, d.adrelid) as "default", a.attidentity <> '' as "identity"
  from pg_attribute a
  join pg_class c on c.oid = a.attrelid
  left join pg_attrdef d on d.adrelid = a.attrelid and d.adnum = a.attnum
  where ${inCurrentSchema} and c.relkind in ('r', 'p') and a.attnum > 0 and not a.attisdropped
  order by c.relname, a.attnum`

const constraintsQuery = sql`
  select c.relname as "table", k.conname as "name", k.contype as "kind",
         ${attributeNames(sql`k.conrelid`, sql`k.conkey`)} as "columns",
         f.relname as "ref_table", ${attributeNames(sql`k.confrelid`, sql`k.confkey`)} as "ref_columns",
         k.confdeltype as "on_delete",
         case when k.contype = 'c' then pg_get_expr(k.conbin, k.conrelid) end as "check"
  from pg_constraint k
  join pg_class c on c.oid = k.conrelid
  left join pg_class f on f.oid = k.confrelid
  where ${inCurrentSchema}
  order by c.relname, k.conname`

const indexesQuery = sql`
  select c.relname as "table", i.relname as "name", x.indisunique as "unique", x.indisprimary as "primary",
         exists (select 1 from pg_constraint k where k.conindid = x.indexrelid and k.conrelid = x.indrelid
                 and k.contype in ('p', 'u', 'x')) as "constraint",
         array(select coalesce(a.attname::text, pg_get_indexdef(x.indexrelid, u.ord::int, true))
               from unnest(x.indkey::int2[]) with ordinality u(attnum, ord)
               left join pg_attribute a on a.attrelid = x.indrelid and a.attnum = u.attnum and u.attnum > 0
               where u.ord <= x.indnkeyatts order by u.ord) as "columns"
  from pg_index x
  join pg_class c on c.oid = x.indrelid
  join pg_class i on i.oid = x.indexrelid
  where ${inCurrentSchema}
  order by c.relname, i.relname`

/** `character varying(50)` → `varchar(50)`, `timestamp without time zone` → `timestamp`, … */
export function normalisePostgresType(formatted: string): string {
  return formatted
    .toLowerCase()
    .replace(/^character varying/, 'varchar')
    .replace(/^character\b/, 'char')
    .replace(/^timestamp(\(\d+\))? without time zone/, 'timestamp$1')
    .replace(/^timestamp(\(\d+\))? with time zone/, 'timestamptz$1')
    .replace(/^time(\(\d+\))? without time zone/, 'time$1')
    .replace(/^time(\(\d+\))? with time zone/, 'timetz$1')
}

/** Every ordinary or partitioned table of the current schema. */
export async function readPostgresCatalog(db: Kysely<any>): Promise<CatalogTable[]> {
  const [columns, constraints, indexes] = await Promise.all([
    rows<ColumnRow>(db, columnsQuery),
    rows<ConstraintRow>(db, constraintsQuery),
    rows<IndexRow>(db, indexesQuery),
  ])
  const tables = new Map<string, CatalogTable>()
  for (const c of columns) {
    const table = tables.get(c.table) ?? {
      name: c.table,
      columns: [],
      primaryKey: [],
      primaryKeyName: null,
      foreignKeys: [],
      uniques: [],
      indexes: [],
      checks: [],
    }
    table.columns.push({ name: c.name, type: normalisePostgresType(c.type), nullable: c.nullable, default: c.default, identity: c.identity })
    tables.set(c.table, table)
  }
  for (const k of constraints) {
    const table = tables.get(k.table)
    if (!table) continue
    if (k.kind === 'p') {
      table.primaryKey = k.columns
      table.primaryKeyName = k.name
    } else if (k.kind === 'f') {
      const onDelete = ON_DELETE[k.on_delete] ?? k.on_delete
      table.foreignKeys.push({ name: k.name, columns: k.columns, refTable: k.ref_table ?? '', refColumns: k.ref_columns ?? [], onDelete })
    } else if (k.kind === 'c') {
      table.checks.push({ name: k.name, sql: k.check ?? '' })
    }
  }
  for (const i of indexes) {
    const table = tables.get(i.table)
    if (!table) continue
    if (i.unique && !i.primary) table.uniques.push({ name: i.name, columns: i.columns })
    if (!i.constraint) table.indexes.push({ name: i.name, columns: i.columns, unique: i.unique })
  }
  return [...tables.values()]
}

const triggersQuery = sql`
  select c.relname as "table", t.tgname as "name"
  from pg_trigger t
  join pg_class c on c.oid = t.tgrelid
  where ${inCurrentSchema} and not t.tgisinternal
  order by c.relname, t.tgname`

/** The user-defined triggers of the current schema's tables, as `table.trigger`. */
export async function readPostgresTriggers(db: Kysely<any>): Promise<string[]> {
  return (await rows<{ table: string; name: string }>(db, triggersQuery)).map((t) => `${t.table}.${t.name}`)
}
