import { dirname } from 'node:path'
import {
  BusyError,
  CheckViolationError,
  ForeignKeyViolationError,
  NotNullViolationError,
  StorageError,
  UniqueViolationError,
} from '../../errors.js'
import { completeConstraintDetails } from '../constraint-details.js'

/** The primary result code of an extended one: `SQLITE_IOERR_WRITE` → `SQLITE_IOERR`. */
function primaryCode(code: string): string {
  return /^SQLITE_[A-Z]+/.exec(code)?.[0] ?? code
}

/** SQLite's storage failures, by primary result code: the reason and what to do. */
const STORAGE: Record<string, [StorageError['reason'], string]> = {
  SQLITE_FULL: ['full', 'the disk holding the SQLite database is full (or the database reached its max_page_count); nothing of the statement or its transaction was stored: free disk space, then retry'],
  SQLITE_READONLY: ['readonly', 'the SQLite database is read-only here: give this process write access to the file and its directory (SQLite creates its -wal and -shm files there)'],
  SQLITE_CORRUPT: ['corrupt', 'the SQLite database file is corrupt: restore it from a backup (`sqlite3 <file> .recover` may save part of it)'],
  SQLITE_NOTADB: ['corrupt', 'the file is not a SQLite database (or is encrypted): check the path of the URL'],
  SQLITE_IOERR: ['io', 'the operating system failed a read or write of the SQLite database; nothing of the statement or its transaction was stored: check the disk, then retry'],
  SQLITE_CANTOPEN: ['io', 'SQLite cannot open the database file or its -wal/-shm/journal files: check that the directory exists and this process may write to it'],
}

/**
 * A driver error → the library's class: contention past the busy timeout is a
 * `BusyError` (retryable), a failure of the storage a `StorageError` with its
 * reason, a constraint a violation class (below); anything else is returned as is.
 */
export function translateSqliteError(error: unknown): unknown {
  if (!(error instanceof Error)) return error
  const code = (error as { code?: string }).code ?? ''
  const primary = primaryCode(code)
  // (SQLITE_LOCKED is a conflict inside this connection, which a retry does not cure)
  if (primary === 'SQLITE_BUSY') {
    return new BusyError(
      `the SQLite database stayed locked by another writer past the busy timeout (${code}: ${error.message}); ` +
        'nothing was changed: retry the call (or the whole transaction)',
      { cause: error },
    )
  }
  const storage = STORAGE[primary]
  if (storage) return new StorageError(`${storage[1]} (${code}: ${error.message})`, storage[0], { cause: error })
  return translateConstraintError(error, code)
}

/**
 * An error opening the database file at `path`, translated: SQLite cannot tell
 * a file it may not write (it needs to create its -wal and -shm files beside
 * it) from one it cannot open at all, so an existing file that is read-only,
 * or in a read-only directory, is told apart here. (node:fs is loaded here, on
 * this error path only: its ES module costs a cold start milliseconds.)
 */
export async function translateSqliteOpenError(error: unknown, path: string): Promise<unknown> {
  const code = (error as { code?: string } | undefined)?.code ?? ''
  if (primaryCode(code) !== 'SQLITE_CANTOPEN') return translateSqliteError(error)
  const { accessSync, constants, existsSync } = await import('node:fs')
  const writable = (p: string) => {
    try {
      accessSync(p, constants.W_OK)
      return true
    } catch {
      return false
    }
  }
  if (existsSync(path) && !(writable(path) && writable(dirname(path)))) {
    const [reason, advice] = STORAGE.SQLITE_READONLY!
    return new StorageError(`${advice} (${code}: ${(error as Error).message})`, reason, { cause: error })
  }
  return translateSqliteError(error)
}

/**
 * SQLite's constraint errors → the library's classes. SQLite names the table and
 * columns for UNIQUE and NOT NULL, the constraint for CHECK, nothing for foreign
 * keys; the rest is looked up in the schema (`completeConstraintDetails`).
 */
function translateConstraintError(error: Error, code: string): unknown {
  const message = error.message
  switch (code) {
    case 'SQLITE_CONSTRAINT_UNIQUE':
    case 'SQLITE_CONSTRAINT_PRIMARYKEY': {
      const columns = /failed: (.*)$/.exec(message)?.[1]?.split(', ') ?? []
      const table = columns[0]?.split('.')[0]
      const kind = code === 'SQLITE_CONSTRAINT_PRIMARYKEY' ? 'primaryKey' : 'unique'
      const details = completeConstraintDetails(kind, { table, columns: columns.map((c) => c.split('.')[1]!) })
      return new UniqueViolationError(message, details, error)
    }
    case 'SQLITE_CONSTRAINT_NOTNULL': {
      const [table, column] = (/failed: (.*)$/.exec(message)?.[1] ?? '').split('.')
      return new NotNullViolationError(message, { table, columns: column ? [column] : undefined }, error)
    }
    case 'SQLITE_CONSTRAINT_CHECK': {
      const constraint = /CHECK constraint failed: (.*)$/.exec(message)?.[1]
      return new CheckViolationError(message, completeConstraintDetails('check', { constraint }), error)
    }
    case 'SQLITE_CONSTRAINT_FOREIGNKEY':
      return new ForeignKeyViolationError(message, {}, error)
    default:
      return error
  }
}
