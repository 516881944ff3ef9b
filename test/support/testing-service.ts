import { type Generated, type Kysely, sql } from 'kysely'
import type { TestDatabaseOptions } from '../../src/testing/test-database.js'

/** A service table of the residency-db/testing tests: notes on people. */
export interface NoteTables {
  testNotes: { id: Generated<string>; personId: string; body: string }
}

/**
 * Service options with one migration (table `test_notes`), recorded in
 * `migrationTable`: another table name, another migrations hash, so another
 * template or image. The migration fails when FAIL_TEST_MIGRATION is set (same
 * source, same hash): a process that still gets a database did not migrate;
 * it never ends when HANG_TEST_MIGRATION is set.
 */
export function noteService(migrationTable: string): NonNullable<TestDatabaseOptions['service']> {
  return {
    migrationTable,
    migrations: {
      '20260301T0900-test-notes': {
        async up(db: Kysely<any>, dialect) {
          if (process.env.FAIL_TEST_MIGRATION) throw new Error('FAIL_TEST_MIGRATION: this process was not to migrate')
          // a build that never finishes, for a test to kill
          if (process.env.HANG_TEST_MIGRATION) await new Promise(() => {})
          const uuid = dialect.name === 'postgres' ? sql`uuid` : sql`char(36)`
          await db.schema
            .createTable('test_notes')
            .addColumn('id', uuid, (c) => c.primaryKey())
            .addColumn('person_id', uuid, (c) => c.notNull().references('people.id').onDelete('cascade'))
            .addColumn('body', 'text', (c) => c.notNull())
            .execute()
        },
        async down(db: Kysely<any>) {
          await db.schema.dropTable('test_notes').execute()
        },
      },
    },
    tables: { test_notes: { id: 'uuid', person_id: 'uuid', body: 'text' } },
    insertDefaults: { test_notes: { id: 'uuid' } },
  }
}
