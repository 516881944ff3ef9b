import type { CompiledQuery, QueryResult } from 'kysely'
import type { Decoder } from '../codec/encoders.js'

/** Compiled queries whose rows the driver returns as arrays. */
const arrayRowQueries = new WeakSet<CompiledQuery>()

/**
 * What a driver returns for a query asked for array rows: one cell per
 * selected column, in select order, and for each position the decoder still to
 * apply to a non-null cell (none: the driver's cells are final, as pg's type
 * parsers make them). Decoding is left to the reader so that a joined row's
 * repeated cells (a swap on each of its approvals' rows) are decoded once.
 */
export interface ArrayRowsResult extends QueryResult<unknown[]> {
  readonly cellDecoders?: readonly (Decoder | undefined)[]
}

/**
 * Asks the driver to return `compiled`'s rows as arrays (`ArrayRowsResult`)
 * instead of camelCase objects: a caller that builds its own objects from the
 * cells (the library's joined reads) skips an object a row and decodes only
 * what it reads. Drivers that cannot (PGlite, whose Kysely driver passes only
 * the SQL text) return objects as usual, so a caller must accept either form
 * (`Array.isArray(row)`). Only for a query whose result no plugin transforms.
 */
export function askArrayRows<Q extends CompiledQuery>(compiled: Q): Q {
  arrayRowQueries.add(compiled)
  return compiled
}

/** True when the caller asked for `compiled`'s rows as arrays (see `askArrayRows`). */
export function wantsArrayRows(compiled: CompiledQuery): boolean {
  return arrayRowQueries.has(compiled)
}
