import type { ForeignKeyFacts } from './introspect-reference.js'
import type { TableModel } from './introspect.js'

/** What the diagram of one area needs: its tables, and per table its foreign keys and the area of any table. */
export interface DiagramInput {
  tables: TableModel[]
  foreignKeys: (table: string) => ForeignKeyFacts[]
  areaOf: (table: string) => string
}

const sameColumns = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((c) => b.includes(c))

/**
 * The key columns of a table, with their Mermaid keys (PK, FK, UK): the
 * attributes a diagram shows. The other columns are in the table listing.
 */
function keyAttributes(t: TableModel, foreignKeys: ForeignKeyFacts[]): string[] {
  const fk = new Set(foreignKeys.flatMap((f) => f.columns))
  const uk = new Set(t.constraints.filter((c) => c.kind === 'unique').flatMap((c) => c.columns))
  const pk = new Set(t.primaryKey)
  const lines: string[] = []
  for (const c of t.columns) {
    const keys = [pk.has(c.name) && 'PK', fk.has(c.name) && 'FK', uk.has(c.name) && 'UK'].filter((k): k is string => typeof k === 'string')
    if (keys.length > 0) lines.push(`    ${c.logical} ${c.name} ${keys.join(', ')}`)
  }
  return lines
}

/**
 * One relationship line, the referencing table first: `}o` many rows (`|o` one
 * at most when the key columns are unique) to `||` exactly one (`o|` when a
 * key column may be null). Solid when the key is part of the primary key
 * (identifying), dotted otherwise; labelled with the key columns.
 */
function relationship(t: TableModel, fk: ForeignKeyFacts): string {
  const nullable = fk.columns.some((name) => t.columns.find((c) => c.name === name)?.nullable)
  const unique =
    sameColumns(fk.columns, t.primaryKey) || t.constraints.some((c) => c.kind === 'unique' && sameColumns(c.columns, fk.columns))
  const identifying = fk.columns.every((c) => t.primaryKey.includes(c))
  const many = unique ? '|o' : '}o'
  const one = nullable ? 'o|' : '||'
  return `  ${t.name} ${many}${identifying ? '--' : '..'}${one} ${fk.table} : "${fk.columns.join(', ')}"`
}

/**
 * A Mermaid `erDiagram` of one area's tables (their key columns) and their
 * foreign keys; a table of another area that one of them refers to is drawn
 * without columns and labelled with its area (`people (core)`).
 */
export function renderErDiagram(input: DiagramInput): string {
  const lines = ['```mermaid', 'erDiagram']
  const here = new Set(input.tables.map((t) => t.name))
  for (const t of input.tables) {
    const attributes = keyAttributes(t, input.foreignKeys(t.name))
    if (attributes.length === 0) lines.push(`  ${t.name}`)
    else lines.push(`  ${t.name} {`, ...attributes, '  }')
  }
  const outside = [...new Set(input.tables.flatMap((t) => input.foreignKeys(t.name).map((f) => f.table)))].filter((n) => !here.has(n)).sort()
  for (const name of outside) lines.push(`  ${name}["${name} (${input.areaOf(name)})"]`)
  for (const t of input.tables) for (const fk of input.foreignKeys(t.name)) lines.push(relationship(t, fk))
  lines.push('```')
  return lines.join('\n')
}
