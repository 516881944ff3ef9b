/**
 * The part of the audit triggers both dialects share: the statement that writes
 * a changed row's version of the current transaction, in the SQLAlchemy-Continuum
 * layout (validity strategy, property-modification tracking).
 *
 * A row changed twice in one transaction has one version for it (the version
 * table's key is the row key plus `transaction_id`): the second change rewrites
 * it. So every write computes the version from the row's state before the
 * transaction, which is the version this transaction closed (`prev` below):
 * - `operation_type` 2 when the row is gone, else 1 when it existed before the
 *   transaction (a previous version that is not a delete), else 0;
 * - `<column>_mod` true where the value differs from the previous version, or,
 *   when the row did not exist before, where it is not null.
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

/** The non-key columns: those with a `_mod` flag. */
export function trackedColumns(shape: AuditedTableShape): string[] {
  return shape.columns.filter((c) => !shape.key.includes(c))
}

/** `a.k1 = b.k1 AND a.k2 = b.k2` over the key columns. */
export function keyMatch(shape: AuditedTableShape, left: string, right: string): string {
  return shape.key.map((k) => `${left}.${quoteId(k)} = ${right}.${quoteId(k)}`).join(' AND ')
}

export interface VersionUpsert {
  /** How the changed row is referred to: a row alias (`c`) or `NEW` / `OLD`. */
  readonly row: string
  /** FROM clause giving `row` and, left-joined as `prev`, its version before this transaction. */
  readonly from: string
  /** The current transaction id expression. */
  readonly tx: string
  /** An expression true when the change deleted the row. */
  readonly deleted: string
}

/**
 * INSERT … ON CONFLICT DO UPDATE writing the version of this transaction for
 * each row of `from`. The WHERE keeps SQLite's parser from reading ON CONFLICT
 * as a join constraint.
 */
export function versionUpsertSql(shape: AuditedTableShape, u: VersionUpsert): string {
  const version = quoteId(versionTableOf(shape.table))
  const tracked = trackedColumns(shape)
  const existed = 'prev.operation_type <> 2'
  const values = shape.columns.map((c) => `${u.row}.${quoteId(c)}`)
  const operation = `CASE WHEN ${u.deleted} THEN 2 WHEN ${existed} THEN 1 ELSE 0 END`
  const mods = tracked.map((c) => {
    const value = `${u.row}.${quoteId(c)}`
    return `CASE WHEN ${existed} THEN ${value} IS DISTINCT FROM prev.${quoteId(c)} ELSE ${value} IS NOT NULL END`
  })
  const targets = [
    ...shape.columns.map(quoteId),
    'transaction_id',
    'operation_type',
    ...tracked.map((c) => quoteId(`${c}_mod`)),
  ]
  const rewritten = [...tracked, 'operation_type', ...tracked.map((c) => `${c}_mod`)].map(
    (c) => `${quoteId(c)} = excluded.${quoteId(c)}`,
  )
  return [
    `INSERT INTO ${version} (${targets.join(', ')})`,
    `SELECT ${[...values, u.tx, operation, ...mods].join(', ')}`,
    `FROM ${u.from}`,
    'WHERE true',
    `ON CONFLICT (${[...shape.key.map(quoteId), 'transaction_id'].join(', ')}) DO UPDATE SET ${rewritten.join(', ')}`,
  ].join('\n')
}
