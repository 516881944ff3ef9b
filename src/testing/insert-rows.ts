import type { Insertable, Kysely, Selectable, Transaction } from 'kysely'
import type { Database } from '../schema/generated/database.js'
import type { Builders, FactoryTables, Overrides } from './build-rows.js'

/** A database handle or transaction of any schema that includes the library's tables. */
export type TestExecutor<DB extends Database = Database> = Kysely<DB> | Transaction<DB>

/** Inserts one row of `Table` (built with the overrides) through `db` and returns it as stored. */
export type Inserter<Table> = <DB extends Database>(db: TestExecutor<DB>, overrides?: Overrides<Table>) => Promise<Selectable<Table>>

/**
 * Row inserters: build the row (see `Builders`), insert it through `db` (codecs,
 * insert defaults and the audit triggers apply) and return it as stored. A
 * parent the overrides do not name is inserted first, by its own factory:
 * `insert.assignment(db)` also inserts a resident, a block and a rotation
 * template (`rotationTemplateId: null` for none).
 */
export interface Inserters {
  person: Inserter<FactoryTables['person']>
  block: Inserter<FactoryTables['block']>
  rotationTemplate: Inserter<FactoryTables['rotationTemplate']>
  assignment: Inserter<FactoryTables['assignment']>
  absence: Inserter<FactoryTables['absence']>
  certificationType: Inserter<FactoryTables['certificationType']>
  /** Also a person and a certification type when not given. */
  certification: Inserter<FactoryTables['certification']>
  callAssignment: Inserter<FactoryTables['callAssignment']>
  /** Two faculty members when not given. */
  swap: Inserter<FactoryTables['swap']>
  /** The swap (and its faculty) when not given; the approver defaults to the swap's target. */
  swapApproval: Inserter<FactoryTables['swapApproval']>
}

type TableOf = { [Name in keyof FactoryTables]: keyof Database }
/** The table (as `db` names it) each factory writes. */
export const FACTORY_TABLES = {
  person: 'people',
  block: 'blocks',
  rotationTemplate: 'rotationTemplates',
  assignment: 'assignments',
  absence: 'absences',
  certificationType: 'certificationTypes',
  certification: 'personCertifications',
  callAssignment: 'callAssignments',
  swap: 'swapRecords',
  swapApproval: 'swapApprovals',
} as const satisfies TableOf

/** Inserters building their rows with `build`. */
export function createInserters(build: Builders): Inserters {
  const put = async <Name extends keyof FactoryTables>(db: TestExecutor<any>, name: Name, row: Insertable<FactoryTables[Name]>) =>
    (await (db as Kysely<any>).insertInto(FACTORY_TABLES[name]).values(row).returningAll().executeTakeFirstOrThrow()) as Selectable<FactoryTables[Name]>
  /** The override when the caller named the column (null included), else the id of a parent `make` inserts. */
  const parent = async (overrides: object | undefined, column: string, make: () => Promise<{ id: string }>): Promise<string> =>
    overrides !== undefined && column in overrides ? (overrides as Record<string, string>)[column]! : (await make()).id

  const inserters: Inserters = {
    person: (db, o) => put(db, 'person', build.person(o)),
    block: (db, o) => put(db, 'block', build.block(o)),
    rotationTemplate: (db, o) => put(db, 'rotationTemplate', build.rotationTemplate(o)),
    certificationType: (db, o) => put(db, 'certificationType', build.certificationType(o)),
    assignment: async (db, o) => {
      const personId = await parent(o, 'personId', () => inserters.person(db))
      const blockId = await parent(o, 'blockId', () => inserters.block(db))
      const rotationTemplateId = o && 'rotationTemplateId' in o ? o.rotationTemplateId : (await inserters.rotationTemplate(db)).id
      return put(db, 'assignment', build.assignment({ ...o, personId, blockId, rotationTemplateId }))
    },
    absence: async (db, o) => {
      const personId = await parent(o, 'personId', () => inserters.person(db))
      return put(db, 'absence', build.absence({ ...o, personId }))
    },
    certification: async (db, o) => {
      const personId = await parent(o, 'personId', () => inserters.person(db))
      const certificationTypeId = await parent(o, 'certificationTypeId', () => inserters.certificationType(db))
      return put(db, 'certification', build.certification({ ...o, personId, certificationTypeId }))
    },
    callAssignment: async (db, o) => {
      const personId = await parent(o, 'personId', () => inserters.person(db))
      return put(db, 'callAssignment', build.callAssignment({ ...o, personId }))
    },
    swap: async (db, o) => {
      const sourceFacultyId = await parent(o, 'sourceFacultyId', () => inserters.person(db, { type: 'faculty' }))
      const targetFacultyId = await parent(o, 'targetFacultyId', () => inserters.person(db, { type: 'faculty' }))
      return put(db, 'swap', build.swap({ ...o, sourceFacultyId, targetFacultyId }))
    },
    swapApproval: async (db, o) => {
      let facultyId = o?.facultyId
      let swapId = o?.swapId
      if (swapId === undefined) {
        const swap = await inserters.swap(db)
        swapId = swap.id
        facultyId ??= swap.targetFacultyId
      }
      facultyId ??= (
        await (db as unknown as Kysely<Database>).selectFrom('swapRecords').select('targetFacultyId').where('id', '=', swapId).executeTakeFirstOrThrow()
      ).targetFacultyId
      return put(db, 'swapApproval', build.swapApproval({ ...o, swapId, facultyId }))
    },
  }
  return inserters
}
