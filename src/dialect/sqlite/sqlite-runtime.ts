import { existsSync } from 'node:fs'
import { SqliteIntrospector, SqliteQueryCompiler, type Dialect } from 'kysely'
import { createCodecCompiler } from '../../codec/codec-compiler.js'
import { ExpressionTypes } from '../../codec/expression-types.js'
import { ConnectionError, StorageError } from '../../errors.js'
import type { DialectRuntime, SchemaContext } from '../dialect.js'
import { loadDriverModule } from '../load-driver.js'
import { BetterSqliteDriver } from './better-sqlite-driver.js'
import { SqliteAuditSession } from './sqlite-audit-session.js'
import { sqliteEncoders } from './sqlite-codecs.js'
import { DecodingSqliteDatabase } from './sqlite-database.js'
import { translateSqliteError, translateSqliteOpenError } from './sqlite-errors.js'
import { SqliteMigrationAdapter } from './sqlite-migration-lock.js'

export interface SqliteOptions {
  /** How long a write waits for another connection's write lock before a `BusyError` (ms, default 5000). */
  busyTimeoutMs?: number
  /** How long a migration run waits for another process's run before a `BusyError` (ms, default 30000). */
  migrationLockTimeoutMs?: number
  /** Opens the file read-only (it must exist; nothing is written, not even the journal mode). */
  readOnly?: boolean
}

/** Where the connection comes from: a path (`':memory:'` or a file) the library opens, or a Database the service opened. */
export type SqliteSource = { path: string } | { database: import('better-sqlite3').Database }

/** The service's Database: the library never closes it (destroy() leaves it open). */
class BorrowedSqliteDatabase extends DecodingSqliteDatabase {
  override close(): void {}
}

/**
 * Opens a better-sqlite3 database (`':memory:'` or a file path) with foreign keys
 * enforced, a busy timeout, WAL journaling for files, and the audit functions
 * the audit triggers call (`SqliteAuditSession`). A file that cannot be used
 * (read-only, corrupt, not a database) is a `StorageError`, anything else that
 * fails to open a `ConnectionError`. A Database the service opened gets the
 * same pragmas (foreign keys, recursive triggers; the busy timeout when
 * `busyTimeoutMs` is given; its journal mode is its own) and functions, and is
 * never closed.
 */
export async function openSqlite(source: SqliteSource, schema: SchemaContext, url: string, options: SqliteOptions = {}): Promise<DialectRuntime> {
  if ('database' in source) return sqliteRuntime(source.database, schema, url, options, false)
  const { path } = source
  const readOnly = options.readOnly ?? false
  const Database = (await loadDriverModule('better-sqlite3', url)) as typeof import('better-sqlite3')
  const memory = path === ':memory:'
  let raw: import('better-sqlite3').Database | undefined
  if (readOnly && !memory && !existsSync(path)) {
    throw new ConnectionError(`no SQLite database at ${url}: nothing to read (migrate latest creates it)`)
  }
  try {
    // read-only: the file must exist, and nothing (not even the journal mode) is written
    raw = new Database(path, readOnly && !memory ? { readonly: true, fileMustExist: true } : { fileMustExist: false })
    // the first pragma reads the file: a file that is not a database fails here
    raw.pragma('foreign_keys = ON')
    raw.pragma(`busy_timeout = ${options.busyTimeoutMs ?? 5_000}`)
    if (!memory && !readOnly) raw.pragma('journal_mode = WAL')
    // rows that INSERT OR REPLACE deletes fire the audit delete trigger only with this on
    raw.pragma('recursive_triggers = ON')
  } catch (error) {
    raw?.close()
    const typed = memory ? translateSqliteError(error) : translateSqliteOpenError(error, path)
    if (typed instanceof StorageError) throw new StorageError(`cannot open SQLite database ${url}: ${typed.message}`, typed.reason, { cause: error })
    throw new ConnectionError(`cannot open SQLite database ${url}: ${(error as Error).message}`, { cause: error })
  }
  return sqliteRuntime(raw, schema, url, options, true)
}

function sqliteRuntime(
  raw: import('better-sqlite3').Database,
  schema: SchemaContext,
  url: string,
  options: SqliteOptions,
  owned: boolean,
): DialectRuntime {
  const memory = raw.memory
  if (!owned) {
    try {
      raw.pragma('foreign_keys = ON')
      if (options.busyTimeoutMs !== undefined) raw.pragma(`busy_timeout = ${options.busyTimeoutMs}`)
      raw.pragma('recursive_triggers = ON')
    } catch (error) {
      throw new ConnectionError(`cannot use the SQLite database ${url}: ${(error as Error).message}`, { cause: error })
    }
  }
  const audit = new SqliteAuditSession(raw)
  // SQLite names no source column for an expression: the compiler tells its type
  const expressionTypes = new ExpressionTypes()
  const database = new (owned ? DecodingSqliteDatabase : BorrowedSqliteDatabase)(raw, schema, expressionTypes, audit)
  const kyselyDialect: Dialect = {
    createAdapter: () => new SqliteMigrationAdapter(memory ? undefined : raw.name, options.migrationLockTimeoutMs),
    createDriver: () => new BetterSqliteDriver(database, audit),
    createIntrospector: (db) => new SqliteIntrospector(db),
    createQueryCompiler: () => createCodecCompiler(SqliteQueryCompiler, { ...schema, encoders: sqliteEncoders, expressionTypes }),
  }
  return {
    dialect: 'sqlite',
    driver: 'better-sqlite3',
    kyselyDialect,
    encoders: sqliteEncoders,
    migrationDialect: async () => ({ name: 'sqlite', vector: false }),
    vectorStorage: async () => 'text (JSON array)',
    ping: async () => {
      raw.prepare('select 1').get()
    },
    close: async () => {
      if (owned) raw.close()
    },
  }
}
