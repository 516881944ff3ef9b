import {
  CheckViolationError,
  CodecError,
  type ConstraintViolationError,
  ForeignKeyViolationError,
  NotNullViolationError,
  UniqueViolationError,
} from '../../errors.js'

const CLASSES: Record<string, new (...args: ConstructorParameters<typeof ConstraintViolationError>) => ConstraintViolationError> = {
  '23505': UniqueViolationError,
  '23503': ForeignKeyViolationError,
  '23514': CheckViolationError,
  '23502': NotNullViolationError,
}

/** Values a column's type cannot hold: too long for a varchar(n), out of range for a number type. */
const VALUE_ERRORS = new Set(['22001', '22003'])

/** PostgreSQL's (pg and PGlite alike) integrity and value errors → the library's classes, by SQLSTATE. */
export function translatePostgresError(error: unknown): unknown {
  if (!(error instanceof Error)) return error
  const e = error as Error & { code?: string; table?: string; constraint?: string; column?: string }
  if (e.code !== undefined && VALUE_ERRORS.has(e.code)) return new CodecError(e.message, e.table, e.column, { cause: error })
  const Class = e.code ? CLASSES[e.code] : undefined
  if (!Class) return error
  return new Class(e.message, { table: e.table, constraint: e.constraint, columns: e.column ? [e.column] : undefined }, error)
}
