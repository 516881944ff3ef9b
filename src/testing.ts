// residency-db/testing: migrated test databases in milliseconds, and row factories.

export {
  createTestDatabase,
  dropTestDatabases,
  testDatabaseFactory,
  type TestDatabase,
  type TestDatabaseFactory,
  type TestDatabaseOptions,
} from './testing/test-database.js'
export { build, createFactories, insert, resetFactories, type FactoryOptions, type Factories } from './testing/factories.js'
export type { Builders, Built, FactoryName, FactoryTables, Overrides, WithParents } from './testing/build-rows.js'
export type { Inserter, Inserters, TestExecutor } from './testing/insert-rows.js'
