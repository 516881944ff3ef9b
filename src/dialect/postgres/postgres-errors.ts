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
const CLASSES: Record<string, [ViolationClass, Exclude<ConstraintKind, 'primaryKey'> | undefined]> = {
  '23505': [UniqueViolationError, 'unique'],
  '23503': [ForeignKeyViolationError, 'foreignKey'],
  '23514': [CheckViolationError, 'check'],
  '23502': [NotNullViolationError, undefined],
}

/** Values a column's type cannot hold: too long for a varchar(n), out of range for a number type. */
const VALUE_ERRORS = new Set(['22001', '22003'])

/** PostgreSQL's (pg and PGlite alike) integrity and value errors → the library's classes, by SQLSTATE. */
export function translatePostgresError(error: unknown): unknown {
  if (!(error instanceof Error)) return error
  const e = error as Error & { code?: string; table?: string; constraint?: string; column?: string }
  if (e.code !== undefined && VALUE_ERRORS.has(e.code)) return new CodecError(e.message, e.table, e.column, { cause: error })
  const known = e.code ? CLASSES[e.code] : undefined
  if (!known) return error
  const [Class, kind] = known
  const details = { table: e.table, constraint: e.constraint, columns: e.column ? [e.column] : undefined }
  return new Class(e.message, kind ? completeConstraintDetails(kind, details) : details, error)
}
