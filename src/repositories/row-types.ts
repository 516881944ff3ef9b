import type { Kysely, Selectable, Transaction } from 'kysely'
import type {
  AbsencesTable,
  AssignmentsTable,
  BlockAssignmentsTable,
  BlocksTable,
  CallAssignmentsTable,
  CertificationTypesTable,
  Database,
  PeopleTable,
  PersonCertificationsTable,
  ProcedureCredentialsTable,
  ProceduresTable,
  RotationTemplatesTable,
  ScheduleRunsTable,
  SwapApprovalsTable,
  SwapRecordsTable,
} from '../schema/database.js'

/** What every repository function runs on: the database handle or an open transaction. */
export type Executor = Kysely<Database> | Transaction<Database>

// Rows as the repository functions return them (camelCase, codec-decoded).
/** A row of `absences` (columns: `docs/schema/core.md#absences`). */
export type Absence = Selectable<AbsencesTable>
/** A row of `assignments` (columns: `docs/schema/core.md#assignments`). */
export type Assignment = Selectable<AssignmentsTable>
/** A row of `blocks` (columns: `docs/schema/core.md#blocks`). */
export type Block = Selectable<BlocksTable>
/** A row of `block_assignments` (columns: `docs/schema/core.md#block_assignments`). */
export type BlockAssignment = Selectable<BlockAssignmentsTable>
/** A row of `call_assignments` (columns: `docs/schema/core.md#call_assignments`). */
export type CallAssignment = Selectable<CallAssignmentsTable>
/** A row of `certification_types` (columns: `docs/schema/credentials.md#certification_types`). */
export type CertificationType = Selectable<CertificationTypesTable>
/** A row of `people` (columns: `docs/schema/core.md#people`). */
export type Person = Selectable<PeopleTable>
/** A row of `person_certifications` (columns: `docs/schema/credentials.md#person_certifications`). */
export type PersonCertification = Selectable<PersonCertificationsTable>
/** A row of `procedures` (columns: `docs/schema/credentials.md#procedures`). */
export type Procedure = Selectable<ProceduresTable>
/** A row of `procedure_credentials` (columns: `docs/schema/credentials.md#procedure_credentials`). */
export type ProcedureCredential = Selectable<ProcedureCredentialsTable>
/** A row of `rotation_templates` (columns: `docs/schema/core.md#rotation_templates`). */
export type RotationTemplate = Selectable<RotationTemplatesTable>
/** A row of `schedule_runs` (columns: `docs/schema/core.md#schedule_runs`). */
export type ScheduleRun = Selectable<ScheduleRunsTable>
/** A row of `swap_approvals` (columns: `docs/schema/swaps.md#swap_approvals`). */
export type SwapApproval = Selectable<SwapApprovalsTable>
/** A row of `swap_records` (columns: `docs/schema/swaps.md#swap_records`). */
export type SwapRecord = Selectable<SwapRecordsTable>

/** The half of a day a block covers. */
export type TimeOfDay = 'AM' | 'PM'
/** Where a swap is in its lifecycle (see `requestSwap`, `respondToSwap`, `executeSwap`, `rollbackSwap`, `cancelSwap`). */
export type SwapStatus = SwapRecord['status']
