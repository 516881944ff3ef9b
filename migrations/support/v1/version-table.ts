import { sql, type Kysely } from 'kysely'
import type { MigrationDialect } from '../../migration-dialect.js'
import { ddlTypes } from './ddl-types.js'
import { addColumns, type ColumnDefinition } from './add-columns.js'

/**
 * The columns of a SQLAlchemy-Continuum version table (validity strategy with
 * property-modification tracking) for a parent table: every parent column as
 * nullable and default-free (key columns stay NOT NULL, they lead the primary
 * key), the transaction bookkeeping, and a `<column>_mod` flag per non-key column.
 */
export function versionColumns(
  parentColumns: readonly ColumnDefinition[],
  parentKey: readonly string[],
): ColumnDefinition[] {
  const history = parentColumns.map(({ default: _default, ...facts }): ColumnDefinition => ({
    ...facts,
    nullable: !parentKey.includes(facts.name),
  }))
  const flags = parentColumns
    .filter((column) => !parentKey.includes(column.name))
    .map((column): ColumnDefinition => ({
      name: `${column.name}_mod`,
      type: 'boolean',
      nullable: false,
      default: { kind: 'literal', value: false },
    }))
  return [
    ...history,
    { name: 'transaction_id', type: 'bigint', nullable: false },
    { name: 'end_transaction_id', type: 'bigint', nullable: true },
    { name: 'operation_type', type: 'smallint', nullable: false },
    ...flags,
  ]
}

/**
 * Creates `<parent>_version` with its keys, links to `transaction`, indexes and
 * operation check. Requires the `transaction` table to exist.
 */
export async function createVersionTable(
  db: Kysely<any>,
  dialect: MigrationDialect,
  parent: string,
  parentColumns: readonly ColumnDefinition[],
  parentKey: readonly string[],
): Promise<void> {
  const table = `${parent}_version`
  await addColumns(db.schema.createTable(table), ddlTypes(dialect), versionColumns(parentColumns, parentKey))
    .addPrimaryKeyConstraint(`${table}_pkey`, [...parentKey, 'transaction_id'])
    .addForeignKeyConstraint(`fk_${table}_transaction_id`, ['transaction_id'], 'transaction', ['id'])
    .addForeignKeyConstraint(`fk_${table}_end_transaction_id`, ['end_transaction_id'], 'transaction', ['id'])
    .addCheckConstraint(`check_${table}_operation_type`, sql`operation_type IN (0, 1, 2)`)
    .execute()
  const indexes: [suffix: string, column: string][] = [
    ['end_transaction', 'end_transaction_id'],
    ['operation', 'operation_type'],
    ['transaction', 'transaction_id'],
  ]
  for (const [suffix, column] of indexes) {
    await db.schema.createIndex(`idx_${table}_${suffix}`).on(table).column(column).execute()
  }
}
