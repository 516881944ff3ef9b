import {
  CheckViolationError,
  ForeignKeyViolationError,
  NotNullViolationError,
  UniqueViolationError,
} from '../../errors.js'
import { completeConstraintDetails } from '../constraint-details.js'

/**
 * SQLite's constraint errors → the library's classes. SQLite names the table and
 * columns for UNIQUE and NOT NULL, the constraint for CHECK, nothing for foreign
 * keys; the rest is looked up in the schema (`completeConstraintDetails`).
 */
export function translateSqliteError(error: unknown): unknown {
  if (!(error instanceof Error)) return error
  const code = (error as { code?: string }).code ?? ''
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
