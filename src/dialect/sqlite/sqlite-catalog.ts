import { sql, type Kysely, type RawBuilder } from 'kysely'
import type { CatalogForeignKey, CatalogTable } from '../catalog.js'
import { parseCreateTable, type ParsedCreateTable } from './sqlite-create-table.js'

interface ColumnRow {
  table_name: string
  cid: number
  name: string
  type: string
  notnull: number
  dflt_value: string | null
  pk: number
  hidden: number
}

interface ForeignKeyRow {
  table_name: string
  id: number
  seq: number
  table: string
  from: string
  to: string | null
  on_delete: string
}

interface IndexRow {
  table_name: string
  name: string
  unique: number
  origin: 'c' | 'u' | 'pk'
  seqno: number
  column_name: string | null
}

/** `VARCHAR( 50 )` → `varchar(50)`: declared types are kept as written, apart from case and spacing. */
function normaliseType(declared: string): string {
  return declared.toLowerCase().replace(/\s*\(\s*/g, '(').replace(/\s*,\s*/g, ',').replace(/\s*\)/g, ')').trim()
}

function sameColumns(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((c, i) => c === b[i])
}

function groupBy<T, K>(rows: readonly T[], key: (row: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>()
  for (const row of rows) {
    const k = key(row)
    groups.set(k, [...(groups.get(k) ?? []), row])
  }
  return groups
}

/**
 * Runs a catalog query and returns its rows. Each row travels inside one JSON
 * text value, so that no layer between here and SQLite (name mapping, value
 * decoding) can rename or convert the catalog's own columns. Rows are sorted
 * here because json_group_array does not promise an order.
 */
async function rows<T>(
  db: Kysely<any>,
  fields: readonly string[],
  from: RawBuilder<unknown>,
  order: (row: T) => (string | number)[],
): Promise<T[]> {
  const pairs = sql.join(fields.map((f) => sql`${sql.lit(f)}, q.${sql.ref(f)}`))
  const result = await sql<{ rows: string }>`
    select json_group_array(json_object(${pairs})) as rows from (${from}) q`.execute(db)
  const parsed = JSON.parse(result.rows[0]!.rows) as T[]
  return parsed.sort((a, b) => {
    const [x, y] = [order(a), order(b)]
    for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return x[i]! < y[i]! ? -1 : 1
    return 0
  })
}

const tablesOnly = sql`m.type = 'table' and m.name not like 'sqlite\\_%' escape '\\'`

async function readColumns(db: Kysely<any>) {
  const fields = ['table_name', 'cid', 'name', 'type', 'notnull', 'dflt_value', 'pk', 'hidden'] as const
  const from = sql`select m.name as table_name, p.* from sqlite_master m join pragma_table_xinfo(m.name) p where ${tablesOnly}`
  return groupBy(await rows<ColumnRow>(db, fields, from, (r) => [r.table_name, r.cid]), (r) => r.table_name)
}

async function readForeignKeys(db: Kysely<any>) {
  const fields = ['table_name', 'id', 'seq', 'table', 'from', 'to', 'on_delete'] as const
  const from = sql`select m.name as table_name, p.* from sqlite_master m join pragma_foreign_key_list(m.name) p where ${tablesOnly}`
  return groupBy(await rows<ForeignKeyRow>(db, fields, from, (r) => [r.table_name, r.id, r.seq]), (r) => r.table_name)
}

async function readIndexes(db: Kysely<any>) {
  const fields = ['table_name', 'name', 'unique', 'origin', 'seqno', 'column_name'] as const
  const from = sql`
    select m.name as table_name, l.name, l."unique", l.origin, i.seqno, i.name as column_name
    from sqlite_master m join pragma_index_list(m.name) l join pragma_index_info(l.name) i
    where ${tablesOnly}`
  return groupBy(await rows<IndexRow>(db, fields, from, (r) => [r.table_name, r.name, r.seqno]), (r) => r.table_name)
}

function foreignKeys(rows: readonly ForeignKeyRow[], parsed: ParsedCreateTable): CatalogForeignKey[] {
  const named = parsed.constraints.filter((c) => c.kind === 'foreign key')
  return [...groupBy(rows, (r) => r.id).values()].map((parts) => {
    const columns = parts.map((p) => p.from)
    return {
      // SQLite does not keep foreign key names; the CREATE TABLE text does
      name: named.find((c) => sameColumns(c.columns, columns))?.name ?? null,
      columns,
      refTable: parts[0]!.table,
      refColumns: parts.map((p) => p.to ?? ''),
      onDelete: parts[0]!.on_delete.toUpperCase(),
    }
  })
}

function table(name: string, createSql: string, columns: ColumnRow[], fks: ForeignKeyRow[], idx: IndexRow[]): CatalogTable {
  const parsed = parseCreateTable(createSql)
  const keyColumns = columns.filter((c) => c.pk > 0).sort((a, b) => a.pk - b.pk)
  // a lone INTEGER PRIMARY KEY is the rowid: never null even without NOT NULL
  const rowid = keyColumns.length === 1 && normaliseType(keyColumns[0]!.type) === 'integer' ? keyColumns[0]!.name : null
  const indexes = [...groupBy(idx, (r) => r.name).values()].map((parts) => ({
    name: parts[0]!.name,
    origin: parts[0]!.origin,
    unique: parts[0]!.unique === 1,
    columns: parts.map((p) => p.column_name ?? '<expression>'),
  }))
  const uniqueConstraints = parsed.constraints.filter((c) => c.kind === 'unique')
  return {
    name,
    columns: columns
      .filter((c) => c.hidden === 0)
      .map((c) => ({
        name: c.name,
        type: normaliseType(c.type),
        nullable: c.notnull === 0 && c.name !== rowid,
        default: c.dflt_value,
        identity: c.name === rowid && parsed.columns.some((p) => p.name === c.name && p.autoincrement),
      })),
    primaryKey: keyColumns.map((c) => c.name),
    primaryKeyName: parsed.constraints.find((c) => c.kind === 'primary key')?.name ?? null,
    foreignKeys: foreignKeys(fks, parsed),
    uniques: indexes
      .filter((i) => i.unique && i.origin !== 'pk')
      .map((i) => ({
        // a UNIQUE constraint's index is sqlite_autoindex_*; its name is in the CREATE TABLE text
        name: (i.origin === 'u' && uniqueConstraints.find((c) => sameColumns(c.columns, i.columns))?.name) || i.name,
        columns: i.columns,
      })),
    indexes: indexes.filter((i) => i.origin === 'c').map(({ name, columns, unique }) => ({ name, columns, unique })),
    checks: parsed.constraints
      .filter((c) => c.kind === 'check' && c.name !== null)
      .map((c) => ({ name: c.name!, sql: c.expression })),
  }
}

/** Every table of the main database, from PRAGMAs and the stored CREATE TABLE text. */
export async function readSqliteCatalog(db: Kysely<any>): Promise<CatalogTable[]> {
  const from = sql`select m.name, m.sql from sqlite_master m where ${tablesOnly}`
  const tables = await rows<{ name: string; sql: string }>(db, ['name', 'sql'], from, (r) => [r.name])
  const [columns, fks, indexes] = await Promise.all([readColumns(db), readForeignKeys(db), readIndexes(db)])
  return tables.map((t) => table(t.name, t.sql, columns.get(t.name) ?? [], fks.get(t.name) ?? [], indexes.get(t.name) ?? []))
}
