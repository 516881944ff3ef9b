// Frozen with the migrations that use it (support v1): never edited after
// release. A change is a new helper version (support/v2) used by new migrations.
import type { RawBuilder } from 'kysely'
import type { MigrationDialect } from '../../migration-dialect.js'
import {
  postgresAuditSupport,
  postgresAuditTriggers,
  postgresDropAuditSupport,
  postgresDropAuditTriggers,
} from './postgres-audit-ddl.js'
import { sqliteAuditTriggers, sqliteDropAuditTriggers } from './sqlite-audit-ddl.js'

/**
 * The audit capture DDL of one dialect, as these migrations knew it (the
 * physical column types are `DdlTypes`' job). Migrations never branch on the
 * dialect themselves.
 */
export interface AuditDdl {
  /** What every audited table's triggers use: functions on PostgreSQL, nothing on SQLite (the connection provides them). */
  support(): RawBuilder<unknown>[]
  dropSupport(): RawBuilder<unknown>[]
  /**
   * The triggers that record every insert, update and delete of `table` into
   * `<table>_version` (see `audit-version-sql.ts`); `columns` are all of the
   * table's columns, `key` its primary key.
   */
  triggers(table: string, columns: readonly string[], key: readonly string[]): RawBuilder<unknown>[]
  dropTriggers(table: string): RawBuilder<unknown>[]
}

const postgresAuditDdl: AuditDdl = {
  support: postgresAuditSupport,
  dropSupport: postgresDropAuditSupport,
  triggers: (table, columns, key) => postgresAuditTriggers({ table, columns, key }),
  dropTriggers: postgresDropAuditTriggers,
}

const sqliteAuditDdl: AuditDdl = {
  support: () => [],
  dropSupport: () => [],
  triggers: (table, columns, key) => sqliteAuditTriggers({ table, columns, key }),
  dropTriggers: sqliteDropAuditTriggers,
}

/** The audit capture DDL for the dialect a migration was given. */
export function auditDdl(dialect: MigrationDialect): AuditDdl {
  return dialect.name === 'sqlite' ? sqliteAuditDdl : postgresAuditDdl
}
