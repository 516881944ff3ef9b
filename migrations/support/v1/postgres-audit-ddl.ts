import { type RawBuilder, sql } from 'kysely'
import { type AuditedTableShape, type FirstChange, keyMatch, quoteId, versionTableOf, versionWriteSql } from './audit-version-sql.js'

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

const triggerFunction = (table: string) => quoteId(`residency_audit_${table}`)
const triggerName = (table: string, event: string) => quoteId(`audit_${table}_${event}`)
const EVENTS = ['insert', 'update', 'delete', 'truncate'] as const

const setting = (name: string) => `nullif(current_setting('${name}', true), '')`

/** The functions every audited table's trigger uses, and `withAuditContext` calls. */
export function postgresAuditSupport(): RawBuilder<unknown>[] {
  return [
    `CREATE FUNCTION residency_audit_current_transaction() RETURNS bigint LANGUAGE sql VOLATILE AS $$
      SELECT ${setting(TX_SETTING)}::bigint
    $$`,
    // ms precision: the stored time is exactly the Date the library returns
    `CREATE FUNCTION residency_audit_transaction() RETURNS bigint LANGUAGE plpgsql VOLATILE AS $$
      DECLARE tx bigint := ${setting(TX_SETTING)}::bigint;
      BEGIN
        IF tx IS NULL THEN
          INSERT INTO "transaction" (issued_at, user_id, remote_addr)
          VALUES (date_trunc('milliseconds', clock_timestamp() AT TIME ZONE 'utc'), ${setting(USER_SETTING)}, ${setting(ADDR_SETTING)})
          RETURNING id INTO tx;
          PERFORM set_config('${TX_SETTING}', tx::text, true);
        END IF;
        RETURN tx;
      END
    $$`,
    `CREATE FUNCTION residency_audit_set_context(user_id text, remote_addr text) RETURNS void LANGUAGE plpgsql VOLATILE AS $$
      BEGIN
        PERFORM set_config('${USER_SETTING}', coalesce(user_id, ''), true);
        PERFORM set_config('${ADDR_SETTING}', coalesce(remote_addr, ''), true);
      END
    $$`,
  ].map((text) => sql.raw(text))
}

export function postgresDropAuditSupport(): RawBuilder<unknown>[] {
  return [
    'DROP FUNCTION IF EXISTS residency_audit_set_context(text, text)',
    'DROP FUNCTION IF EXISTS residency_audit_transaction()',
    'DROP FUNCTION IF EXISTS residency_audit_current_transaction()',
  ].map((text) => sql.raw(text))
}

/** Closes the open versions of the rows in `keys` (a row source with the key columns). */
function close(shape: AuditedTableShape, keys: string): string {
  const version = quoteId(versionTableOf(shape.table))
  return `UPDATE ${version} v SET end_transaction_id = tx FROM ${keys}
      WHERE ${keyMatch(shape, 'v', 'c')} AND v.end_transaction_id IS NULL AND v.transaction_id <> tx;`
}

/** Writes this transaction's versions of the rows `from` gives. */
function write(shape: AuditedTableShape, from: string, row: string, change: FirstChange): string {
  return `${versionWriteSql(shape, { row, from, tx: 'tx', change })};`
}

/** The trigger function and triggers that record every change to `shape.table`. */
export function postgresAuditTriggers(shape: AuditedTableShape): RawBuilder<unknown>[] {
  const table = quoteId(shape.table)
  const fn = triggerFunction(shape.table)
  const newOnly = `FROM new_rows n WHERE NOT EXISTS (SELECT FROM old_rows o WHERE ${keyMatch(shape, 'n', 'o')})`
  const oldOnly = `FROM old_rows o WHERE NOT EXISTS (SELECT FROM new_rows n WHERE ${keyMatch(shape, 'n', 'o')})`
  // a statement that changed no row records nothing, not even a transaction
  const branch = (changed: string, ...statements: string[]) => `IF NOT EXISTS (SELECT FROM ${changed}) THEN RETURN NULL; END IF;
      tx := residency_audit_transaction();
      ${statements.join('\n      ')}`
  const body = `DECLARE
    tx bigint;
    matched bigint;
  BEGIN
    IF TG_OP = 'INSERT' THEN
      ${branch('new_rows', close(shape, 'new_rows c'), write(shape, 'FROM new_rows n', 'n', { operation: 0 }))}
    ELSIF TG_OP = 'UPDATE' THEN
      ${branch(
        'new_rows',
        close(shape, 'new_rows c'),
        write(shape, `FROM new_rows n JOIN old_rows o ON ${keyMatch(shape, 'n', 'o')}`, 'n', { operation: 1, before: 'o' }),
        // a key change deletes the old key and inserts the new one
        `GET DIAGNOSTICS matched = ROW_COUNT;
      IF matched < (SELECT count(*) FROM new_rows) THEN
        ${write(shape, newOnly, 'n', { operation: 0 })}
        ${close(shape, `(SELECT o.* ${oldOnly}) c`)}
        ${write(shape, oldOnly, 'o', { operation: 2 })}
      END IF;`,
      )}
    ELSIF TG_OP = 'DELETE' THEN
      ${branch('old_rows', close(shape, 'old_rows c'), write(shape, 'FROM old_rows o', 'o', { operation: 2 }))}
    ELSE
      ${branch(table, close(shape, `${table} c`), write(shape, `FROM ${table} o`, 'o', { operation: 2 }))}
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
