import { type Builders, createBuilders, Sequences } from './build-rows.js'
import { createInserters, type Inserters } from './insert-rows.js'

/** Row builders and inserters sharing one sequence of row numbers. */
export interface Factories {
  /** Rows to insert yourself: every required column valid, overrides applied. */
  readonly build: Builders
  /** Rows inserted through `db` (parents too, when not given), returned as stored. */
  readonly insert: Inserters
  /** Starts every table's row numbers again at `start` (default: the factories' start), for the same rows again. */
  reset(start?: number): void
}

export interface FactoryOptions {
  /** The first row number of every table (default 1): another start, other rows (other emails, dates, ids). */
  start?: number
}

/**
 * Factories of their own, independent of the default `build` / `insert`.
 * Deterministic: the same start and the same calls give the same rows
 * (ids included), so a test may compare whole rows.
 */
export function createFactories(options: FactoryOptions = {}): Factories {
  const sequences = new Sequences(options.start)
  const build = createBuilders(sequences)
  return { build, insert: createInserters(build), reset: (start) => sequences.reset(start) }
}

const defaults = createFactories()

/** The default builders (one sequence per process, shared with `insert`). */
export const build: Builders = defaults.build
/** The default inserters (one sequence per process, shared with `build`). */
export const insert: Inserters = defaults.insert
/**
 * Starts the default factories' row numbers again (at `start`, default 1):
 * call it in `beforeEach` for the same rows in every test. Rows of one
 * sequence never repeat a unique value; after a reset, use a fresh database.
 */
export function resetFactories(start?: number): void {
  defaults.reset(start)
}
