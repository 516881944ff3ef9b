/** What every library error may carry besides its message. */
export interface ResidencyDbErrorOptions {
  cause?: unknown
  /** True when the same call may succeed if made again (default false). */
  retryable?: boolean
}

/** Base class of every error the library throws on purpose. */
export class ResidencyDbError extends Error {
  /**
   * True when nothing was changed and the same call may succeed when made again
   * (a connection lost mid-call, a database busy past the wait limit); false
   * when the call itself must change first.
   */
  readonly retryable: boolean
  constructor(message: string, options?: ResidencyDbErrorOptions) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause })
    this.name = new.target.name
    this.retryable = options?.retryable ?? false
  }
}

/**
 * A URL or option that createDatabase cannot use, a server it cannot reach, or
 * a connection lost during a call (`retryable` true: the call, or the whole
 * transaction, was not committed and may be made again).
 */
export class ConnectionError extends ResidencyDbError {}

/**
 * The database stayed locked by another writer past the wait limit (SQLite's
 * busy timeout, PostgreSQL's lock timeout, a serialization failure or a
 * deadlock). Nothing was changed; always `retryable`.
 */
export class BusyError extends ResidencyDbError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, { ...options, retryable: true })
  }
}

/**
 * PostgreSQL cancelled a statement that ran past the statement timeout
 * (`statementTimeoutMs`, or `statement_timeout=` in the URL). The statement
 * changed nothing; a transaction it ran in is aborted and rolls back.
 */
export class StatementTimeoutError extends ResidencyDbError {}

/**
 * The database could not store or read its files: the disk is full, the file
 * is read-only, corrupt or not a database. The statement (and its transaction)
 * changed nothing; it is not retryable until the cause is fixed.
 */
export class StorageError extends ResidencyDbError {
  constructor(
    message: string,
    readonly reason: 'full' | 'readonly' | 'corrupt' | 'io',
    options?: { cause?: unknown },
  ) {
    super(message, options)
  }
}

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

/**
 * A write that would repeat a value a unique constraint or unique index allows
 * once (`constraint` e.g. `unique_person_per_block`, `columns` its columns).
 * Nothing was written.
 */
export class UniqueViolationError extends ConstraintViolationError {}
/**
 * A write naming a row that does not exist (an insert or update of a foreign
 * key), or a delete of a row others still reference. PostgreSQL names the
 * constraint; SQLite names nothing. Nothing was written.
 */
export class ForeignKeyViolationError extends ConstraintViolationError {}
/** A write a CHECK constraint refuses (`constraint` is its name, e.g. `check_person_type`). Nothing was written. */
export class CheckViolationError extends ConstraintViolationError {}
/** A write that leaves a NOT NULL column empty (`columns` names it). Nothing was written. */
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

/** The swap lifecycle's moves, as `SwapTransitionError` names them. */
export type SwapTransition = 'respond' | 'cancel' | 'execute' | 'rollback'

/**
 * A swap asked to make a move its status does not allow (QUERIES.md: pending ->
 * approved | rejected | cancelled; approved -> executed; executed ->
 * rolled_back). Nothing was changed. Read the swap again: another caller may
 * have moved it first.
 */
export class SwapTransitionError extends ConflictError {
  constructor(
    readonly swapId: string,
    readonly status: string,
    readonly transition: SwapTransition,
  ) {
    super(`swap ${swapId} is ${status}: cannot ${transition} it (${ALLOWED[transition]}); read the swap again before retrying`, 'swap_records', swapId)
  }
}

const ALLOWED: Record<SwapTransition, string> = {
  respond: 'only a pending swap takes responses',
  cancel: 'only a pending swap can be cancelled',
  execute: 'only an approved swap can be executed',
  rollback: 'only an executed swap can be rolled back',
}

/** One assignment a swap would move onto a half-day the receiver already works. */
export interface SwapCollision {
  blockId: string
  date: string
  timeOfDay: string
  /** The faculty member who would receive it. */
  personId: string
}

/**
 * Executing the swap would give a faculty member two assignments on one
 * half-day block. Nothing was moved; free the named blocks (or change the swap)
 * and execute again.
 */
export class SwapCollisionError extends ConflictError {
  constructor(
    swapId: string,
    readonly collisions: readonly SwapCollision[],
  ) {
    const where = collisions.map((c) => `${c.date} ${c.timeOfDay} (block ${c.blockId}, person ${c.personId})`).join(', ')
    super(`swap ${swapId}: the receiver already has an assignment on ${where}; free those blocks, then execute again`, 'swap_records', swapId)
  }
}

/**
 * A rollback refused: `expired` when more than 24 hours passed since the
 * execution, `changed` when a moved assignment was changed or deleted since
 * (its ids in `assignmentIds`). Nothing was changed; undo such a swap by hand.
 */
export class SwapRollbackError extends ConflictError {
  constructor(
    swapId: string,
    readonly reason: 'expired' | 'changed',
    message: string,
    readonly assignmentIds: readonly string[] = [],
  ) {
    super(`swap ${swapId}: ${message}`, 'swap_records', swapId)
  }
}
