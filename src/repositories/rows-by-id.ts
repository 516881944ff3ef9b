/**
 * Ids per `in (…)` list: far below SQLite's 32,766 and PostgreSQL's 65,535
 * bound parameters, and small enough for the planner to use the primary key.
 */
const CHUNK_SIZE = 500

/**
 * Loads the rows a result refers to (its blocks, people, …) with one query per
 * 500 distinct ids instead of one per row, keyed by id. Null ids are skipped.
 */
export async function rowsById<T extends { id: string }>(
  ids: Iterable<string | null>,
  load: (chunk: string[]) => Promise<T[]>,
): Promise<Map<string, T>> {
  const distinct = [...new Set(ids)].filter((id): id is string => id !== null)
  const rows = new Map<string, T>()
  for (let i = 0; i < distinct.length; i += CHUNK_SIZE) {
    for (const row of await load(distinct.slice(i, i + CHUNK_SIZE))) rows.set(row.id, row)
  }
  return rows
}
