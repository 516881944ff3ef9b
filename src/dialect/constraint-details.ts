import type { ConstraintDetails } from '../errors.js'
import { constraints } from '../schema/generated/constraints.js'
import type { ConstraintKind } from '../schema/logical-types.js'

/**
 * What a constraint violation names, completed from the schema's constraint
 * list so that every driver tells the same: PostgreSQL names the table and the
 * constraint (the columns are looked up), SQLite names a UNIQUE's table and
 * columns (the constraint is looked up: for a UNIQUE a unique constraint,
 * then a unique index, then the primary key on those columns; for a PRIMARY KEY
 * the primary key first) and only a CHECK's name
 * (the table is looked up when exactly one table has a CHECK of that name).
 * What cannot be told stays undefined (SQLite names nothing of a foreign key).
 */
export function completeConstraintDetails(kind: ConstraintKind, details: ConstraintDetails): ConstraintDetails {
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
  if ((kind === 'unique' || kind === 'primaryKey') && table !== undefined && columns !== undefined) {
    const wanted = [...columns].sort().join()
    const named = Object.entries(constraints[table] ?? {})
    const on = (k: ConstraintKind) => named.find(([, c]) => c.kind === k && [...c.columns].sort().join() === wanted)
    const match = kind === 'primaryKey' ? (on('primaryKey') ?? on('unique')) : (on('unique') ?? on('primaryKey'))
    return match ? { table, constraint: match[0], columns } : details
  }
  return details
}
