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
} from '../schema/generated/database.js'

/** What every repository function runs on: the database handle or an open transaction. */
export type Executor = Kysely<Database> | Transaction<Database>

/** Rows as the repository functions return them (camelCase, codec-decoded). */
export type Absence = Selectable<AbsencesTable>
export type Assignment = Selectable<AssignmentsTable>
export type Block = Selectable<BlocksTable>
export type BlockAssignment = Selectable<BlockAssignmentsTable>
export type CallAssignment = Selectable<CallAssignmentsTable>
export type CertificationType = Selectable<CertificationTypesTable>
export type Person = Selectable<PeopleTable>
export type PersonCertification = Selectable<PersonCertificationsTable>
export type Procedure = Selectable<ProceduresTable>
export type ProcedureCredential = Selectable<ProcedureCredentialsTable>
export type RotationTemplate = Selectable<RotationTemplatesTable>
export type ScheduleRun = Selectable<ScheduleRunsTable>
export type SwapApproval = Selectable<SwapApprovalsTable>
export type SwapRecord = Selectable<SwapRecordsTable>

export type TimeOfDay = 'AM' | 'PM'
export type SwapStatus = SwapRecord['status']
