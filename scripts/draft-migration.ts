/**
 * Drafts a migration from the schema spec: prints explicit Kysely builder code
 * for the given tables, in foreign-key order, to review and commit under
 * `migrations/`. Migrations never read the spec at run time; this script only
 * saves typing 1,400 columns by hand.
 *
 *   npx tsx scripts/draft-migration.ts @core                 every table of a domain
 *   npx tsx scripts/draft-migration.ts users @auth -users    tables, domains, exclusions
 *   npx tsx scripts/draft-migration.ts --columns assignments the frozen column list of a versioned table
 */
import { loadSchemaSpec, type SpecColumn, type SpecTable } from '../test/support/schema-spec.js'

const spec = loadSchemaSpec()

function js(value: unknown): string {
  if (typeof value === 'string') return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`
  if (Array.isArray(value)) return `[${value.map(js).join(', ')}]`
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).map(([k, v]) => `${/^[a-z_]\w*$/i.test(k) ? k : js(k)}: ${js(v)}`)
    return entries.length === 0 ? '{}' : `{ ${entries.join(', ')} }`
  }
  return String(value)
}

/** `.method(a, b)` on one line, or one argument a line when that is too wide to read. */
function call(indent: string, method: string, args: string[]): string {
  const line = `${indent}.${method}(${args.join(', ')})`
  if (line.length <= 120) return line
  return [`${indent}.${method}(`, ...args.map((a) => `${indent}  ${a},`), `${indent})`].join('\n')
}

/** A list literal, on one line when it fits, else packed into lines of about 100 characters. */
function packedList(before: string, items: string[], after: string): string[] {
  const oneLine = `${before}[${items.join(', ')}]${after}`
  if (oneLine.length <= 120) return [oneLine]
  const lines = [`${before}[`]
  let current = ''
  for (const item of items) {
    if (current && current.length + item.length > 96) {
      lines.push(`    ${current.trimEnd()}`)
      current = ''
    }
    current += `${item}, `
  }
  return [...lines, `    ${current.trimEnd().replace(/,$/, '')},`, `  ]${after}`]
}

function camel(name: string): string {
  return name.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase())
}

/** The `DdlColumn` argument of `d.type(...)`: only the facts this column has. */
function typeFacts(column: SpecColumn): string {
  const facts: Record<string, unknown> = { type: column.type }
  for (const key of ['length', 'precision', 'scale', 'dimensions'] as const) {
    if (column[key] !== undefined) facts[key] = column[key]
  }
  return js(facts)
}

function columnCall(column: SpecColumn): string {
  if (column.identity) return call('    ', 'addColumn', [`'${column.name}'`, 'd.identityType()', '(c) => d.identity(c)'])
  const parts = column.nullable ? [] : ['.notNull()']
  if (column.default?.kind === 'literal') parts.push(`.defaultTo(d.literal('${column.type}', ${js(column.default.value)}))`)
  if (column.default?.kind === 'now') parts.push(`.defaultTo(d.now('${column.type}'))`)
  const build = parts.length === 0 ? [] : [`(c) => c${parts.join('')}`]
  return call('    ', 'addColumn', [`'${column.name}'`, `d.type(${typeFacts(column)})`, ...build])
}

const ON_DELETE: Record<string, string | undefined> = { CASCADE: 'cascade', 'SET NULL': 'set null', RESTRICT: 'restrict', 'SET DEFAULT': 'set default' }

function constraintCalls(name: string, table: SpecTable): string[] {
  const calls: string[] = []
  const i = '    '
  // an identity column declares its own primary key
  if (!table.columns.some((c) => c.identity)) calls.push(call(i, 'addPrimaryKeyConstraint', [`'${name}_pkey'`, js(table.primaryKey)]))
  for (const fk of table.foreignKeys) {
    const rule = ON_DELETE[fk.onDelete]
    const target = [`'${fk.references.table}'`, js(fk.references.columns)]
    const args = [`'fk_${name}_${fk.columns.join('_')}'`, js(fk.columns), ...target, ...(rule ? [`(fk) => fk.onDelete('${rule}')`] : [])]
    calls.push(call(i, 'addForeignKeyConstraint', args))
  }
  for (const u of table.uniques) calls.push(call(i, 'addUniqueConstraint', [`'${u.name}'`, js(u.columns)]))
  for (const c of table.checks) calls.push(call(i, 'addCheckConstraint', [`'${c.name}'`, `sql.raw(${JSON.stringify(c.sql)})`]))
  return calls
}

function indexStatements(name: string, table: SpecTable): string[] {
  return table.indexes.map((i) => {
    const steps = [`createIndex('${i.name}')`, ...(i.unique ? ['unique()'] : []), `on('${name}')`, `columns(${js(i.columns)})`, 'execute()']
    const line = `  await db.schema.${steps.join('.')}`
    return line.length <= 120 ? line : ['  await db.schema', ...steps.map((step) => `    .${step}`)].join('\n')
  })
}

function tableStatements(name: string, table: SpecTable): string[] {
  if (table.versionOf) {
    const parent = spec.tables[table.versionOf]!
    return [`  await createVersionTable(db, dialect, '${table.versionOf}', ${camel(table.versionOf)}Columns, ${js(parent.primaryKey)})`]
  }
  const head = table.versioned
    ? [`  await addColumns(db.schema.createTable('${name}'), d, ${camel(name)}Columns)`]
    : ['  await db.schema', `    .createTable('${name}')`, ...table.columns.map(columnCall)]
  const chain = [...head, ...constraintCalls(name, table), '    .execute()']
  return [...chain, ...indexStatements(name, table)]
}

/** Tables in an order where every referenced table of the list comes first. */
function foreignKeyOrder(names: string[]): string[] {
  const wanted = new Set(names)
  const ordered: string[] = []
  const visit = (name: string) => {
    if (ordered.includes(name) || !wanted.has(name)) return
    wanted.delete(name)
    for (const fk of spec.tables[name]!.foreignKeys) visit(fk.references.table)
    ordered.push(name)
  }
  for (const name of [...names].sort()) visit(name)
  return ordered
}

function draftMigration(names: string[]): string {
  const ordered = foreignKeyOrder(names)
  const tables = ordered.map((n) => [n, spec.tables[n]!] as const)
  const versioned = tables
    .filter(([, t]) => t.versioned || t.versionOf)
    .map(([n, t]) => camel(t.versionOf ?? n) + 'Columns')
    .sort()
  const needsD = tables.some(([, t]) => !t.versionOf)
  const needsSql = tables.some(([, t]) => t.checks.length > 0 && !t.versionOf)
  const imports = [
    "import type { Kysely } from 'kysely'",
    ...(needsSql ? ["import { sql } from 'kysely'"] : []),
    "import type { MigrationDialect } from './migration-dialect.js'",
    ...(needsD ? ["import { ddlTypes } from './support/v1/ddl-types.js'"] : []),
    ...(tables.some(([, t]) => t.versioned) ? ["import { addColumns } from './support/v1/add-columns.js'"] : []),
    ...(tables.some(([, t]) => t.versionOf) ? ["import { createVersionTable } from './support/v1/version-table.js'"] : []),
    ...(versioned.length > 0 ? [`import { ${versioned.join(', ')} } from './support/v1/versioned-columns.js'`] : []),
  ]
  const body = tables.flatMap(([n, t]) => ['', ...tableStatements(n, t)]).slice(1)
  return [
    ...imports,
    '',
    'export async function up(db: Kysely<any>, dialect: MigrationDialect): Promise<void> {',
    ...(needsD ? ['  const d = ddlTypes(dialect)', ''] : []),
    ...body,
    '}',
    '',
    'export async function down(db: Kysely<any>): Promise<void> {',
    '  // reverse creation order: no table is dropped while a later one still references it',
    ...packedList('  for (const table of ', [...ordered].reverse().map(js), ') {'),
    '    await db.schema.dropTable(table).execute()',
    '  }',
    '}',
    '',
  ].join('\n')
}

function draftColumns(name: string): string {
  const lines = spec.tables[name]!.columns.map((c) => {
    const { enum: _enum, ...facts } = c
    return `  ${js(facts)},`
  })
  return [`export const ${camel(name)}Columns: readonly ColumnDefinition[] = Object.freeze([`, ...lines, '])', ''].join('\n')
}

function selectTables(args: string[]): string[] {
  const selected = new Set<string>()
  for (const arg of args) {
    if (arg.startsWith('@')) {
      for (const [n, t] of Object.entries(spec.tables)) if (t.domain === arg.slice(1)) selected.add(n)
    } else if (arg.startsWith('-')) selected.delete(arg.slice(1))
    else if (spec.tables[arg]) selected.add(arg)
    else throw new Error(`no table ${arg} in the spec`)
  }
  return [...selected]
}

const args = process.argv.slice(2)
if (args[0] === '--columns') process.stdout.write(args.slice(1).map(draftColumns).join('\n'))
else process.stdout.write(draftMigration(selectTables(args)))
