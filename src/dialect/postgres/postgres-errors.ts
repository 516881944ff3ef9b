import {
  CheckViolationError,
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

/** PostgreSQL's (pg and PGlite alike) integrity errors → the library's classes, by SQLSTATE. */
export function translatePostgresError(error: unknown): unknown {
  if (!(error instanceof Error)) return error
  const e = error as Error & { code?: string; table?: string; constraint?: string; column?: string }
  const Class = e.code ? CLASSES[e.code] : undefined
  if (!Class) return error
  return new Class(e.message, { table: e.table, constraint: e.constraint, columns: e.column ? [e.column] : undefined }, error)
}
