/** One change of the bridging migration, as the report shows it and the adopter runs it. */
export interface AdoptStep {
  /** The table it changes (its name after any rename), or `*` for the whole database. */
  table: string
  /** What it does, for a person: `add column font_color`. */
  action: string
  /** The statements, run in order inside one savepoint. */
  sql: string[]
  /**
   * A query returning `count` of the rows that would stop the step (data that
   * breaks a CHECK, duplicates, orphans, NULLs, values too long); a count above
   * zero means it cannot be bridged safely and the whole adoption is refused.
   */
  guard?: { sql: string; problem: string }
  /** Runs after `sql` (for a step whose statements the library builds itself). */
  run?: () => Promise<void>
}

/** Something about the database that adoption leaves as it is. */
export interface AdoptNote {
  table: string
  note: string
}

/** `"name"` with inner quotes doubled. */
export const q = (name: string): string => `"${name.replace(/"/g, '""')}"`

/** `'text'` with inner quotes doubled. */
export const lit = (text: string): string => `'${text.replace(/'/g, "''")}'`

/** `("a", "b")`. */
export const qList = (names: readonly string[]): string => `(${names.map(indexPart).join(', ')})`

/** An index key part: a column name quoted, an expression (as the catalog prints it) wrapped. */
function indexPart(part: string): string {
  return /^[a-z_][a-z0-9_$]*$/i.test(part) ? q(part) : `(${part})`
}
