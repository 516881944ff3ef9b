import { type RawBuilder, sql } from 'kysely'
import {
  type AuditedTableShape,
  keyMatch,
  quoteId,
  versionTableOf,
  versionUpsertSql,
} from '../audit-version-sql.js'

/**
 * PostgreSQL audit capture: statement-level triggers with transition tables
 * (one set-based close and one set-based insert per statement, whatever the
 * number of rows), so that any SQL on the table is recorded, also from other
 * programs. The transaction row of the database transaction is created by the
 * first recorded statement and remembered in a transaction-local setting
 * (`set_config(…, true)` is reset at commit and rollback, also of a savepoint,
 * so concurrent sessions never share or swap it).
 */

const TX_SETTING = 'residency_db.transaction_id'
const USER_SETTING = 'residency_db.user_id'
const ADDR_SETTING = 'residency_db.remote_addr'

/** Marks the rows of the change set that a statement deleted. */
const DELETED = '_audit_deleted'

const triggerFunction = (table: string) => quoteId(`residency_audit_${table}`)
const triggerName = (table: string, event: string) => quoteId(`audit_${table}_${event}`)
const EVENTS = ['insert', 'update', 'delete', 'truncate'] as const

const setting = (name: string) => `nullif(current_setting('${name}', true), '')`

/** The functions every audited table's trigger uses, and `withAuditContext` calls. */
export function postgresAuditSupport(): RawBuilder<unknown>[] {
  return [
    sql`CREATE FUNCTION residency_audit_current_transaction() RETURNS bigint LANGUAGE sql VOLATILE AS $$
      SELECT ${sql.raw(setting(TX_SETTING))}::bigint
    $$`,
    // ms precision: the stored time is exactly the Date the library returns
    sql`CREATE FUNCTION residency_audit_transaction() RETURNS bigint LANGUAGE plpgsql VOLATILE AS $$
      DECLARE tx bigint := ${sql.raw(setting(TX_SETTING))}::bigint;
      BEGIN
        IF tx IS NULL THEN
          INSERT INTO "transaction" (issued_at, user_id, remote_addr)
          VALUES (date_trunc('milliseconds', clock_timestamp() AT TIME ZONE 'utc'), ${sql.raw(setting(USER_SETTING))}, ${sql.raw(setting(ADDR_SETTING))})
          RETURNING id INTO tx;
          PERFORM set_config('${sql.raw(TX_SETTING)}', tx::text, true);
        END IF;
        RETURN tx;
      END
    $$`,
    sql`CREATE FUNCTION residency_audit_set_context(user_id text, remote_addr text) RETURNS void LANGUAGE plpgsql VOLATILE AS $$
      BEGIN
        PERFORM set_config('${sql.raw(USER_SETTING)}', coalesce(user_id, ''), true);
        PERFORM set_config('${sql.raw(ADDR_SETTING)}', coalesce(remote_addr, ''), true);
      END
    $$`,
  ]
}

export function postgresDropAuditSupport(): RawBuilder<unknown>[] {
  return [
    sql`DROP FUNCTION IF EXISTS residency_audit_set_context(text, text)`,
    sql`DROP FUNCTION IF EXISTS residency_audit_transaction()`,
    sql`DROP FUNCTION IF EXISTS residency_audit_current_transaction()`,
  ]
}

/** Closes the open versions of the change set and writes this transaction's versions. */
function recordChanges(shape: AuditedTableShape, changes: string): string {
  const version = quoteId(versionTableOf(shape.table))
  const close = `UPDATE ${version} v SET end_transaction_id = tx FROM (${changes}) c
      WHERE ${keyMatch(shape, 'v', 'c')} AND v.end_transaction_id IS NULL AND v.transaction_id <> tx;`
  const write = versionUpsertSql(shape, {
    row: 'c',
    from: `(${changes}) c LEFT JOIN ${version} prev ON ${keyMatch(shape, 'prev', 'c')} AND prev.end_transaction_id = tx`,
    tx: 'tx',
    deleted: `c.${DELETED}`,
  })
  return `${close}\n${write};`
}

/** The branch of the trigger function for one event; `changes` lists the changed rows. */
function branch(shape: AuditedTableShape, any: string, changes: string): string {
  // a statement that changed no row records nothing, not even a transaction
  return `IF NOT EXISTS (${any}) THEN RETURN NULL; END IF;
    tx := residency_audit_transaction();
    ${recordChanges(shape, changes)}`
}

/** The trigger function and triggers that record every change to `shape.table`. */
export function postgresAuditTriggers(shape: AuditedTableShape): RawBuilder<unknown>[] {
  const table = quoteId(shape.table)
  const fn = triggerFunction(shape.table)
  const inserted = `SELECT n.*, false AS ${DELETED} FROM new_rows n`
  const deleted = `SELECT o.*, true AS ${DELETED} FROM old_rows o`
  // a key change is the old key's delete and the new key's insert
  const updated = `${inserted} UNION ALL ${deleted} WHERE NOT EXISTS (SELECT FROM new_rows n WHERE ${keyMatch(shape, 'n', 'o')})`
  const truncated = `SELECT t.*, true AS ${DELETED} FROM ${table} t`
  const body = `DECLARE tx bigint;
  BEGIN
    IF TG_OP = 'INSERT' THEN
      ${branch(shape, 'SELECT FROM new_rows', inserted)}
    ELSIF TG_OP = 'UPDATE' THEN
      ${branch(shape, 'SELECT FROM new_rows', updated)}
    ELSIF TG_OP = 'DELETE' THEN
      ${branch(shape, 'SELECT FROM old_rows', deleted)}
    ELSE
      ${branch(shape, `SELECT FROM ${table}`, truncated)}
    END IF;
    RETURN NULL;
  END`
  const trigger = (event: (typeof EVENTS)[number], timing: string, referencing: string) =>
    sql.raw(
      `CREATE TRIGGER ${triggerName(shape.table, event)} ${timing} ${event.toUpperCase()} ON ${table} ${referencing} FOR EACH STATEMENT EXECUTE FUNCTION ${fn}()`,
    )
  return [
    sql.raw(`CREATE FUNCTION ${fn}() RETURNS trigger LANGUAGE plpgsql AS $audit$\n  ${body}\n$audit$`),
    trigger('insert', 'AFTER', 'REFERENCING NEW TABLE AS new_rows'),
    trigger('update', 'AFTER', 'REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows'),
    trigger('delete', 'AFTER', 'REFERENCING OLD TABLE AS old_rows'),
    // TRUNCATE fires no delete trigger: record its rows before they go
    trigger('truncate', 'BEFORE', ''),
  ]
}

export function postgresDropAuditTriggers(table: string): RawBuilder<unknown>[] {
  return [
    ...EVENTS.map((event) => sql.raw(`DROP TRIGGER IF EXISTS ${triggerName(table, event)} ON ${quoteId(table)}`)),
    sql.raw(`DROP FUNCTION IF EXISTS ${triggerFunction(table)}()`),
  ]
}
