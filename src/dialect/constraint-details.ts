import type { ConstraintDetails } from '../errors.js'
import { constraints } from '../schema/constraints.js'
import type { ConstraintKind } from '../schema/logical-types.js'

/**
 * What a constraint violation names, completed from the schema's constraint
 * list so that every driver tells the same: PostgreSQL names the table and the
 * constraint (the columns are looked up), SQLite names a UNIQUE's table and
 * columns (the constraint is looked up: a unique constraint before a unique
 * index on the same columns, else the primary key) and only a CHECK's name
 * (the table is looked up when exactly one table has a CHECK of that name).
 * What cannot be told stays undefined (SQLite names nothing of a foreign key).
 */
export function completeConstraintDetails(kind: Exclude<ConstraintKind, 'primaryKey'>, details: ConstraintDetails): ConstraintDetails {
  const { table, constraint, columns } = details
  if (constraint !== undefined) {
    if (table !== undefined) {
      const info = constraints[table]?.[constraint]
      return info ? { table, constraint, columns: [...info.columns] } : details
    }
    const owners = Object.keys(constraints).filter((t) => constraints[t]![constraint]?.kind === kind)
    if (owners.length !== 1) return details
    return { table: owners[0]!, constraint, columns: [...constraints[owners[0]!]![constraint]!.columns] }
  }
  if (kind === 'unique' && table !== undefined && columns !== undefined) {
    const wanted = [...columns].sort().join()
    const named = Object.entries(constraints[table] ?? {})
    const match =
      named.find(([, c]) => c.kind === 'unique' && [...c.columns].sort().join() === wanted) ??
      named.find(([, c]) => c.kind === 'primaryKey' && [...c.columns].sort().join() === wanted)
    return match ? { table, constraint: match[0], columns } : details
  }
  return details
}
