// The public API of residency-db: named exports only.

export { createDatabase, type DatabaseOptions, type ResidencyDatabase } from './connect.js'
export type { MigrateOptions, MigrationState, MigrationStep } from './migration-runner.js'
export {
  CheckViolationError,
  CodecError,
  ConnectionError,
  ConstraintViolationError,
  ForeignKeyViolationError,
  MigrationError,
  NotNullViolationError,
  ResidencyDbError,
  UniqueViolationError,
  ValidationError,
  type ConstraintDetails,
  type ValidationIssue,
} from './errors.js'
export type * from './schema/database.js'
export type { JsonValue } from './schema/logical-types.js'

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
