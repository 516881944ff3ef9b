/**
 * The history of the audited tables (assignments, absences, schedule runs,
 * swaps) and queries over it; capture itself needs no import.
 *
 * @module residency-db/audit
 */

export { AUDITED_TABLES, type AuditedRow, type AuditedTable } from './audit/audited-tables.js'
export type { AuditOperation, AuditTransaction, AuditVersion, ColumnChange } from './audit/audit-version.js'
export type { AuditMoment } from './audit/transaction-at.js'
export { withAuditContext, type AuditContext } from './audit/with-audit-context.js'
export { getHistory, type HistoryParams } from './audit/get-history.js'
export { getAsOf, type AsOfParams } from './audit/get-as-of.js'
export { getScheduleAsOf, type ScheduleAsOfParams } from './audit/get-schedule-as-of.js'
export { getChanges, type ChangesPage, type ChangesParams } from './audit/get-changes.js'
export { revertTo, type RevertParams } from './audit/revert-to.js'
