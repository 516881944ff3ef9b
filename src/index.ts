/**
 * The package root: `createDatabase`, the error classes, the `Database` types
 * and the row types per table, and the query functions. It loads no zod and
 * no migrations until a call needs them.
 *
 * @module residency-db
 */

export { createDatabase, type DatabaseOptions, type ResidencyDatabase } from './connect.js'
export type { DialectName, DriverName } from './dialect/dialect.js'
export type { ServicePglite, ServicePgPool, ServiceSqliteDatabase } from './own-connection.js'
export type { MigrateOptions, MigrationScope, MigrationState, MigrationStep } from './migration-runner.js'
export type { DialectMigration as ServiceMigration, MigrationDialect } from '../migrations/migration-dialect.js'
export { DEFAULT_SERVICE_MIGRATION_TABLE, type ServiceOptions } from './service/service-options.js'
export {
  BusyError,
  CheckViolationError,
  CodecError,
  ConnectionError,
  ConstraintViolationError,
  ForeignKeyViolationError,
  MigrationError,
  NotNullViolationError,
  ResidencyDbError,
  StatementTimeoutError,
  StorageError,
  SwapCollisionError,
  SwapRollbackError,
  SwapTransitionError,
  type SwapCollision,
  type SwapTransition,
  UniqueViolationError,
  ValidationError,
  type ConstraintDetails,
  type ResidencyDbErrorOptions,
  type ValidationIssue,
} from './errors.js'
export type * from './schema/database.js'
export type {
  ColumnTypeMap,
  GeneratedTimestamp,
  InsertDefault,
  InsertDefaultMap,
  JsonValue,
  LogicalType,
  NonNullJsonValue,
  Timestamp,
} from './schema/logical-types.js'
// the row, insert and update types per table (Person, NewPerson, PersonUpdate, …), types only:
// the zod schemas themselves are in 'residency-db/zod', the audit API in 'residency-db/audit'
export type * from './schema/zod/index.js'
export type { InsertRow, TableName, UpdateRow } from './validation.js'

export type {
  Absence,
  Assignment,
  Block,
  CertificationType,
  Executor,
  Person,
  PersonCertification,
  RotationTemplate,
  SwapApproval,
  SwapRecord,
  SwapStatus,
  TimeOfDay,
} from './repositories/row-types.js'
export {
  academicYearOf,
  blockNumberOf,
  firstBlockStart,
  generateAcademicYearBlocks,
  type AcademicYearBlocksParams,
  type AcademicYearBlocksResult,
} from './repositories/blocks.js'
export {
  getHalfDay,
  getPersonSchedule,
  type HalfDay,
  type HalfDayAssignment,
  type HalfDayParams,
  type PersonScheduleParams,
  type ScheduleItem,
} from './repositories/schedule.js'
export {
  getExpiringCertifications,
  type ExpiringCertification,
  type ExpiringCertificationsParams,
} from './repositories/certifications.js'
export {
  getSwapHistory,
  type SwapHistoryItem,
  type SwapHistoryPage,
  type SwapHistoryParams,
} from './repositories/swaps.js'

// Query repositories: reads and writes of the core entities
export { ConflictError, NotFoundError } from './errors.js'
export {
  createAbsence,
  deleteAbsence,
  getAbsencesInRange,
  isBlockingAbsence,
  updateAbsence,
  type AbsencesInRangeParams,
  type AbsenceType,
  type BlockingAbsenceInput,
  type UpdateAbsenceParams,
} from './repositories/absences.js'
export {
  createAssignment,
  deleteAssignment,
  insertAssignments,
  updateAssignment,
  type DeleteAssignmentParams,
  type InsertAssignmentsParams,
  type InsertAssignmentsResult,
  type UpdateAssignmentParams,
} from './repositories/assignments.js'
export {
  getBlockAssignments,
  type BlockAssignmentItem,
  type BlockAssignmentsParams,
} from './repositories/block-assignments.js'
export { getCallEquity, type CallEquityItem, type CallEquityParams } from './repositories/call.js'
export {
  certificationStatus,
  getCertificationsNeedingReminder,
  REMINDER_DAYS,
  type CertificationReminder,
  type CertificationRemindersParams,
  type CertificationStatus,
  type ReminderDays,
} from './repositories/certifications.js'
export { createPerson, deletePerson, updatePerson, type UpdatePersonParams } from './repositories/people.js'
export {
  getExpiringProcedureCredentials,
  getValidProcedureCredentials,
  type ExpiringProcedureCredential,
  type ExpiringProcedureCredentialsParams,
  type ProcedureCredentialItem,
  type ValidProcedureCredentialsParams,
} from './repositories/procedure-credentials.js'
export { createScheduleRun } from './repositories/schedule-runs.js'

// Domain workflows: the swap lifecycle
export { requestSwap, type RequestSwapParams, type SwapRequest } from './repositories/request-swap.js'
export { respondToSwap, type RespondToSwapParams, type SwapResponse } from './repositories/respond-to-swap.js'
export { cancelSwap } from './repositories/cancel-swap.js'
export { executeSwap, type ExecuteSwapParams, type SwapExecution } from './repositories/execute-swap.js'
export { rollbackSwap, SWAP_ROLLBACK_WINDOW_MS, type RollbackSwapParams, type SwapRollback } from './repositories/rollback-swap.js'

// Domain workflows: certification renewals and reminders
export { renewCertification, type RenewCertificationParams } from './repositories/renew-certification.js'
export { markReminderSent, type MarkReminderSentParams } from './repositories/mark-reminder-sent.js'
export { refreshCertificationStatuses } from './repositories/refresh-certification-statuses.js'

// Domain workflows: schedule runs
export {
  replaceScheduleAssignments,
  type ReplaceScheduleAssignmentsParams,
  type ReplaceScheduleAssignmentsResult,
} from './repositories/replace-schedule-assignments.js'
export { completeScheduleRun, failScheduleRun, type FinishScheduleRunParams } from './repositories/finish-schedule-run.js'

// Conflict reads
export { getAbsenceConflicts, type AbsenceConflict, type AbsenceConflictsParams } from './repositories/absence-conflicts.js'
export { getSupervisionGaps, type SupervisionGap } from './repositories/supervision-gaps.js'
export { isPersonFree, type BusyBlock, type PersonFree, type PersonFreeParams } from './repositories/is-person-free.js'
export { getCallCoverageGaps } from './repositories/call-coverage-gaps.js'
