import { type Kysely, sql } from 'kysely'
import type { MigrationDialect } from '../../migration-dialect.js'
import { auditDdl } from './audit-ddl.js'
import type { ColumnDefinition } from './add-columns.js'

/** An audited table as a migration froze it: its columns then, and its key. */
export interface AuditedTable {
  readonly table: string
  readonly columns: readonly ColumnDefinition[]
  readonly key: readonly string[]
}

/**
 * Installs the triggers that record every change to `tables` in their
 * `<table>_version` tables (DDL from the audit DDL helper, so the migration does
 * not branch on the dialect). The trigger text lists the frozen columns: a later
 * migration that changes an audited table's columns drops and reinstalls its
 * triggers with the new list.
 *
 * Rows that are already there get a first version (operation 0, one shared
 * transaction row without a user), so that every live row has a history to
 * continue; rows that already have an open version are left alone.
 */
export async function installAuditTriggers(
  db: Kysely<any>,
  dialect: MigrationDialect,
  tables: readonly AuditedTable[],
): Promise<void> {
  const audit = auditDdl(dialect)
  for (const statement of audit.support()) await statement.execute(db)
  let baseline: number | undefined
  for (const t of tables) {
    const unrecorded = await db
      .selectFrom(`${t.table} as t`)
      .select(sql.lit(1).as('one'))
      .where(({ not, exists }) => not(exists(openVersion(db, t))))
      .limit(1)
      .execute()
    if (unrecorded.length > 0) {
      baseline ??= Number((await db.insertInto('transaction').defaultValues().returning('id').executeTakeFirstOrThrow()).id)
      await recordExistingRows(db, t, baseline)
    }
    for (const statement of audit.triggers(t.table, t.columns.map((c) => c.name), t.key)) await statement.execute(db)
  }
}

/** Removes what `installAuditTriggers` created; the history rows stay. */
export async function removeAuditTriggers(
  db: Kysely<any>,
  dialect: MigrationDialect,
  tables: readonly AuditedTable[],
): Promise<void> {
  const audit = auditDdl(dialect)
  for (const t of [...tables].reverse()) {
    for (const statement of audit.dropTriggers(t.table)) await statement.execute(db)
  }
  for (const statement of audit.dropSupport()) await statement.execute(db)
}

/** The open, not deleted version of the row `t` (a correlated subquery). */
function openVersion(db: Kysely<any>, t: AuditedTable) {
  let query = db
    .selectFrom(`${t.table}_version as v`)
    .select(sql.lit(1).as('one'))
    .where('v.end_transaction_id', 'is', null)
    .where('v.operation_type', '<>', 2)
  for (const k of t.key) query = query.whereRef(`v.${k}`, '=', `t.${k}`)
  return query
}

async function recordExistingRows(db: Kysely<any>, t: AuditedTable, transactionId: number): Promise<void> {
  const tracked = t.columns.filter((c) => !t.key.includes(c.name)).map((c) => c.name)
  const targets = [...t.columns.map((c) => c.name), 'transaction_id', 'operation_type', ...tracked.map((c) => `${c}_mod`)]
  const values = [
    ...t.columns.map((c) => sql.ref(`t.${c.name}`)),
    sql.lit(transactionId),
    sql.lit(0),
    ...tracked.map((c) => sql`${sql.ref(`t.${c}`)} IS NOT NULL`),
  ]
  await db
    .insertInto(`${t.table}_version`)
    .columns(targets)
    .expression(
      db
        .selectFrom(`${t.table} as t`)
        .select(values.map((v, i) => v.as(`c${i}`)))
        .where(({ not, exists }) => not(exists(openVersion(db, t)))),
    )
    .execute()
}
