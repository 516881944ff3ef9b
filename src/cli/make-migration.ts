import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { UsageError } from './cli-args.js'

const TEMPLATE = (ts: boolean) =>
  ts
    ? `import type { Kysely } from 'kysely'
import type { MigrationDialect } from 'residency-db'

// Runs after the library's migrations, recorded in the service's migration table.
// db is a plain Kysely (snake_case SQL as written); dialect.name is 'postgres' or 'sqlite'.
export async function up(db: Kysely<any>, dialect: MigrationDialect): Promise<void> {
  // await db.schema.createTable('shift_notes').addColumn('id', dialect.name === 'postgres' ? 'uuid' : 'char(36)', (c) => c.primaryKey()).execute()
}

export async function down(db: Kysely<any>, dialect: MigrationDialect): Promise<void> {
  // await db.schema.dropTable('shift_notes').execute()
}
`
    : `// Runs after the library's migrations, recorded in the service's migration table.
// db is a plain Kysely (snake_case SQL as written); dialect.name is 'postgres' or 'sqlite'.
/** @param {import('kysely').Kysely<any>} db @param {import('residency-db').MigrationDialect} dialect */
export async function up(db, dialect) {}

/** @param {import('kysely').Kysely<any>} db @param {import('residency-db').MigrationDialect} dialect */
export async function down(db, dialect) {}
`

/** `20260301T0930`: UTC, sorts as it was written, the library's own naming. */
export function migrationStamp(now: Date): string {
  return now.toISOString().slice(0, 16).replace(/[-:]/g, '')
}

/**
 * Writes `<folder>/<stamp>-<name>.ts` (or `.mjs` where `cwd` has no tsconfig.json)
 * with an empty up and down; returns its path.
 */
export function makeMigration(folder: string, name: string, cwd = process.cwd(), now = new Date()): string {
  if (!/^[a-z0-9][a-z0-9-]*$/.test(name)) {
    throw new UsageError(`migration name '${name}' must be lowercase letters, digits and dashes (e.g. add-shift-notes)`)
  }
  const dir = resolve(cwd, folder)
  mkdirSync(dir, { recursive: true })
  const stamp = migrationStamp(now)
  const taken = readdirSync(dir).find((f) => f.startsWith(`${stamp}-${name}.`))
  if (taken) throw new UsageError(`${join(dir, taken)} already exists: choose another name or wait a minute`)
  const ts = existsSync(resolve(cwd, 'tsconfig.json'))
  const file = join(dir, `${stamp}-${name}.${ts ? 'ts' : 'mjs'}`)
  writeFileSync(file, TEMPLATE(ts), { flag: 'wx' })
  return file
}
