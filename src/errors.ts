/** Base class of every error the library throws on purpose. */
export class ResidencyDbError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options)
    this.name = new.target.name
  }
}

/** A URL or option that createDatabase cannot use, or a server it cannot reach. */
export class ConnectionError extends ResidencyDbError {}

/**
 * A value a column's type cannot hold. Raised before the database is touched for
 * every value the library binds to a known column; for a value it could not check
 * (a raw `sql` parameter), PostgreSQL's own refusal (SQLSTATE 22001 too long,
 * 22003 out of range) becomes one too, with the driver's error as `cause`.
 */
export class CodecError extends ResidencyDbError {
  constructor(
    message: string,
    readonly table: string | undefined,
    readonly column: string | undefined,
    options?: { cause?: unknown },
  ) {
    super(message, options)
  }
}

/** A migration that failed; the database is left as it was before that migration. */
export class MigrationError extends ResidencyDbError {
  constructor(
    message: string,
    readonly migrationName: string | undefined,
    options?: { cause?: unknown },
  ) {
    super(message, options)
  }
}

/** What every constraint violation carries. */
export interface ConstraintDetails {
  /** The table, when the database names it. */
  table?: string
  /** The constraint or index name, when the database names it. */
  constraint?: string
  /** The columns, when the database names them (SQLite does for UNIQUE and NOT NULL). */
  columns?: string[]
}

/** A write the database refused because of a constraint; the driver's error is `cause`. */
export class ConstraintViolationError extends ResidencyDbError {
  readonly table: string | undefined
  readonly constraint: string | undefined
  readonly columns: string[] | undefined
  constructor(message: string, details: ConstraintDetails, cause: unknown) {
    super(message, { cause })
    this.table = details.table
    this.constraint = details.constraint
    this.columns = details.columns
  }
}

export class UniqueViolationError extends ConstraintViolationError {}
export class ForeignKeyViolationError extends ConstraintViolationError {}
export class CheckViolationError extends ConstraintViolationError {}
export class NotNullViolationError extends ConstraintViolationError {}

/** One problem with a function's input: where it is (`['pageSize']`) and what is wrong. */
export interface ValidationIssue {
  /** The field path inside the params object; empty for the object itself. */
  readonly path: ReadonlyArray<string | number>
  /** The validator's code (zod's: `invalid_type`, `too_small`, `custom`, …). */
  readonly code: string
  readonly message: string
}

/** Input a library function refused before touching the database. */
export class ValidationError extends ResidencyDbError {
  constructor(
    message: string,
    readonly issues: readonly ValidationIssue[],
  ) {
    super(message)
  }
}

/**
 * A write refused because the row changed since the caller read it (an optimistic
 * update whose `updatedAt` no longer matches), or was deleted meanwhile.
 */
export class ConflictError extends ResidencyDbError {
  constructor(
    message: string,
    readonly table: string,
    readonly id: string,
  ) {
    super(message)
  }
}

/** A write that names a row which does not exist. */
export class NotFoundError extends ResidencyDbError {
  constructor(
    message: string,
    readonly table: string,
    readonly id: string,
  ) {
    super(message)
  }
}
