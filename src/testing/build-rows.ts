import type { Insertable } from 'kysely'
import { blockNumberOf } from '../repositories/blocks.js'
import { addDays, isoWeekday } from '../repositories/iso-dates.js'
import type { Database } from '../schema/generated/database.js'

/** An insertable row with its id chosen (so other rows can reference it before it is inserted). */
export type Built<Table> = Insertable<Table> & { id: string }

/** What a builder takes: any columns, which win over the generated values. */
export type Overrides<Table> = Partial<Insertable<Table>>

/** Overrides that must name the row's parents (a built row is not inserted, so it cannot make them). */
export type WithParents<Table, Parents extends keyof Insertable<Table>> = Overrides<Table> & Pick<Insertable<Table>, Parents>

/** The tables the factories know, by the names of `build` and `insert`. */
export interface FactoryTables {
  person: Database['people']
  block: Database['blocks']
  rotationTemplate: Database['rotationTemplates']
  assignment: Database['assignments']
  absence: Database['absences']
  certificationType: Database['certificationTypes']
  certification: Database['personCertifications']
  callAssignment: Database['callAssignments']
  swap: Database['swapRecords']
  swapApproval: Database['swapApprovals']
}

export type FactoryName = keyof FactoryTables

/**
 * Row builders: every required column filled with a valid value (CHECK
 * constraints respected), overrides applied last. Values come from a counter
 * per table, so the nth person of a sequence is always the same row, and rows
 * of one sequence differ in every unique column (emails, certification type
 * names, block half-days, call days, swap weeks).
 */
export interface Builders {
  /** A resident (PGY 1-3 in turn) by default; `{ type: 'faculty' }` gives a core faculty member instead. */
  person(overrides?: Overrides<FactoryTables['person']>): Built<FactoryTables['person']>
  /** Half-days from 2025-07-01 on, AM then PM; block number and weekend flag follow the date (a given one too). */
  block(overrides?: Overrides<FactoryTables['block']>): Built<FactoryTables['block']>
  rotationTemplate(overrides?: Overrides<FactoryTables['rotationTemplate']>): Built<FactoryTables['rotationTemplate']>
  /** Role 'primary'. */
  assignment(overrides: WithParents<FactoryTables['assignment'], 'personId' | 'blockId'>): Built<FactoryTables['assignment']>
  /** A week's vacation, a week apart per row (ending six days after a given start). */
  absence(overrides: WithParents<FactoryTables['absence'], 'personId'>): Built<FactoryTables['absence']>
  certificationType(overrides?: Overrides<FactoryTables['certificationType']>): Built<FactoryTables['certificationType']>
  /** A person's certification, issued 2025-01-01 (or when given), expiring 730 days later. */
  certification(overrides: WithParents<FactoryTables['certification'], 'personId' | 'certificationTypeId'>): Built<FactoryTables['certification']>
  /** Overnight call, a day apart per row. */
  callAssignment(overrides: WithParents<FactoryTables['callAssignment'], 'personId'>): Built<FactoryTables['callAssignment']>
  /** A pending one-to-one swap of a Monday week (or the given one) for the next, two weeks apart per row. */
  swap(overrides: WithParents<FactoryTables['swap'], 'sourceFacultyId' | 'targetFacultyId'>): Built<FactoryTables['swap']>
  /** An unanswered approval by the target. */
  swapApproval(overrides: WithParents<FactoryTables['swapApproval'], 'swapId' | 'facultyId'>): Built<FactoryTables['swapApproval']>
}

const FIRST_DAY = '2025-07-01'
/** 2025-07-07, a Monday: swap weeks start on Mondays. */
const FIRST_MONDAY = '2025-07-07'
const TABLE_TAGS: Record<FactoryName, number> = {
  person: 1,
  block: 2,
  rotationTemplate: 3,
  assignment: 4,
  absence: 5,
  certificationType: 6,
  certification: 7,
  callAssignment: 8,
  swap: 9,
  swapApproval: 10,
}

/** Per table, the next row number; `start` is the first. */
export class Sequences {
  readonly #counters = new Map<FactoryName, number>()
  #start: number

  constructor(start = 1) {
    this.#start = checkedStart(start)
  }

  next(table: FactoryName): number {
    const n = this.#counters.get(table) ?? this.#start
    this.#counters.set(table, n + 1)
    return n
  }

  /** Every table starts again at `start` (default: the first start). */
  reset(start = this.#start): void {
    this.#start = checkedStart(start)
    this.#counters.clear()
  }
}

function checkedStart(start: number): number {
  if (!Number.isSafeInteger(start) || start < 1) throw new RangeError(`a sequence starts at a whole number >= 1, not ${start}`)
  return start
}

/** The nth id of a table: a valid UUID (version 4 layout) that tells the table and n. */
function idOf(table: FactoryName, n: number): string {
  return `00000000-0000-4000-8${TABLE_TAGS[table].toString(16).padStart(3, '0')}-${n.toString(16).padStart(12, '0')}`
}

/** Builders drawing row numbers from `seq`. */
export function createBuilders(seq: Sequences): Builders {
  const row = <Name extends FactoryName>(
    table: Name,
    values: (n: number) => Omit<Insertable<FactoryTables[Name]>, 'id'>,
    overrides: Overrides<FactoryTables[Name]> | undefined,
  ): Built<FactoryTables[Name]> => {
    const n = seq.next(table)
    return { id: idOf(table, n), ...values(n), ...overrides } as Built<FactoryTables[Name]>
  }
  return {
    person: (o) =>
      row(
        'person',
        (n) =>
          o?.type === 'faculty'
            ? { name: `Faculty ${n}`, type: 'faculty' as const, email: `faculty-${n}@example.test`, facultyRole: 'core' as const, performsProcedures: true }
            : { name: `Resident ${n}`, type: 'resident' as const, email: `resident-${n}@example.test`, pgyLevel: 1 + ((n - 1) % 3) },
        o,
      ),
    block: (o) =>
      row(
        'block',
        (n) => {
          const date = o?.date ?? addDays(FIRST_DAY, Math.floor((n - 1) / 2))
          const weekday = isoWeekday(date)
          return { date, timeOfDay: n % 2 === 1 ? ('AM' as const) : ('PM' as const), blockNumber: blockNumberOf(date), isWeekend: weekday >= 6, isHoliday: false }
        },
        o,
      ),
    rotationTemplate: (o) =>
      row('rotationTemplate', (n) => ({ name: `Rotation ${n}`, activityType: 'clinic', abbreviation: `R${n}`, maxResidents: 4 }), o),
    assignment: (o) => row('assignment', () => ({ role: 'primary' as const, personId: o.personId, blockId: o.blockId }), o),
    absence: (o) =>
      row(
        'absence',
        (n) => {
          const startDate = o.startDate ?? addDays(FIRST_DAY, 7 * (n - 1))
          return { personId: o.personId, startDate, endDate: addDays(startDate, 6), absenceType: 'vacation' as const }
        },
        o,
      ),
    certificationType: (o) =>
      row('certificationType', (n) => ({ name: `CERT-${n}`, fullName: `Certification ${n}`, renewalPeriodMonths: 24 }), o),
    certification: (o) =>
      row(
        'certification',
        (n) => ({
          personId: o.personId,
          certificationTypeId: o.certificationTypeId,
          certificationNumber: `C-${n}`,
          issuedDate: o.issuedDate ?? '2025-01-01',
          expirationDate: addDays(o.issuedDate ?? '2025-01-01', 730),
        }),
        o,
      ),
    callAssignment: (o) =>
      row('callAssignment', (n) => ({ personId: o.personId, date: addDays(FIRST_DAY, n - 1), callType: 'overnight' as const }), o),
    swap: (o) =>
      row(
        'swap',
        (n) => {
          const sourceWeek = o.sourceWeek ?? addDays(FIRST_MONDAY, 14 * (n - 1))
          return {
            sourceFacultyId: o.sourceFacultyId,
            targetFacultyId: o.targetFacultyId,
            sourceWeek,
            targetWeek: addDays(sourceWeek, 7),
            swapType: 'one_to_one' as const,
          }
        },
        o,
      ),
    swapApproval: (o) => row('swapApproval', () => ({ swapId: o.swapId, facultyId: o.facultyId, role: 'target' }), o),
  }
}
