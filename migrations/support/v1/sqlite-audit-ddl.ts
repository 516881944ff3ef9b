import { type RawBuilder, sql } from 'kysely'
import { type AuditedTableShape, type FirstChange, keyMatch, quoteId, versionTableOf, versionWriteSql } from './audit-version-sql.js'

/**
 * The per-connection functions the library registers on every SQLite
 * connection (`src/audit/sqlite-audit-session.ts` implements them): the names
 * are part of what these triggers emit, so they are written here, frozen.
 */
const F = {
  needsTransaction: 'residency_audit_needs_transaction',
  transaction: 'residency_audit_transaction',
  userId: 'residency_audit_user_id',
  remoteAddr: 'residency_audit_remote_addr',
} as const

/**
 * SQLite audit capture: row triggers (SQLite has no statement triggers) that
 * call the per-connection functions of `SqliteAuditSession` for the
 * transaction id and context. A function cannot run a statement on its own
 * connection, so the trigger itself inserts the transaction row when the
 * session has none, and the session adopts its `last_insert_rowid()`.
 *
 * SQLite runs one write transaction at a time, so transaction ids grow in
 * commit order and a row's open version is its version with the highest
 * transaction id below the current one: found through the primary key,
 * whatever the length of the row's history.
 */

const EVENTS = ['insert', 'update', 'rekey', 'delete'] as const
type AuditEvent = (typeof EVENTS)[number]
const triggerName = (table: string, event: AuditEvent) => quoteId(`audit_${table}_${event}`)

const TX = `${F.transaction}(last_insert_rowid())`

/** Creates this transaction's row unless it has one (the first recorded change of the transaction). */
const OPEN_TRANSACTION = `INSERT INTO "transaction" (issued_at, user_id, remote_addr)
  SELECT strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), ${F.userId}(), ${F.remoteAddr}() WHERE ${F.needsTransaction}();`

/** Closes the open version of `row` and writes this transaction's version of it. */
function record(shape: AuditedTableShape, row: 'NEW' | 'OLD', change: FirstChange): string {
  const version = quoteId(versionTableOf(shape.table))
  const open = `(SELECT max(h.transaction_id) FROM ${version} h WHERE ${keyMatch(shape, 'h', row)} AND h.transaction_id < ${TX})`
  return `UPDATE ${version} SET end_transaction_id = ${TX}
  WHERE ${keyMatch(shape, version, row)} AND transaction_id = ${open} AND end_transaction_id IS NULL;
${versionWriteSql(shape, { row, tx: TX, change })};`
}

/** The triggers that record every change to `shape.table`. */
export function sqliteAuditTriggers(shape: AuditedTableShape): RawBuilder<unknown>[] {
  const table = quoteId(shape.table)
  const sameKey = shape.key.map((k) => `OLD.${quoteId(k)} IS NEW.${quoteId(k)}`).join(' AND ')
  const trigger = (event: AuditEvent, statements: string[], when = 'true') =>
    sql.raw(`CREATE TRIGGER ${triggerName(shape.table, event)} AFTER ${event === 'rekey' ? 'UPDATE' : event.toUpperCase()} ON ${table}
FOR EACH ROW WHEN ${when} BEGIN
${[OPEN_TRANSACTION, ...statements].join('\n')}
END`)
  return [
    trigger('insert', [record(shape, 'NEW', { operation: 0 })]),
    trigger('update', [record(shape, 'NEW', { operation: 1, before: 'OLD' })], sameKey),
    // a key change deletes the old key and inserts the new one
    trigger('rekey', [record(shape, 'OLD', { operation: 2 }), record(shape, 'NEW', { operation: 0 })], `NOT (${sameKey})`),
    trigger('delete', [record(shape, 'OLD', { operation: 2 })]),
  ]
}

export function sqliteDropAuditTriggers(table: string): RawBuilder<unknown>[] {
  return EVENTS.map((event) => sql.raw(`DROP TRIGGER IF EXISTS ${triggerName(table, event)}`))
}
