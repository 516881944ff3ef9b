import { type DialectAdapter, SqliteAdapter } from 'kysely'

/** SQLite's default SQLITE_MAX_VARIABLE_NUMBER (since 3.32), which better-sqlite3 keeps. */
const SQLITE_MAX_PARAMETERS = 32_766
/** The PostgreSQL protocol counts a statement's parameters in 16 bits. */
const POSTGRES_MAX_PARAMETERS = 65_535

/** How many bound parameters one statement may have on the dialect of `adapter`. */
export function maxBindParameters(adapter: DialectAdapter): number {
  return adapter instanceof SqliteAdapter ? SQLITE_MAX_PARAMETERS : POSTGRES_MAX_PARAMETERS
}
