import { PGlite } from '@electric-sql/pglite'
import { Kysely, PGliteDialect, PostgresDialect, sql } from 'kysely'
import type { DialectMigration } from '../../migrations/migration-dialect.js'
import { PostgresIntrospector } from 'kysely-codegen'
import pg from 'pg'
import { postgresMigrationDialect } from '../../src/dialect/postgres/postgres-vector-extension.js'
import { createMigrationRunner } from '../../src/migration-runner.js'
import type { ConstraintKind, InsertDefault, LogicalType } from '../../src/schema/logical-types.js'
import type { Range } from '../../src/schema/zod-columns.js'
import { scratchPostgresDatabase } from '../support/scratch-database.js'
import { parseCheck } from './check-constraints.js'
import { readPostgresFacts, type PostgresTableFacts } from './introspect-reference.js'

/** One column as the generated files need it. */
export interface ColumnModel {
  name: string
  logical: LogicalType
  nullable: boolean
  /** Optional on insert: the database has a default, or the column is an identity, or the library fills it. */
  generated: boolean
  /** What the codec layer fills on insert (see InsertDefaultMap). */
  insertDefault?: InsertDefault
  /** varchar(n) */
  length?: number
  /** numeric(p, s) */
  precision?: number
  scale?: number
  /** The only values a CHECK constraint allows. */
  values?: Array<string | number>
  /** Bounds a CHECK constraint sets. */
  range?: Range
}

export interface TableModel {
  name: string
  /** The migration that created the table. */
  migration: string
  /** Its schema area: the migration name without the timestamp ('core'). */
  area: string
  primaryKey: string[]
  columns: ColumnModel[]
  /** Its named constraints and unique indexes, in the order PostgreSQL would check them. */
  constraints: ConstraintModel[]
}

export interface ConstraintModel {
  name: string
  kind: ConstraintKind
  /** In definition order. */
  columns: string[]
}

export interface SchemaModel {
  tables: TableModel[]
  /** CHECK constraints that say more than one column's values or bounds (left to the database). */
  otherChecks: string[]
  /** Per table, what only the schema reference shows (physical types, foreign key targets, indexes). */
  postgres: Map<string, PostgresTableFacts>
}

export interface IntrospectOptions {
  migrations: Record<string, DialectMigration>
  /**
   * A PostgreSQL server (postgres://…): a fresh database is created on it for the
   * run and dropped afterwards. Default: PGlite in memory.
   */
  serverUrl?: string
}

/** PostgreSQL type (as kysely-codegen reports it) → logical type. */
const LOGICAL: Record<string, LogicalType> = {
  uuid: 'uuid',
  varchar: 'varchar',
  text: 'text',
  int4: 'integer',
  int2: 'smallint',
  int8: 'bigint',
  float8: 'float',
  numeric: 'numeric',
  bool: 'boolean',
  date: 'date',
  time: 'time',
  timestamp: 'timestamp',
  timestamptz: 'timestamptz',
  jsonb: 'json',
  json: 'json',
  'text[]': 'string_array',
  'varchar[]': 'string_array',
  // the real[] fallback of vector columns where pgvector is missing
  'float4[]': 'vector',
  vector: 'vector',
}

const KYSELY_TABLES = new Set(['kysely_migration', 'kysely_migration_lock'])

interface Target {
  db: Kysely<any>
  close(): Promise<void>
}

async function openPglite(): Promise<Target> {
  const pglite = await PGlite.create('memory://')
  const db = new Kysely<any>({ dialect: new PGliteDialect({ pglite }) })
  return { db, close: () => db.destroy() }
}

async function openServer(serverUrl: string): Promise<Target> {
  const scratch = scratchPostgresDatabase(serverUrl, `rdb_codegen_${process.pid}_${Date.now().toString(36)}`)
  await scratch.create()
  const pool = new pg.Pool({ connectionString: scratch.url, max: 2 })
  // dropping the database with (force) terminates a connection the pool may
  // still hold; that must not crash the run with an unhandled 'error' event
  pool.on('error', () => {})
  const db = new Kysely<any>({ dialect: new PostgresDialect({ pool }) })
  return {
    db,
    close: async () => {
      await db.destroy()
      await scratch.cleanup()
    },
  }
}

async function tableNames(db: Kysely<any>): Promise<string[]> {
  const { rows } = await sql<{ name: string }>`select table_name as name from information_schema.tables
    where table_schema = current_schema() and table_type = 'BASE TABLE'`.execute(db)
  return rows.map((r) => r.name).filter((n) => !KYSELY_TABLES.has(n))
}

/** Runs the migrations one by one, noting which migration created each table. */
async function migrate(db: Kysely<any>, migrations: Record<string, DialectMigration>): Promise<Map<string, string>> {
  const runner = createMigrationRunner(db, migrations, { dialect: postgresMigrationDialect })
  const createdBy = new Map<string, string>()
  for (;;) {
    const steps = await runner.migrateUp()
    if (steps.length === 0) return createdBy
    for (const table of await tableNames(db)) if (!createdBy.has(table)) createdBy.set(table, steps[0]!.name)
  }
}

const FUNCTION_CALL = /\b[a-z_][a-z0-9_]*\s*\(/i
const NOW = /\bnow\(\)|\bcurrent_timestamp\b|\blocaltimestamp\b/i

/** The default expression with its quoted strings blanked, to look for function calls. */
function withoutStrings(expression: string): string {
  return expression.replace(/'(?:[^']|'')*'/g, "''")
}

/**
 * Creates a fresh database (PGlite, or a new database on a server), runs the
 * migrations into it and reads back, per table and column, what the generated
 * files need: kysely-codegen's introspection (types, nullability, defaults,
 * identity) plus what it does not report (varchar lengths, primary keys, the
 * values of default expressions, CHECK constraints).
 */
export async function introspectMigrations(options: IntrospectOptions): Promise<SchemaModel> {
  const target = options.serverUrl ? await openServer(options.serverUrl) : await openPglite()
  try {
    const model = await read(target.db, await migrate(target.db, options.migrations))
    return { ...model, postgres: await readPostgresFacts(target.db) }
  } finally {
    await target.close()
  }
}

async function read(db: Kysely<any>, createdBy: Map<string, string>): Promise<Omit<SchemaModel, 'postgres'>> {
  const metadata = await new PostgresIntrospector().introspect({ db })
  const schema = (await sql<{ s: string }>`select current_schema() as s`.execute(db)).rows[0]!.s

  const { rows: facts } = await sql<{
    table_name: string
    column_name: string
    character_maximum_length: number | null
    numeric_precision: number | null
    numeric_scale: number | null
    data_type: string
    column_default: string | null
    is_identity: string
  }>`select table_name, column_name, character_maximum_length, numeric_precision, numeric_scale, data_type, column_default, is_identity
     from information_schema.columns where table_schema = current_schema()`.execute(db)
  const fact = new Map(facts.map((f) => [`${f.table_name}.${f.column_name}`, f]))

  const { rows: keys } = await sql<{ table_name: string; column_name: string }>`
    select kcu.table_name, kcu.column_name
    from information_schema.table_constraints tc
    join information_schema.key_column_usage kcu
      on kcu.constraint_schema = tc.constraint_schema and kcu.constraint_name = tc.constraint_name and kcu.table_name = tc.table_name
    where tc.constraint_type = 'PRIMARY KEY' and tc.table_schema = current_schema()
    order by kcu.table_name, kcu.ordinal_position`.execute(db)

  const { rows: checks } = await sql<{ table_name: string; name: string; definition: string }>`
    select c.relname as table_name, con.conname as name, pg_get_constraintdef(con.oid) as definition
    from pg_constraint con
    join pg_class c on c.oid = con.conrelid
    where con.contype = 'c' and c.relnamespace = current_schema()::regnamespace
    order by c.relname, con.conname`.execute(db)

  // named constraints, and unique indexes that back no constraint, with their columns
  const { rows: named } = await sql<{ table_name: string; name: string; kind: string; columns: string[] }>`
    select c.relname as table_name, con.conname as name, con.contype as kind,
      array(select a.attname::text from unnest(con.conkey) with ordinality k(attnum, ord)
            join pg_attribute a on a.attrelid = con.conrelid and a.attnum = k.attnum order by k.ord) as columns
    from pg_constraint con join pg_class c on c.oid = con.conrelid
    where c.relnamespace = current_schema()::regnamespace and con.contype in ('p', 'u', 'c', 'f')
    union all
    select t.relname, i.relname, 'i',
      array(select a.attname::text from unnest(x.indkey::int2[]) with ordinality k(attnum, ord)
            join pg_attribute a on a.attrelid = x.indrelid and a.attnum = k.attnum order by k.ord)
    from pg_index x join pg_class i on i.oid = x.indexrelid join pg_class t on t.oid = x.indrelid
    where t.relnamespace = current_schema()::regnamespace and x.indisunique
      and not exists (select from pg_constraint con where con.conindid = x.indexrelid and con.contype in ('p', 'u'))
    order by 1, 2`.execute(db)
  const KINDS: Record<string, ConstraintKind> = { p: 'primaryKey', u: 'unique', i: 'unique', c: 'check', f: 'foreignKey' }
  // of a unique constraint and a unique index on the same columns PostgreSQL reports the
  // older, which in this schema is always the constraint (made with its table, the index
  // after): constraints come first, so the SQLite lookup names the same one. Name order
  // otherwise, which every PostgreSQL version gives alike (creation order does not).
  const constraintsOf = (table: string): ConstraintModel[] =>
    named
      .filter((n) => n.table_name === table)
      .sort((a, b) => Number(a.kind === 'i') - Number(b.kind === 'i'))
      .map((n) => ({ name: n.name, kind: KINDS[n.kind]!, columns: n.columns }))

  // constant default expressions, evaluated by the server itself into JSON values
  const literals = [
    ...new Set(
      facts
        .map((f) => f.column_default)
        .filter((d): d is string => d !== null && !FUNCTION_CALL.test(withoutStrings(d))),
    ),
  ].sort()
  const literalValue = new Map<string, unknown>()
  if (literals.length > 0) {
    const columns = literals.map((expression, i) => sql`to_jsonb(${sql.raw(expression)}) as ${sql.ref(`v${i}`)}`)
    const row = (await sql<Record<string, unknown>>`select ${sql.join(columns)}`.execute(db)).rows[0]!
    literals.forEach((expression, i) => literalValue.set(expression, row[`v${i}`]))
  }

  const otherChecks: string[] = []
  const columnChecks = new Map<string, { values?: Array<string | number>; range?: Range }>()
  for (const check of checks) {
    const parsed = parseCheck(check.definition)
    if (!parsed) {
      otherChecks.push(`${check.table_name}.${check.name}: ${check.definition}`)
      continue
    }
    const key = `${check.table_name}.${parsed.column}`
    const known = columnChecks.get(key) ?? {}
    if (parsed.values) known.values = known.values ? known.values.filter((v) => parsed.values!.includes(v)) : parsed.values
    const range: Range = { ...known.range }
    if (parsed.min !== undefined) range.min = Math.max(parsed.min, range.min ?? -Infinity)
    if (parsed.max !== undefined) range.max = Math.min(parsed.max, range.max ?? Infinity)
    if (parsed.gt !== undefined) range.gt = Math.max(parsed.gt, range.gt ?? -Infinity)
    if (parsed.lt !== undefined) range.lt = Math.min(parsed.lt, range.lt ?? Infinity)
    if (Object.keys(range).length > 0) known.range = range
    columnChecks.set(key, known)
  }

  const tables = metadata.tables
    .filter((t) => (t.schema ?? schema) === schema && !t.isView && !KYSELY_TABLES.has(t.name))
    .map((t): TableModel => {
      const primaryKey = keys.filter((k) => k.table_name === t.name).map((k) => k.column_name)
      const migration = createdBy.get(t.name)
      if (!migration) throw new Error(`table ${t.name} was not created by any migration`)
      const columns = t.columns.map((c): ColumnModel => {
        const where = `${t.name}.${c.name}`
        const pgType = c.isArray ? `${c.dataType}[]` : c.dataType
        const logical = LOGICAL[pgType]
        if (!logical) throw new Error(`${where}: no logical type for PostgreSQL type ${pgType}; teach the codec layer first`)
        const f = fact.get(where)
        if (!f) throw new Error(`${where}: not in information_schema.columns`)
        const model: ColumnModel = { name: c.name, logical, nullable: c.isNullable, generated: false }
        if (logical === 'varchar' && f.character_maximum_length !== null) model.length = Number(f.character_maximum_length)
        if (logical === 'numeric' && f.data_type === 'numeric' && f.numeric_precision !== null) {
          model.precision = Number(f.numeric_precision)
          model.scale = Number(f.numeric_scale ?? 0)
          if (model.scale < 0) throw new Error(`${where}: numeric with a negative scale; teach the codec layer first`)
        }
        Object.assign(model, columnChecks.get(where))

        const expression = f.column_default
        if (c.isAutoIncrementing || f.is_identity === 'YES') {
          model.generated = true
        } else if (expression !== null && NOW.test(expression) && (logical === 'timestamp' || logical === 'timestamptz')) {
          model.generated = true
          model.insertDefault = 'now'
        } else if (expression !== null && literalValue.has(expression)) {
          model.generated = true
          model.insertDefault = { literal: literalValue.get(expression) }
        } else if (logical === 'uuid' && primaryKey.length === 1 && primaryKey[0] === c.name) {
          // the library generates a UUIDv7 when the caller gives none (a database default may exist too)
          model.generated = true
          model.insertDefault = 'uuid'
        } else if (expression !== null || c.hasDefaultValue) {
          model.generated = true // a database expression (a sequence, a function): the database fills it
        }
        return model
      })
      const area = migration.replace(/^\d{8}T\d{4,6}-/, '')
      return { name: t.name, migration, area, primaryKey, columns, constraints: constraintsOf(t.name) }
    })
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
  return { tables, otherChecks }
}
