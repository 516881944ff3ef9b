/**
 * The generated zod schemas per table (`personSchema`, `newPersonSchema`,
 * `personUpdateSchema`, `tableSchemas`, …) and the validators built on them.
 * A separate entry so that importing `residency-db` never loads zod.
 *
 * @module residency-db/zod
 */

export * from './schema/generated/zod/index.js'
export { parseInput, parseInsert, parseUpdate, type InsertRow, type TableName, type UpdateRow } from './validation.js'

// The query functions' parameter schemas: each function's parameter type is its schema's input.
export { absenceConflictsParams } from './repositories/absence-conflicts-params.js'
export { absencesInRangeParams, updateAbsenceParams } from './repositories/absences-params.js'
export { updateAssignmentParams, deleteAssignmentParams, insertAssignmentsParams } from './repositories/assignments-params.js'
export { blockAssignmentsParams } from './repositories/block-assignments-params.js'
export { academicYearBlocksParams } from './repositories/blocks-params.js'
export { callEquityParams } from './repositories/call-params.js'
export { expiringCertificationsParams, remindersParams as certificationRemindersParams } from './repositories/certifications-params.js'
export { executeParams as executeSwapParams } from './repositories/execute-swap-params.js'
export { finishParams as finishScheduleRunParams } from './repositories/finish-schedule-run-params.js'
export { personFreeParams } from './repositories/is-person-free-params.js'
export { markParams as markReminderSentParams } from './repositories/mark-reminder-sent-params.js'
export { updatePersonParams } from './repositories/people-params.js'
export { validCredentialsParams as validProcedureCredentialsParams, expiringCredentialsParams as expiringProcedureCredentialsParams } from './repositories/procedure-credentials-params.js'
export { renewParams as renewCertificationParams } from './repositories/renew-certification-params.js'
export { replaceParams as replaceScheduleAssignmentsParams } from './repositories/replace-schedule-assignments-params.js'
export { requestSwapParams } from './repositories/request-swap-params.js'
export { respondParams as respondToSwapParams } from './repositories/respond-to-swap-params.js'
export { rollbackParams as rollbackSwapParams } from './repositories/rollback-swap-params.js'
export { personScheduleParams, halfDayParams } from './repositories/schedule-params.js'
export { swapHistoryParams } from './repositories/swaps-params.js'
