import { sql, type Kysely } from 'kysely'
import type { Catalog, CatalogTable } from '../dialect/catalog.js'
import { type AdoptStep, lit, q } from './adopt-step.js'
import { segments } from './sql-text.js'

/** The lower-case values a CHECK lists, and the columns it names. */
function enumCheck(check: string, table: CatalogTable): { columns: string[]; values: string[] } | null {
  const parts = segments(check)
  const values = parts.filter((p) => p.quoted).map((p) => p.text.slice(1, -1))
  if (values.length === 0 || !values.every((v) => /^[a-z][a-z0-9_]*$/.test(v))) return null
  const code = parts.filter((p) => !p.quoted).map((p) => p.text).join(' ')
  const columns = table.columns
    .filter((c) => /^(varchar|text|char)/.test(c.type) && new RegExp(`\\b${c.name}\\b`).test(code))
    .map((c) => c.name)
  return columns.length > 0 ? { columns, values } : null
}

/**
 * Enum values written as names (`PENDING`, as SQLAlchemy's Enum stores them)
 * rewritten to ours (`pending`), in the table and in its history: for every
 * CHECK of ours that lists lower-case values, the values of its columns whose
 * lower case is one of them. Only where such rows exist.
 */
export async function enumSteps(trx: Kysely<any>, expected: Catalog, live: Catalog): Promise<AdoptStep[]> {
  const steps: AdoptStep[] = []
  for (const e of Object.values(expected.tables)) {
    for (const check of e.checks) {
      const found = enumCheck(check.sql, e)
      if (!found) continue
      for (const column of found.columns) {
        for (const table of [e.name, `${e.name}_version`]) {
          if (!live.tables[table]?.columns.some((c) => c.name === column)) continue
          const where = `${q(column)} <> lower(${q(column)}) AND lower(${q(column)}) IN (${found.values.map(lit).join(', ')})`
          const { rows } = await sql<{ count: string | number }>`select count(*) as count from ${sql.raw(q(table))} where ${sql.raw(where)}`.execute(trx)
          const count = Number(rows[0]!.count)
          if (count === 0) continue
          steps.push({
            table,
            action: `rewrite ${count} upper-case value(s) of ${column} to ours (${found.values.join(', ')})`,
            sql: [`UPDATE ${q(table)} SET ${q(column)} = lower(${q(column)}) WHERE ${where}`],
          })
        }
      }
    }
  }
  return steps
}

/**
 * The `_mod` flags of the history tables, worked out from their rows as
 * Continuum would have set them (an insert marks the columns it set, an update
 * the columns that differ from the version it superseded, a delete none): all
 * rows for a flag this adoption added (`before` is the catalog before columns
 * were added), the NULL ones for a flag that was there.
 */
export async function modFlagSteps(trx: Kysely<any>, expected: Catalog, before: Catalog): Promise<AdoptStep[]> {
  const steps: AdoptStep[] = []
  for (const e of Object.values(expected.tables)) {
    if (!e.name.endsWith('_version') || !e.columns.some((c) => c.name === 'operation_type')) continue
    const table = e.name
    const had = new Set(before.tables[table]?.columns.map((c) => c.name) ?? [])
    if (!before.tables[table]) continue // created empty
    const key = e.primaryKey.filter((k) => k !== 'transaction_id')
    const previous = (column: string) =>
      `(SELECT p.${q(column)} FROM ${q(table)} p WHERE ${key.map((k) => `p.${q(k)} = v.${q(k)}`).join(' AND ')} AND p.end_transaction_id = v.transaction_id)`
    const computed = (column: string) =>
      `CASE v.operation_type WHEN 0 THEN v.${q(column)} IS NOT NULL WHEN 1 THEN v.${q(column)} IS DISTINCT FROM ${previous(column)} ELSE false END`
    const sets: string[] = []
    for (const mod of e.columns.map((c) => c.name).filter((c) => c.endsWith('_mod'))) {
      const column = mod.slice(0, -'_mod'.length)
      if (!had.has(mod)) sets.push(`${q(mod)} = ${computed(column)}`)
      else {
        const { rows } = await sql<{ count: string | number }>`select count(*) as count from ${sql.raw(q(table))} where ${sql.raw(q(mod))} is null`.execute(trx)
        if (Number(rows[0]!.count) > 0) sets.push(`${q(mod)} = coalesce(v.${q(mod)}, ${computed(column)})`)
      }
    }
    if (sets.length === 0) continue
    steps.push({ table, action: `work out ${sets.length} _mod flag(s) of the history rows`, sql: [`UPDATE ${q(table)} v SET\n  ${sets.join(',\n  ')}`] })
  }
  return steps
}
