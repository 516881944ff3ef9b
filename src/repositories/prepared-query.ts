import { type Compilable, type CompiledQuery, createQueryId, type KyselyPlugin, type QueryResult } from 'kysely'
import { InsertDefaultsPlugin } from '../codec/insert-defaults-plugin.js'
import { type ArrayRowsResult, askArrayRows } from '../dialect/array-rows.js'
import type { Executor } from './row-types.js'

/**
 * Stand-in parameter values for compiling a query once: distinct, valid for
 * their column's encoder, and returned by it unchanged, so that each can be
 * found again among the compiled parameters.
 */
export const placeholder = {
  uuid: (n: number) => `ffffffff-ffff-4fff-bfff-${String(n).padStart(12, '0')}`,
  date: (n: number) => `${1001 + n}-01-01`,
  /** A timestamp as the codec binds it (ISO-8601 UTC, `Date#toISOString`): pass `date.toISOString()`. */
  timestamp: (n: number) => `${1001 + n}-01-01T00:00:00.000Z`,
  // a noncharacter: storable text no real value starts with
  text: (n: number) => `\uFDD0placeholder ${n}`,
  int: (n: number) => -1_000_000_001 - n,
}

/** How many plugin lists one prepared query keeps a compiled copy for, per database. */
export const COPIES_PER_ADAPTER = 4

interface Prepared {
  readonly plugins: readonly KyselyPlugin[]
  readonly compiled: CompiledQuery
  /** Positions in `compiled.parameters` that take an argument … */
  readonly slots: readonly number[]
  /** … and which argument each takes. */
  readonly args: readonly number[]
}

/**
 * A query compiled once per database and run with new arguments: building and
 * compiling a Kysely query costs more than a small indexed read itself.
 *
 * `build` is called once per database (cache keyed by its dialect adapter,
 * which a transaction shares with its `db`) with `placeholders` as arguments;
 * the compiled parameters holding a placeholder are then replaced by the call's
 * arguments on every run. Arguments must already be in the form the codec's
 * encoder would bind: validated 'YYYY-MM-DD' dates, lower-case UUIDs, strings,
 * integers, timestamps as `toISOString()` returns them, or null (a compile-time
 * check refuses placeholders the encoder changed).
 * A `db` with other plugins (`db.withPlugin(...)`) gets its own compiled copy:
 * each adapter keeps up to {@link COPIES_PER_ADAPTER} copies, one per plugin
 * list, the one used least recently giving way (a `db` whose plugins are new
 * objects on every call compiles on every call).
 */
export class PreparedQuery<A extends readonly unknown[], R> {
  readonly #placeholders: A
  readonly #build: (db: Executor, args: A) => Compilable<R>
  readonly #byAdapter = new WeakMap<object, Prepared[]>()

  constructor(placeholders: A, build: (db: Executor, args: A) => Compilable<R>) {
    if (new Set(placeholders).size !== placeholders.length) throw new Error('placeholders must be distinct')
    this.#placeholders = placeholders
    this.#build = build
  }

  async execute(db: Executor, args: A): Promise<R[]> {
    const executor = db.getExecutor()
    const compiled = this.compile(db, args)
    // straight to the connection when no plugin changes results (Kysely would await each one's transformResult)
    if (!passesResults(executor.plugins)) return (await executor.executeQuery<R>(compiled)).rows
    return (await executor.provideConnection((connection) => connection.executeQuery<R>(compiled))).rows
  }

  /**
   * As `execute`, with the rows as arrays of cells in select order where the
   * driver can (`askArrayRows`), else as objects (PGlite; a `db` with a plugin
   * that transforms results gets what its plugins make): read them with a
   * `selection`, which accepts either.
   */
  async executeCells(db: Executor, args: A): Promise<ArrayRowsResult | QueryResult<unknown>> {
    const executor = db.getExecutor()
    const compiled = this.compile(db, args)
    if (!passesResults(executor.plugins)) return executor.executeQuery(compiled)
    return executor.provideConnection((connection) => connection.executeQuery(askArrayRows(compiled)))
  }

  /** The compiled query with `args` bound (what `execute` runs). */
  compile(db: Executor, args: A): CompiledQuery<R> {
    const executor = db.getExecutor()
    const prepared = this.#preparedFor(db, executor.adapter, executor.plugins)
    const { compiled, slots } = prepared
    const parameters = compiled.parameters.slice()
    for (let i = 0; i < slots.length; i++) parameters[slots[i]!] = args[prepared.args[i]!]
    return { query: compiled.query, queryId: createQueryId(), sql: compiled.sql, parameters }
  }

  /** The copy compiled for these plugins on this adapter, compiled now if there is none. */
  #preparedFor(db: Executor, adapter: object, plugins: readonly KyselyPlugin[]): Prepared {
    let copies = this.#byAdapter.get(adapter)
    if (copies === undefined) {
      copies = []
      this.#byAdapter.set(adapter, copies)
    }
    // the first copy is the one used last: a db's repeated calls find theirs at once
    const first = copies[0]
    if (first !== undefined && samePlugins(first.plugins, plugins)) return first
    for (let i = 1; i < copies.length; i++) {
      const copy = copies[i]!
      if (samePlugins(copy.plugins, plugins)) {
        copies.splice(i, 1)
        copies.unshift(copy)
        return copy
      }
    }
    const fresh = this.#prepare(db, plugins)
    copies.unshift(fresh)
    if (copies.length > COPIES_PER_ADAPTER) copies.pop()
    return fresh
  }

  #prepare(db: Executor, plugins: readonly KyselyPlugin[]): Prepared {
    const compiled = this.#build(db, this.#placeholders).compile()
    const slots: number[] = []
    const args: number[] = []
    compiled.parameters.forEach((value, i) => {
      const k = this.#placeholders.indexOf(value)
      if (k >= 0) {
        slots.push(i)
        args.push(k)
      }
    })
    this.#placeholders.forEach((value, k) => {
      if (!args.includes(k)) throw new Error(`prepared query: placeholder ${k} (${String(value)}) not bound as given`)
    })
    return { plugins: [...plugins], compiled, slots, args }
  }
}

/** True when every plugin returns results as they are (the library's own: InsertDefaultsPlugin). */
function passesResults(plugins: readonly KyselyPlugin[]): boolean {
  for (let i = 0; i < plugins.length; i++) if (!(plugins[i] instanceof InsertDefaultsPlugin)) return false
  return true
}

/** True when two executors run the same plugins (the same objects), so compile the same SQL. */
export function samePlugins(a: readonly KyselyPlugin[], b: readonly KyselyPlugin[]): boolean {
  if (a.length !== b.length) return false
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false
  return true
}

/**
 * Prepared queries by variant (which optional filters are set, how many values
 * an `in` list has): each variant has its own SQL text.
 */
export class PreparedVariants<R = unknown> {
  readonly #variants = new Map<string, PreparedQuery<readonly unknown[], R>>()
  readonly #create: (key: string) => PreparedQuery<readonly unknown[], R>

  constructor(create: (key: string) => PreparedQuery<readonly unknown[], R>) {
    this.#create = create
  }

  get(key: string): PreparedQuery<readonly unknown[], R> {
    let query = this.#variants.get(key)
    if (query === undefined) {
      query = this.#create(key)
      this.#variants.set(key, query)
    }
    return query
  }
}
