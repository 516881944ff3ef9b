import {
  CheckViolationError,
  CodecError,
  ConnectionError,
  type ConstraintViolationError,
  ForeignKeyViolationError,
  NotNullViolationError,
  StatementTimeoutError,
  UniqueViolationError,
} from '../../errors.js'
import type { ConstraintKind } from '../../schema/logical-types.js'
import { hasSecretColumns, isSecretColumn } from '../../codec/secret-columns.js'
import { completeConstraintDetails } from '../constraint-details.js'

type ViolationClass = new (...args: ConstructorParameters<typeof ConstraintViolationError>) => ConstraintViolationError

/** By SQLSTATE: the library's class, and the kind of constraint whose columns the schema knows. */
const CLASSES: Record<string, [ViolationClass, ConstraintKind | undefined]> = {
  '23505': [UniqueViolationError, 'unique'],
  '23503': [ForeignKeyViolationError, 'foreignKey'],
  '23514': [CheckViolationError, 'check'],
  '23502': [NotNullViolationError, undefined],
}

/**
 * A value its column's type cannot hold: too long for a varchar(n) (22001), out
 * of range for a numeric(p, s) or an integer type (22003 with these messages;
 * 22003 is also arithmetic overflow, which stays the database's error).
 */
function isValueError(e: { code?: string; message: string }): boolean {
  if (e.code === '22001') return true
  return e.code === '22003' && /^(numeric field overflow|value ".*" is out of range for type)/.test(e.message)
}

type PostgresError = Error & { code?: string; table?: string; constraint?: string; column?: string; detail?: string; params?: unknown }

/**
 * Removes the values of secret columns from a driver error about a table that
 * has some (see `isSecretColumn`), in place, before it becomes a `cause` that a
 * logger prints: a key's value in `detail` ('Key (key_hash)=(…) already
 * exists.'), the failing row in `detail`, and the bound parameters PGlite
 * attaches (`params`).
 */
export function redactSecrets(e: PostgresError): void {
  if (!hasSecretColumns(e.table)) return
  if (typeof e.detail === 'string') {
    e.detail = e.detail
      .replace(/^Key \((.*?)\)=\(.*\)/s, (whole, columns: string) =>
        columns.split(/\W+/).some((c) => isSecretColumn(e.table, c)) ? `Key (${columns})=(***)` : whole,
      )
      .replace(/^Failing row contains \(.*\)/s, 'Failing row contains (***)')
  }
  if (e.params !== undefined) e.params = '***'
}

/** PostgreSQL's (pg and PGlite alike) integrity, value and connection errors → the library's classes, by SQLSTATE. */
export function translatePostgresError(error: unknown): unknown {
  if (!(error instanceof Error)) return error
  if (isConnectionLoss(error)) return connectionLostError(error)
  if (isPgliteStopped(error)) return pgliteStoppedError(error)
  const e = error as PostgresError
  redactSecrets(e)
  if (e.code === '57014' && /statement timeout/.test(e.message)) {
    return new StatementTimeoutError(`${e.message}: PostgreSQL cancelled the statement after the statement timeout (statementTimeoutMs); it changed nothing`, { cause: error })
  }
  if (isValueError(e)) return new CodecError(e.message, e.table, e.column, { cause: error })
  const known = e.code ? CLASSES[e.code] : undefined
  if (!known) return error
  const [Class, kind] = known
  const details = { table: e.table, constraint: e.constraint, columns: e.column ? [e.column] : undefined }
  return new Class(e.message, kind ? completeConstraintDetails(kind, details) : details, error)
}

/**
 * SQLSTATEs of a session the server ended: class 08 (connection exception),
 * 57P01-57P03 (administrator, crash or startup shutdown), 57P05 (idle session
 * timeout) and 25P03 (idle-in-transaction timeout).
 */
const LOST_SESSION = /^(08...|57P0[1235]|25P03)$/
/** Node's socket errors, and pg's own words for a connection that is gone. */
const LOST_SOCKET = new Set(['ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ECONNABORTED'])
const LOST_MESSAGE = /^(Connection terminated|Client has encountered a connection error|Client was closed|timeout exceeded when trying to connect|timeout expired$)/

/** True when `error` means the connection to the server is gone (the statement did not complete). */
export function isConnectionLoss(error: unknown): boolean {
  if (!(error instanceof Error)) return false
  if (error instanceof ConnectionError) return true
  const code = (error as { code?: unknown }).code
  if (typeof code === 'string' && (LOST_SESSION.test(code) || LOST_SOCKET.has(code))) return true
  return LOST_MESSAGE.test(error.message)
}

/**
 * A lost connection as the library's retryable ConnectionError: the server
 * rolled back whatever the session had open, so the call (or the whole
 * transaction) may be made again; the pool opens a new connection for it.
 */
export function connectionLostError(error: unknown): ConnectionError {
  if (error instanceof ConnectionError) return error
  if ((error as Error).message === 'timeout expired') {
    return new ConnectionError(
      'PostgreSQL did not complete a new connection within the connect timeout (timeout expired): the statement did not run; the call may be retried',
      { cause: error, retryable: true },
    )
  }
  return new ConnectionError(
    `the connection to PostgreSQL was lost (${(error as Error).message}): the statement did not complete and any open transaction was rolled back; the call may be retried`,
    { cause: error, retryable: true },
  )
}

/** A connection lost while COMMIT was in flight: the server may have committed before it went. */
export function commitOutcomeUnknownError(error: unknown): ConnectionError {
  return new ConnectionError(
    `the connection to PostgreSQL was lost while committing (${(error as Error).message}): the transaction may or may not have been committed; read the data back before making the call again`,
    { cause: error, retryable: false },
  )
}

/** PGlite closed (by destroy() or by its owner) or its WebAssembly aborted: the instance cannot run anything again. */
function isPgliteStopped(error: Error): boolean {
  return /^PGlite is clos(ed|ing)$/.test(error.message) || (error.name === 'RuntimeError' && /^Aborted\(/.test(error.message))
}

function pgliteStoppedError(error: Error): ConnectionError {
  return new ConnectionError(
    `the PGlite database is closed or stopped (${error.message}): nothing more runs on this instance; open the database again with createDatabase`,
    { cause: error, retryable: false },
  )
}

/**
 * Why createDatabase could not start a session, said plainly: a database or
 * role that does not exist (and how to create it), a refused password, a
 * server without SSL asked for it, a connection that did not complete within
 * the connect timeout, or else a server it cannot reach.
 */
export function postgresStartupError(error: unknown, url: string, connectTimeoutMs: number | undefined): ConnectionError {
  const root = (error instanceof ConnectionError && error.cause instanceof Error ? error.cause : error) as PostgresError
  const message = root instanceof Error ? root.message : String(root)
  const quoted = (pattern: RegExp) => pattern.exec(message)?.[1]
  let text: string
  const database = root.code === '3D000' ? quoted(/database "(.*)" does not exist/) : undefined
  const role = root.code === '28000' ? quoted(/role "(.*)" does not exist/) : undefined
  if (database !== undefined) {
    text = `database ${database} does not exist (${url}): create it with createdb ${database}, or CREATE DATABASE ${database}`
  } else if (role !== undefined) {
    text = `role ${role} does not exist (${url}): create it with createuser ${role}, or CREATE ROLE ${role} LOGIN`
  } else if (root.code === '28P01' || root.code === '28000') {
    text = `PostgreSQL at ${url} refused the login: ${message}`
  } else if (/does not support SSL/.test(message)) {
    text = `PostgreSQL at ${url} does not support SSL connections, and the URL or the ssl option asks for SSL: use sslmode=disable or enable SSL on the server`
  } else if (message === 'timeout expired' || /^Connection terminated due to connection timeout/.test(message)) {
    text = `PostgreSQL at ${url} did not complete the connection within ${connectTimeoutMs ?? '?'} ms (the connect timeout: connectTimeoutMs, or connect_timeout= in seconds in the URL)`
  } else {
    text = `cannot reach PostgreSQL at ${url}: ${message}; expected a running server that accepts this URL`
  }
  return new ConnectionError(text, { cause: error })
}
