import type { Kysely, Selectable, Transaction } from 'kysely'
import type {
  AbsencesTable,
  AssignmentsTable,
  BlocksTable,
  CertificationTypesTable,
  Database,
  PeopleTable,
  PersonCertificationsTable,
  RotationTemplatesTable,
  SwapApprovalsTable,
  SwapRecordsTable,
} from '../schema/database.js'

/** What every repository function runs on: the database handle or an open transaction. */
export type Executor = Kysely<Database> | Transaction<Database>

/** Rows as the repository functions return them (camelCase, codec-decoded). */
export type Absence = Selectable<AbsencesTable>
export type Assignment = Selectable<AssignmentsTable>
export type Block = Selectable<BlocksTable>
export type CertificationType = Selectable<CertificationTypesTable>
export type Person = Selectable<PeopleTable>
export type PersonCertification = Selectable<PersonCertificationsTable>
export type RotationTemplate = Selectable<RotationTemplatesTable>
export type SwapApproval = Selectable<SwapApprovalsTable>
export type SwapRecord = Selectable<SwapRecordsTable>

export type TimeOfDay = 'AM' | 'PM'
export type SwapStatus = SwapRecord['status']
