import {
  CheckViolationError,
  CodecError,
  type ConstraintViolationError,
  ForeignKeyViolationError,
  NotNullViolationError,
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

/** PostgreSQL's (pg and PGlite alike) integrity and value errors → the library's classes, by SQLSTATE. */
export function translatePostgresError(error: unknown): unknown {
  if (!(error instanceof Error)) return error
  const e = error as PostgresError
  redactSecrets(e)
  if (isValueError(e)) return new CodecError(e.message, e.table, e.column, { cause: error })
  const known = e.code ? CLASSES[e.code] : undefined
  if (!known) return error
  const [Class, kind] = known
  const details = { table: e.table, constraint: e.constraint, columns: e.column ? [e.column] : undefined }
  return new Class(e.message, kind ? completeConstraintDetails(kind, details) : details, error)
}
