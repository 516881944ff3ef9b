import { readFileSync } from 'node:fs'
import { sql, type Kysely } from 'kysely'

const dir = new URL('../fixtures/alembic-2025-12-30/', import.meta.url)

/**
 * The statements of a pg_dump/psql script, one by one (a statement ends with a
 * line ending in `;` outside a `$$` body), without comments and without the
 * dump's `set_config('search_path', '')`, which would leave a pooled connection
 * with no schema.
 */
export function sqlStatements(script: string): string[] {
  const out: string[] = []
  let current: string[] = []
  let inBody = false
  for (const line of script.split('\n')) {
    if (!inBody && (line.startsWith('--') || line.trim() === '')) continue
    current.push(line)
    if ((line.match(/\$\$/g)?.length ?? 0) % 2 === 1) inBody = !inBody
    if (!inBody && line.trimEnd().endsWith(';')) {
      out.push(current.join('\n'))
      current = []
    }
  }
  return out.filter((s) => !s.includes("set_config('search_path'"))
}

/** Loads the Alembic-built fixture (schema, then data) into an empty database. */
export async function loadAlembicFixture(db: Kysely<any>): Promise<void> {
  const plain = db.withoutPlugins()
  for (const file of ['schema.sql', 'data.sql']) {
    for (const statement of sqlStatements(readFileSync(new URL(file, dir), 'utf8'))) await sql.raw(statement).execute(plain)
  }
}

/** Every row of `table` as text (NULL as `∅`), sorted: equal lists mean equal counts and checksums. */
export async function rowTexts(db: Kysely<any>, table: string, columns: readonly string[], lowered: readonly string[] = []): Promise<string[]> {
  const parts = columns.map((c) => {
    const text = `${JSON.stringify(c)}::text`
    return `coalesce(${lowered.includes(c) ? `lower(${text})` : text}, '∅')`
  })
  const { rows } = await sql<{ row: string }>`select concat_ws('|', ${sql.raw(parts.join(', '))}) as row from ${sql.id(table)}`.execute(db.withoutPlugins())
  return rows.map((r) => r.row).sort()
}
