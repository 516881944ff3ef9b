import type { DatabaseIntrospector, Dialect, DialectAdapter, Driver, Kysely, QueryCompiler } from 'kysely'

/**
 * Wraps a Kysely dialect to tell whether Kysely has started its driver.
 * Kysely's `destroy()` closes only a driver it has started, so a database
 * destroyed before its first query must have its connections closed by the
 * runtime that opened them (else a pg pool keeps the process alive, a SQLite
 * file or a PGlite directory stays open).
 */
export function trackDriverUse(dialect: Dialect): { dialect: Dialect; started: () => boolean } {
  let started = false
  const tracked: Dialect = {
    createDriver(): Driver {
      const driver = dialect.createDriver()
      const init = driver.init.bind(driver)
      driver.init = async () => {
        started = true
        await init()
      }
      return driver
    },
    createQueryCompiler: (): QueryCompiler => dialect.createQueryCompiler(),
    createAdapter: (): DialectAdapter => dialect.createAdapter(),
    createIntrospector: (db: Kysely<any>): DatabaseIntrospector => dialect.createIntrospector(db),
  }
  return { dialect: tracked, started: () => started }
}
