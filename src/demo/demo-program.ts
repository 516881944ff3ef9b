import { createHash } from 'node:crypto'

/**
 * The demo program's data: a family medicine residency in academic year 2025,
 * seen on a fixed date so that the demo prints the same thing every day.
 */

export const DEMO_ACADEMIC_YEAR = 2025
/** The demo's "today": certifications expire relative to it. A Wednesday in block 4. */
export const DEMO_AS_OF = '2025-10-01'
/** Monday of each week that has assignments. */
export const DEMO_WEEKS = ['2025-09-22', '2025-09-29', '2025-10-06']

const NAMESPACE = '6f1d3c52-8a4e-4b7f-9c21-5e0a7d3b9f14'

/**
 * A stable id for a demo row, from its table and natural key: loading the demo
 * again finds the same ids, so it adds only what is missing.
 */
export function demoId(table: string, key: string): string {
  return nameBasedUuid(`${table}:${key}`, NAMESPACE)
}

/**
 * A name-based UUID (version 5, RFC 9562: SHA-1 of namespace and name). Not
 * uuid's v5: a bundle that holds it imports node:crypto for every entry that
 * uses uuid (the root's v7 too), which costs the cold start ~6 ms.
 */
function nameBasedUuid(name: string, namespace: string): string {
  const hash = createHash('sha1').update(Buffer.from(namespace.replaceAll('-', ''), 'hex')).update(name, 'utf8').digest()
  hash[6] = (hash[6]! & 0x0f) | 0x50
  hash[8] = (hash[8]! & 0x3f) | 0x80
  const hex = hash.toString('hex', 0, 16)
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`
}

export interface DemoResident {
  name: string
  pgyLevel: 1 | 2 | 3
}

export const DEMO_RESIDENTS: DemoResident[] = [
  { name: 'Avery Brooks', pgyLevel: 1 },
  { name: 'Jordan Kim', pgyLevel: 1 },
  { name: 'Priya Natarajan', pgyLevel: 1 },
  { name: 'Luis Ortega', pgyLevel: 1 },
  { name: 'Hannah Cho', pgyLevel: 2 },
  { name: 'Marcus Reed', pgyLevel: 2 },
  { name: 'Sofia Rossi', pgyLevel: 2 },
  { name: 'Ethan Walker', pgyLevel: 2 },
  { name: 'Grace Liu', pgyLevel: 3 },
  { name: 'Omar Haddad', pgyLevel: 3 },
  { name: 'Nora Fischer', pgyLevel: 3 },
  { name: 'Samuel Adeyemi', pgyLevel: 3 },
]

export type FacultyRole = 'pd' | 'apd' | 'oic' | 'dept_chief' | 'sports_med' | 'core' | 'adjunct'

export interface DemoFaculty {
  name: string
  role: FacultyRole
  /** What the faculty member supervises on weekdays, by half-day. */
  supervises: { AM: DemoRotation | null; PM: DemoRotation | null }
}

export type DemoRotation = 'clinic' | 'fmit' | 'sports' | 'nights' | 'didactics'

export const DEMO_ROTATIONS: Record<DemoRotation, { name: string; activityType: string; abbreviation: string }> = {
  clinic: { name: 'Family Medicine Clinic', activityType: 'clinic', abbreviation: 'FMC' },
  fmit: { name: 'FMIT Inpatient', activityType: 'inpatient', abbreviation: 'FMIT' },
  sports: { name: 'Sports Medicine', activityType: 'clinic', abbreviation: 'SM' },
  nights: { name: 'Night Float', activityType: 'inpatient', abbreviation: 'NF' },
  didactics: { name: 'Didactics', activityType: 'education', abbreviation: 'LEC' },
}

export const DEMO_FACULTY: DemoFaculty[] = [
  { name: 'Dr. Elena Vargas', role: 'pd', supervises: { AM: 'clinic', PM: null } },
  { name: 'Dr. Michael Chen', role: 'apd', supervises: { AM: null, PM: 'clinic' } },
  { name: 'Dr. Rachel Stone', role: 'oic', supervises: { AM: null, PM: null } },
  { name: 'Dr. David Park', role: 'core', supervises: { AM: 'fmit', PM: 'fmit' } },
  { name: 'Dr. Amina Yusuf', role: 'sports_med', supervises: { AM: 'sports', PM: 'sports' } },
  { name: 'Dr. Thomas Gray', role: 'core', supervises: { AM: 'clinic', PM: 'clinic' } },
]

/** The people the demo's report looks at. */
export const DEMO_FEATURED = {
  resident: 'Hannah Cho',
  faculty: 'Dr. David Park',
  week: { from: '2025-09-29', to: '2025-10-05' },
  halfDay: { date: '2025-10-01', timeOfDay: 'AM' as const },
  swapPageSize: 4,
  expiringWithinDays: 90,
}

/**
 * A resident's rotation on a weekday half-day: interns on the inpatient
 * service, seniors in clinic and sports medicine, everyone at didactics on
 * Wednesday afternoon, one senior on night float.
 */
export function residentRotation(resident: DemoResident, index: number, weekday: number, timeOfDay: 'AM' | 'PM'): DemoRotation {
  if (weekday === 3 && timeOfDay === 'PM') return 'didactics'
  if (resident.pgyLevel === 1) return 'fmit'
  if (resident.name === 'Samuel Adeyemi') return 'nights'
  if (timeOfDay === 'AM') return 'clinic'
  return (index + weekday) % 2 === 0 ? 'sports' : 'clinic'
}

export interface DemoAbsence {
  person: string
  type: 'vacation' | 'conference' | 'medical' | 'sick'
  start: string
  end: string
  notes?: string
}

export const DEMO_ABSENCES: DemoAbsence[] = [
  { person: 'Sofia Rossi', type: 'vacation', start: '2025-10-06', end: '2025-10-10' },
  { person: 'Omar Haddad', type: 'conference', start: '2025-09-30', end: '2025-10-01', notes: 'AAFP FMX' },
  { person: 'Dr. Thomas Gray', type: 'medical', start: '2025-09-22', end: '2025-09-26' },
  { person: 'Jordan Kim', type: 'sick', start: '2025-10-02', end: '2025-10-02' },
]

export const DEMO_CERTIFICATION_TYPES = [
  { name: 'BLS', fullName: 'Basic Life Support' },
  { name: 'ACLS', fullName: 'Advanced Cardiovascular Life Support' },
  { name: 'PALS', fullName: 'Pediatric Advanced Life Support' },
  { name: 'NRP', fullName: 'Neonatal Resuscitation Program' },
  { name: 'ALSO', fullName: 'Advanced Life Support in Obstetrics' },
]

/** Everyone holds BLS and ACLS until this date, except where DEMO_CERTIFICATIONS says otherwise. */
export const DEMO_DEFAULT_EXPIRATION = '2027-06-30'

/** Certifications with a date worth showing, relative to DEMO_AS_OF (2025-10-01). */
export const DEMO_CERTIFICATIONS: Array<{ person: string; type: string; expires: string }> = [
  { person: 'Avery Brooks', type: 'BLS', expires: '2025-10-01' }, // expires today
  { person: 'Jordan Kim', type: 'ACLS', expires: '2025-10-15' },
  { person: 'Dr. David Park', type: 'ACLS', expires: '2025-11-20' },
  { person: 'Nora Fischer', type: 'PALS', expires: '2025-11-20' },
  { person: 'Grace Liu', type: 'NRP', expires: '2025-12-30' }, // the last day of the 90-day window
  { person: 'Marcus Reed', type: 'BLS', expires: '2025-09-20' }, // already expired
  { person: 'Hannah Cho', type: 'ALSO', expires: '2026-01-15' }, // beyond 90 days
  { person: 'Dr. Amina Yusuf', type: 'BLS', expires: '2026-03-31' },
]

export interface DemoSwap {
  key: string
  source: string
  target: string
  sourceWeek: string
  targetWeek: string | null
  status: 'pending' | 'approved' | 'executed' | 'rejected' | 'cancelled' | 'rolled_back'
  requestedAt: string
  reason: string
  /** Each faculty member's answer: true, false, or null while waiting. */
  approvals: Array<{ faculty: string; role: 'source' | 'target'; approved: boolean | null; respondedAt: string | null }>
}

/** FMIT week swaps (weeks start on Monday). */
export const DEMO_SWAPS: DemoSwap[] = [
  {
    key: 'park-stone-oct13', source: 'Dr. David Park', target: 'Dr. Rachel Stone',
    sourceWeek: '2025-10-13', targetWeek: '2025-11-10', status: 'executed',
    requestedAt: '2025-09-02T14:00:00Z', reason: 'Board review course',
    approvals: [
      { faculty: 'Dr. David Park', role: 'source', approved: true, respondedAt: '2025-09-02T14:00:00Z' },
      { faculty: 'Dr. Rachel Stone', role: 'target', approved: true, respondedAt: '2025-09-03T09:30:00Z' },
    ],
  },
  {
    key: 'gray-park-oct20', source: 'Dr. Thomas Gray', target: 'Dr. David Park',
    sourceWeek: '2025-10-20', targetWeek: null, status: 'approved',
    requestedAt: '2025-09-10T16:15:00Z', reason: 'Family event',
    approvals: [
      { faculty: 'Dr. Thomas Gray', role: 'source', approved: true, respondedAt: '2025-09-10T16:15:00Z' },
      { faculty: 'Dr. David Park', role: 'target', approved: true, respondedAt: '2025-09-11T08:05:00Z' },
    ],
  },
  {
    key: 'chen-park-dec08', source: 'Dr. Michael Chen', target: 'Dr. David Park',
    sourceWeek: '2025-12-08', targetWeek: '2026-01-12', status: 'rejected',
    requestedAt: '2025-09-12T11:00:00Z', reason: 'Conference travel',
    approvals: [
      { faculty: 'Dr. Michael Chen', role: 'source', approved: true, respondedAt: '2025-09-12T11:00:00Z' },
      { faculty: 'Dr. David Park', role: 'target', approved: false, respondedAt: '2025-09-13T10:20:00Z' },
    ],
  },
  {
    key: 'park-vargas-nov03', source: 'Dr. David Park', target: 'Dr. Elena Vargas',
    sourceWeek: '2025-11-03', targetWeek: '2025-12-01', status: 'pending',
    requestedAt: '2025-09-25T13:45:00Z', reason: 'Teaching commitment',
    approvals: [
      { faculty: 'Dr. David Park', role: 'source', approved: true, respondedAt: '2025-09-25T13:45:00Z' },
      { faculty: 'Dr. Elena Vargas', role: 'target', approved: null, respondedAt: null },
    ],
  },
  {
    key: 'park-yusuf-sep15', source: 'Dr. David Park', target: 'Dr. Amina Yusuf',
    sourceWeek: '2025-09-15', targetWeek: null, status: 'rolled_back',
    requestedAt: '2025-08-20T09:00:00Z', reason: 'Jury duty',
    approvals: [
      { faculty: 'Dr. David Park', role: 'source', approved: true, respondedAt: '2025-08-20T09:00:00Z' },
      { faculty: 'Dr. Amina Yusuf', role: 'target', approved: true, respondedAt: '2025-08-21T15:10:00Z' },
    ],
  },
  {
    key: 'stone-gray-jan05', source: 'Dr. Rachel Stone', target: 'Dr. Thomas Gray',
    sourceWeek: '2026-01-05', targetWeek: '2026-02-02', status: 'cancelled',
    requestedAt: '2025-09-18T10:00:00Z', reason: 'Schedule conflict',
    approvals: [{ faculty: 'Dr. Rachel Stone', role: 'source', approved: true, respondedAt: '2025-09-18T10:00:00Z' }],
  },
]
