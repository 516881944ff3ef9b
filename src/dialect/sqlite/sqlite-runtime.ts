import { SqliteIntrospector, SqliteQueryCompiler, type Dialect } from 'kysely'
import { createCodecCompiler } from '../../codec/codec-compiler.js'
import { ExpressionTypes } from '../../codec/expression-types.js'
import { ConnectionError, StorageError } from '../../errors.js'
import { type DatabaseImage, type DialectRuntime, type SchemaContext, carryDialect } from '../dialect.js'
import { loadDriverModule } from '../load-driver.js'
import { BetterSqliteConnection } from './better-sqlite-connection.js'
import { BetterSqliteDriver } from './better-sqlite-driver.js'
import { SqliteAuditSession } from '../../audit/sqlite-audit-session.js'
import { sqliteEncoders } from './sqlite-codecs.js'
import { DecodingSqliteDatabase } from './sqlite-database.js'
import { translateSqliteError, translateSqliteOpenError } from './sqlite-errors.js'
import { SqliteMigrationAdapter } from './sqlite-migration-lock.js'

/** SQLite's default SQLITE_MAX_VARIABLE_NUMBER (since 3.32), which better-sqlite3 keeps. */
const SQLITE_MAX_PARAMETERS = 32_766

export interface SqliteOptions {
  /** How long a write waits for another connection's write lock before a `BusyError` (ms, default 5000). */
  busyTimeoutMs?: number
  /** How long a migration run waits for another process's run before a `BusyError` (ms, default 30000). */
  migrationLockTimeoutMs?: number
  /** Opens the file read-only (it must exist; nothing is written, not even the journal mode). */
  readOnly?: boolean
  /** In memory only: starts as a copy of this serialized database (`snapshot()` of another), not empty. */
  image?: DatabaseImage
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
  const image = options.image === undefined ? undefined : sqliteImage(options.image, memory, url)
  // node:fs only when needed: its ES module costs a cold start milliseconds
  if (readOnly && !memory && !(await import('node:fs')).existsSync(path)) {
    throw new ConnectionError(`no SQLite database at ${url}: nothing to read (migrate latest creates it)`)
  }
  try {
    // read-only: the file must exist, and nothing (not even the journal mode) is written
    if (image !== undefined) raw = new Database(image)
    else raw = new Database(path, readOnly && !memory ? { readonly: true, fileMustExist: true } : { fileMustExist: false })
    // setting the journal mode reads the file: a file that is not a database fails here
    raw.exec(connectionPragmas(options.busyTimeoutMs ?? 5_000, !memory && !readOnly))
  } catch (error) {
    raw?.close()
    const typed = memory ? translateSqliteError(error) : await translateSqliteOpenError(error, path)
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
      raw.exec(connectionPragmas(options.busyTimeoutMs, false))
    } catch (error) {
      throw new ConnectionError(`cannot use the SQLite database ${url}: ${(error as Error).message}`, { cause: error })
    }
  }
  // SQLite names no source column for an expression: the compiler tells its type
  const expressionTypes = new ExpressionTypes()
  const kyselyDialect: Dialect = {
    createAdapter: () => carryDialect(new SqliteMigrationAdapter(memory ? undefined : raw.name, options.migrationLockTimeoutMs), () => runtime),
    // the driver and the database wrapper reach error translation and the audit session through the dialect object
    createDriver: () => new BetterSqliteDriver(database, runtime, connection),
    createIntrospector: (db) => new SqliteIntrospector(db),
    createQueryCompiler: () => createCodecCompiler(SqliteQueryCompiler, { ...schema, encoders: sqliteEncoders, expressionTypes }),
  }
  const runtime: DialectRuntime = {
    name: 'sqlite',
    driver: 'better-sqlite3',
    schema,
    kyselyDialect,
    encoders: sqliteEncoders,
    maxBindParameters: SQLITE_MAX_PARAMETERS,
    // one writer at a time: a transaction takes the write lock before its first read
    takesRowLocks: false,
    holdsWriteLock: () => connection.holdsWriteLock,
    translateError: translateSqliteError,
    // loaded when first needed (adopt, tests): the first query does not need it
    readCatalog: async (db) => (await import('./sqlite-catalog.js')).readSqliteCatalog(db),
    auditSession: new SqliteAuditSession(raw),
    migrationDialect: async () => ({ name: 'sqlite', vector: false }),
    vectorStorage: async () => 'text (JSON array)',
    ping: async () => {
      raw.prepare('select 1').get()
    },
    close: async () => {
      if (owned) raw.close()
    },
    snapshot: async () => raw.serialize(),
  }
  const database = new (owned ? DecodingSqliteDatabase : BorrowedSqliteDatabase)(raw, runtime, expressionTypes)
  // the database's one connection, shared by every driver Kysely creates on it
  const connection = new BetterSqliteConnection(database)
  return runtime
}

/**
 * The settings of every connection, run as one statement list (one call into
 * SQLite): foreign keys enforced; recursive triggers (rows that INSERT OR
 * REPLACE deletes fire the audit delete trigger only with them); the busy
 * timeout when one is given; WAL journaling when `wal` (a file opened for writing).
 */
function connectionPragmas(busyTimeoutMs: number | undefined, wal: boolean): string {
  const pragmas = ['foreign_keys = ON', 'recursive_triggers = ON']
  if (busyTimeoutMs !== undefined) pragmas.push(`busy_timeout = ${busyTimeoutMs}`)
  if (wal) pragmas.push('journal_mode = WAL')
  return pragmas.map((p) => `pragma ${p};`).join(' ')
}

/** The image as the Buffer better-sqlite3 deserializes; only an in-memory database starts from one. */
function sqliteImage(image: DatabaseImage, memory: boolean, url: string): Buffer {
  if (!memory) throw new ConnectionError(`${url}: only an in-memory database (sqlite::memory:) starts from an image`)
  if (!(image instanceof Uint8Array)) throw new ConnectionError(`${url}: a SQLite image is the bytes serialize() returns`)
  return Buffer.isBuffer(image) ? image : Buffer.from(image.buffer, image.byteOffset, image.byteLength)
}
