/**
 * The part of the audit triggers both dialects share: the statement that writes
 * a changed row's version for the current transaction, in the
 * SQLAlchemy-Continuum layout (validity strategy, property-modification
 * tracking).
 *
 * A version describes a row's change over a whole transaction, against the
 * row's state before the transaction:
 * - `operation_type` 2 when the row is gone at the end, else 1 when it existed
 *   before the transaction, else 0;
 * - `<column>_mod` true where the value differs from that state or, when the
 *   row did not exist before, where it is not null.
 * On a row's first change in a transaction the state before the statement is
 * the state before the transaction, so the trigger compares with the row before
 * the statement (`OLD`), which costs no lookup. A later change in the same
 * transaction finds that transaction's version already there (the version key
 * is the row key plus `transaction_id`) and rewrites it, comparing with the
 * version this transaction closed.
 */

/** An audited table as the trigger DDL needs it. */
export interface AuditedTableShape {
  /** The audited table; its history is `<table>_version`. */
  readonly table: string
  /** Every column of the table, in order. */
  readonly columns: readonly string[]
  /** The primary key columns. */
  readonly key: readonly string[]
}

/** A double-quoted identifier (valid on both dialects). */
export function quoteId(name: string): string {
  return `"${name.replaceAll('"', '""')}"`
}

export function versionTableOf(table: string): string {
  return `${table}_version`
}

/** `a.k1 = b.k1 AND a.k2 = b.k2` over the key columns. */
export function keyMatch(shape: AuditedTableShape, left: string, right: string): string {
  return shape.key.map((k) => `${left}.${quoteId(k)} = ${right}.${quoteId(k)}`).join(' AND ')
}

/** What one change does to a row, when it is the row's first in the transaction. */
export type FirstChange =
  | { readonly operation: 0 }
  /** `before`: how the row before the statement is referred to (`OLD`, or an alias). */
  | { readonly operation: 1; readonly before: string }
  | { readonly operation: 2 }

export interface VersionWrite {
  /** How the changed row's values are referred to: `NEW`, `OLD` or a row alias. */
  readonly row: string
  /** `FROM … [WHERE …]` giving the changed rows; omitted for a single row (`NEW` / `OLD`). */
  readonly from?: string
  /** The current transaction id. */
  readonly tx: string
  readonly change: FirstChange
}

function firstChangeFlag(change: FirstChange, value: string, column: string): string {
  switch (change.operation) {
    case 0:
      return `${value} IS NOT NULL`
    case 1:
      return `${value} IS DISTINCT FROM ${change.before}.${quoteId(column)}`
    case 2:
      return 'false'
  }
}

/**
 * `INSERT … ON CONFLICT DO UPDATE` writing (or rewriting) the version of this
 * transaction for the changed rows.
 */
export function versionWriteSql(shape: AuditedTableShape, w: VersionWrite): string {
  const version = quoteId(versionTableOf(shape.table))
  const tracked = shape.columns.filter((c) => !shape.key.includes(c))
  const flags = tracked.map((c) => quoteId(`${c}_mod`))
  const values = [
    ...shape.columns.map((c) => `${w.row}.${quoteId(c)}`),
    w.tx,
    String(w.change.operation),
    ...tracked.map((c) => firstChangeFlag(w.change, `${w.row}.${quoteId(c)}`, c)),
  ]
  const targets = [...shape.columns.map(quoteId), 'transaction_id', 'operation_type', ...flags]

  // a later change in the same transaction: against the version this transaction closed, found
  // through the key (the unary plus keeps SQLite off the end_transaction_id index)
  const existed = 'prev.operation_type <> 2'
  const recomputed = [
    `CASE WHEN excluded.operation_type = 2 THEN 2 WHEN ${existed} THEN 1 ELSE 0 END`,
    ...tracked.map((c) => {
      const value = `excluded.${quoteId(c)}`
      return `CASE WHEN ${existed} THEN ${value} IS DISTINCT FROM prev.${quoteId(c)} ELSE ${value} IS NOT NULL END`
    }),
  ]
  const previous = `(SELECT 1) AS one LEFT JOIN ${version} prev ON ${keyMatch(shape, 'prev', 'excluded')} AND +prev.end_transaction_id = excluded.transaction_id`
  const rewrite = [
    ...tracked.map((c) => `${quoteId(c)} = excluded.${quoteId(c)}`),
    `(operation_type, ${flags.join(', ')}) = (SELECT ${recomputed.join(', ')} FROM ${previous})`,
  ]
  return [
    `INSERT INTO ${version} (${targets.join(', ')})`,
    w.from === undefined ? `VALUES (${values.join(', ')})` : `SELECT ${values.join(', ')} ${w.from}`,
    `ON CONFLICT (${[...shape.key.map(quoteId), 'transaction_id'].join(', ')}) DO UPDATE SET ${rewrite.join(', ')}`,
  ].join('\n')
}
