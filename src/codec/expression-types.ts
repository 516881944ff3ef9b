import type { LogicalType } from '../schema/logical-types.js'

/**
 * How many SQL texts keep their expression types: ten times the statement
 * caches, so that a query compiled once (a prepared repository query) keeps its
 * types while its statement is evicted and prepared again.
 */
const CAPACITY = 5_000

/**
 * The logical types of a query's computed result columns, by SQL text: what
 * the codec compiler could tell from the query (`max(created_at) as latest` is
 * a timestamp) for a driver that cannot (better-sqlite3 names the source
 * column of a plain column but not of an expression). The same SQL text always
 * compiles from the same query shape, so the text is a sound key.
 */
export class ExpressionTypes {
  readonly #bySql = new Map<string, ReadonlyMap<string, LogicalType>>()
  #recorded: ((sql: string) => void) | undefined

  /** Records the types of `sql`'s computed columns, by result column name as in the SQL. */
  set(sql: string, types: ReadonlyMap<string, LogicalType>): void {
    if (this.#bySql.has(sql)) return
    if (this.#bySql.size >= CAPACITY) this.#bySql.delete(this.#bySql.keys().next().value!)
    this.#bySql.set(sql, types)
    this.#recorded?.(sql)
  }

  /**
   * Tells `listener` each SQL text whose types are recorded for the first time:
   * a statement of the same text prepared before (raw `sql` run first) must
   * build its row mapper again.
   */
  onRecorded(listener: (sql: string) => void): void {
    this.#recorded = listener
  }

  /** The logical type of result column `column` of `sql`, when the compiler knew it. */
  get(sql: string, column: string): LogicalType | undefined {
    return this.#bySql.get(sql)?.get(column)
  }
}
