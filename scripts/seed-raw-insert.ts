import type BetterSqlite3 from 'better-sqlite3'
import type pg from 'pg'
import { uuidv7 } from '../src/codec/uuid-v7.js'
import type { NewAssignment } from '../src/index.js'

/**
 * The comparison for the library's bulk path: the same assignment rows inserted
 * through the raw driver the way a careful program would, with no validation:
 * multi-row INSERTs of the same batch size (the driver's parameter limit), one
 * prepared statement per batch size, ids (UUIDv7, by the library's own generator,
 * so that the comparison measures the library's work around the insert and not
 * two ways of making ids) and timestamps made in plain code, one transaction per call.
 */
const COLUMNS = ['id', 'block_id', 'person_id', 'rotation_template_id', 'role', 'created_at', 'updated_at', 'schedule_run_id']

function valuesOf(rows: readonly NewAssignment[], start: number, count: number, now: string): unknown[] {
  const values = new Array<unknown>(count * COLUMNS.length)
  for (let r = 0, k = 0; r < count; r++) {
    const row = rows[start + r]!
    values[k++] = uuidv7()
    values[k++] = row.blockId
    values[k++] = row.personId
    values[k++] = row.rotationTemplateId ?? null
    values[k++] = row.role
    values[k++] = now
    values[k++] = now
    values[k++] = row.scheduleRunId ?? null
  }
  return values
}

function insertSql(count: number, placeholder: (i: number) => string): string {
  const tuples: string[] = []
  for (let r = 0; r < count; r++) {
    tuples.push(`(${COLUMNS.map((_, c) => placeholder(r * COLUMNS.length + c + 1)).join(', ')})`)
  }
  return `insert into assignments (${COLUMNS.join(', ')}) values ${tuples.join(', ')}`
}

/**
 * better-sqlite3: batches of floor(32,766 / 8) rows. `afterCommit` runs after each
 * call's transaction (the audit session's bookkeeping, which the audit triggers need).
 */
export function rawSqliteInserter(raw: BetterSqlite3.Database, afterCommit: () => void = () => {}): (rows: readonly NewAssignment[]) => number {
  const perBatch = Math.floor(32_766 / COLUMNS.length)
  const statements = new Map<number, BetterSqlite3.Statement>()
  const statement = (count: number) => {
    let stmt = statements.get(count)
    if (!stmt) statements.set(count, (stmt = raw.prepare(insertSql(count, () => '?'))))
    return stmt
  }
  return (rows) => {
    const now = new Date().toISOString()
    raw.transaction(() => {
      for (let start = 0; start < rows.length; start += perBatch) {
        const count = Math.min(perBatch, rows.length - start)
        statement(count).run(valuesOf(rows, start, count, now))
      }
    })()
    afterCommit()
    return rows.length
  }
}

/** pg: batches of floor(65,535 / 8) rows, named prepared statements. */
export function rawPgInserter(client: pg.ClientBase): (rows: readonly NewAssignment[]) => Promise<number> {
  const perBatch = Math.floor(65_535 / COLUMNS.length)
  const texts = new Map<number, string>()
  return async (rows) => {
    const now = new Date().toISOString()
    await client.query('begin')
    try {
      for (let start = 0; start < rows.length; start += perBatch) {
        const count = Math.min(perBatch, rows.length - start)
        let text = texts.get(count)
        if (!text) texts.set(count, (text = insertSql(count, (i) => `$${i}`)))
        await client.query({ name: `raw_insert_assignments_${count}`, text, values: valuesOf(rows, start, count, now) })
      }
      await client.query('commit')
    } catch (error) {
      await client.query('rollback')
      throw error
    }
    return rows.length
  }
}
