import {
  CheckViolationError,
  CodecError,
  type ConstraintViolationError,
  ForeignKeyViolationError,
  NotNullViolationError,
  UniqueViolationError,
} from '../../errors.js'
import type { ConstraintKind } from '../../schema/logical-types.js'
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

/** PostgreSQL's (pg and PGlite alike) integrity and value errors → the library's classes, by SQLSTATE. */
export function translatePostgresError(error: unknown): unknown {
  if (!(error instanceof Error)) return error
  const e = error as Error & { code?: string; table?: string; constraint?: string; column?: string }
  if (isValueError(e)) return new CodecError(e.message, e.table, e.column, { cause: error })
  const known = e.code ? CLASSES[e.code] : undefined
  if (!known) return error
  const [Class, kind] = known
  const details = { table: e.table, constraint: e.constraint, columns: e.column ? [e.column] : undefined }
  return new Class(e.message, kind ? completeConstraintDetails(kind, details) : details, error)
}
