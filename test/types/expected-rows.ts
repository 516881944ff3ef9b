import type { JsonValue } from '../../src/schema/logical-types.js'

// The rows of five core tables, written out by hand from the schema spec: what
// `selectAll()` must be typed as (the codec layer's values: dates and times are
// strings, timestamps are Dates, arrays are string[], enums are their CHECK lists).
// test/types/schema.test-d.ts compares the generated types with these, and
// test/package.test.ts does the same against the published package.

export interface ExpectedPerson {
  id: string
  name: string
  type: 'resident' | 'faculty'
  email: string | null
  pgyLevel: number | null
  targetClinicalBlocks: number | null
  performsProcedures: boolean | null
  specialties: string[] | null
  primaryDuty: string | null
  facultyRole: 'pd' | 'apd' | 'oic' | 'dept_chief' | 'sports_med' | 'core' | 'adjunct' | null
  screenerRole: 'dedicated' | 'rn' | 'emt' | 'resident' | null
  canScreen: boolean | null
  screeningEfficiency: number | null
  sundayCallCount: number | null
  weekdayCallCount: number | null
  fmitWeeksCount: number | null
  createdAt: Date | null
  updatedAt: Date | null
}

export interface ExpectedAssignment {
  id: string
  blockId: string
  personId: string
  rotationTemplateId: string | null
  role: 'primary' | 'supervising' | 'backup'
  activityOverride: string | null
  notes: string | null
  overrideReason: string | null
  overrideAcknowledgedAt: Date | null
  explainJson: JsonValue | null
  confidence: number | null
  score: number | null
  alternativesJson: JsonValue | null
  auditHash: string | null
  createdBy: string | null
  createdAt: Date | null
  updatedAt: Date | null
  scheduleRunId: string | null
}

export interface ExpectedBlock {
  id: string
  date: string
  timeOfDay: 'AM' | 'PM'
  blockNumber: number
  isWeekend: boolean | null
  isHoliday: boolean | null
  holidayName: string | null
}

export interface ExpectedPersonCertification {
  id: string
  personId: string
  certificationTypeId: string
  certificationNumber: string | null
  issuedDate: string
  expirationDate: string
  status: 'current' | 'expiring_soon' | 'expired' | 'pending' | null
  verifiedBy: string | null
  verifiedDate: string | null
  documentUrl: string | null
  reminder180Sent: Date | null
  reminder90Sent: Date | null
  reminder30Sent: Date | null
  reminder14Sent: Date | null
  reminder7Sent: Date | null
  notes: string | null
  createdAt: Date | null
  updatedAt: Date | null
}

export interface ExpectedSwapRecord {
  id: string
  sourceFacultyId: string
  sourceWeek: string
  targetFacultyId: string
  targetWeek: string | null
  swapType: 'one_to_one' | 'absorb'
  status: 'pending' | 'approved' | 'executed' | 'rejected' | 'cancelled' | 'rolled_back'
  requestedAt: Date
  requestedById: string | null
  approvedAt: Date | null
  approvedById: string | null
  executedAt: Date | null
  executedById: string | null
  rolledBackAt: Date | null
  rolledBackById: string | null
  rollbackReason: string | null
  reason: string | null
  notes: string | null
}

/** True when A and B are the same type (not merely assignable), else false. */
export type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false
