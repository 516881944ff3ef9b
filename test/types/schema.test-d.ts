import type { Insertable, Kysely, Selectable, Updateable } from 'kysely'
import { describe, expectTypeOf, test } from 'vitest'
import type { z } from 'zod'
import type { ColumnTypes } from '../../src/schema/generated/column-types.js'
import type { Database } from '../../src/schema/generated/database.js'
import type { JsonValue, LogicalType } from '../../src/schema/logical-types.js'
import type { NewPerson, Person, PersonUpdate, TableSchemas } from '../../src/schema/generated/zod/index.js'
import type {
  Equal,
  ExpectedAssignment,
  ExpectedBlock,
  ExpectedPerson,
  ExpectedPersonCertification,
  ExpectedSwapRecord,
} from './expected-rows.js'

// Type tests (vitest typecheck mode: `npm test` type-checks this file, nothing runs).
// Every `@ts-expect-error` must meet an error, so a type that grows too permissive
// fails here as surely as one that breaks.

declare const db: Kysely<Database>

/** Kysely's Insertable is an intersection ({ required } & { optional }): flattened, it can be compared. */
type Flat<T> = { [K in keyof T]: T[K] }

describe('selectAll() yields the codec layer’s values', () => {
  test('people', async () => {
    expectTypeOf(await db.selectFrom('people').selectAll().executeTakeFirstOrThrow()).toEqualTypeOf<ExpectedPerson>()
  })
  test('assignments', async () => {
    expectTypeOf(await db.selectFrom('assignments').selectAll().executeTakeFirstOrThrow()).toEqualTypeOf<ExpectedAssignment>()
  })
  test('blocks', async () => {
    expectTypeOf(await db.selectFrom('blocks').selectAll().executeTakeFirstOrThrow()).toEqualTypeOf<ExpectedBlock>()
  })
  test('person_certifications', async () => {
    expectTypeOf(
      await db.selectFrom('personCertifications').selectAll().executeTakeFirstOrThrow(),
    ).toEqualTypeOf<ExpectedPersonCertification>()
  })
  test('swap_records', async () => {
    expectTypeOf(await db.selectFrom('swapRecords').selectAll().executeTakeFirstOrThrow()).toEqualTypeOf<ExpectedSwapRecord>()
  })
  test('joins and aliases keep the column types', async () => {
    const row = await db
      .selectFrom('assignments as a')
      .innerJoin('blocks as b', 'b.id', 'a.blockId')
      .select(['b.date', 'b.timeOfDay', 'a.createdAt', 'a.explainJson'])
      .executeTakeFirstOrThrow()
    expectTypeOf(row).toEqualTypeOf<{ date: string; timeOfDay: 'AM' | 'PM'; createdAt: Date | null; explainJson: JsonValue | null }>()
  })
})

/** snake_case → camelCase as the codec layer maps names (digits kept, a trailing underscore kept). */
type Camel<S extends string> = S extends `${infer H}_${infer T}` ? (T extends '' ? S : `${H}${Capitalize<Camel<T>>}`) : S

/** What the codec layer returns for each logical type. */
interface CodecValue extends Record<LogicalType, unknown> {
  uuid: string
  varchar: string
  text: string
  integer: number
  smallint: number
  bigint: number
  float: number
  numeric: number
  boolean: boolean
  date: string
  time: string
  timestamp: Date
  timestamptz: Date
  json: JsonValue
  string_array: string[]
  vector: number[]
}

type TableOf<T extends keyof ColumnTypes> = Selectable<Database[Camel<T> & keyof Database]>

/** Per table of the runtime map: its columns whose selected type is not its logical type's value (never when all are). */
type WrongColumns = {
  [T in keyof ColumnTypes]: {
    [C in keyof ColumnTypes[T] & string]: [NonNullable<TableOf<T>[Camel<C> & keyof TableOf<T>]>] extends [
      CodecValue[ColumnTypes[T][C] & LogicalType],
    ]
      ? never
      : `${T}.${C}`
  }[keyof ColumnTypes[T] & string]
}[keyof ColumnTypes]

describe('every table', () => {
  test('has, in Database, the tables of the runtime column map under their camelCase names', () => {
    expectTypeOf<keyof Database>().toEqualTypeOf<Camel<keyof ColumnTypes>>()
  })

  test('has, in Database, the columns of the runtime column map under their camelCase names', () => {
    type Mismatch = {
      [T in keyof ColumnTypes]: Equal<keyof TableOf<T>, Camel<keyof ColumnTypes[T] & string>> extends true ? never : T
    }[keyof ColumnTypes]
    expectTypeOf<Mismatch>().toEqualTypeOf<never>()
  })

  test('selects each column as the value its logical type decodes to (enums: a subset)', () => {
    expectTypeOf<WrongColumns>().toEqualTypeOf<never>()
  })

  test('has zod schemas whose inferred types are the Kysely Selectable / Insertable / Updateable types', () => {
    type Mismatch<Kind extends 'row' | 'insert' | 'update'> = {
      [T in keyof Database]: Equal<
        Flat<z.output<TableSchemas[T][Kind]>>,
        Flat<Kind extends 'row' ? Selectable<Database[T]> : Kind extends 'insert' ? Insertable<Database[T]> : Updateable<Database[T]>>
      > extends true
        ? never
        : T
    }[keyof Database]
    expectTypeOf<Mismatch<'row'>>().toEqualTypeOf<never>()
    expectTypeOf<Mismatch<'insert'>>().toEqualTypeOf<never>()
    expectTypeOf<Mismatch<'update'>>().toEqualTypeOf<never>()
  })

  test('exports the inferred types by row name', () => {
    expectTypeOf<Person>().toEqualTypeOf<Selectable<Database['people']>>()
    expectTypeOf<NewPerson>().toEqualTypeOf<Flat<Insertable<Database['people']>>>()
    expectTypeOf<PersonUpdate>().toEqualTypeOf<Updateable<Database['people']>>()
  })
})

describe('inserts and updates that do not compile', () => {
  test('an insert that omits a required column', () => {
    // @ts-expect-error people.name is required
    db.insertInto('people').values({ type: 'resident' })
    // @ts-expect-error blocks.block_number is required
    db.insertInto('blocks').values({ date: '2025-07-01', timeOfDay: 'AM' })
    // @ts-expect-error swap_records.swap_type is required (status has a default)
    db.insertInto('swapRecords').values({ sourceFacultyId: 'x', targetFacultyId: 'y', sourceWeek: '2025-07-07' })
    // columns with a database or library default may be left out
    db.insertInto('people').values({ name: 'Ada', type: 'resident' })
  })

  test('an enum value outside its CHECK list', () => {
    // @ts-expect-error 'visitor' is not in check_person_type
    db.insertInto('people').values({ name: 'Ada', type: 'visitor' })
    // @ts-expect-error 'noon' is not in check_time_of_day
    db.insertInto('blocks').values({ date: '2025-07-01', timeOfDay: 'noon', blockNumber: 1 })
    // @ts-expect-error 'done' is not in check_swap_records_status
    db.updateTable('swapRecords').set({ status: 'done' })
    // @ts-expect-error 3 is not an operation_type (0 insert, 1 update, 2 delete)
    db.insertInto('swapRecordsVersion').values({ id: 'x', transactionId: 1, operationType: 3 })
    db.updateTable('swapRecords').set({ status: 'approved' })
  })

  test('a value of the wrong type', () => {
    // @ts-expect-error a date column takes a 'YYYY-MM-DD' string, not a Date
    db.insertInto('blocks').values({ date: new Date(), timeOfDay: 'AM', blockNumber: 1 })
    // @ts-expect-error an array column takes string[]
    db.insertInto('people').values({ name: 'Ada', type: 'resident', specialties: 'peds' })
    // @ts-expect-error a timestamp takes a Date or an ISO string, not a number
    db.updateTable('people').set({ updatedAt: 0 })
    // timestamps take a Date or an ISO-8601 string with a zone
    db.updateTable('people').set({ updatedAt: new Date(), createdAt: '2025-07-01T08:00:00Z' })
  })
})
