import type { PGlite, PGliteInterface, Results, Transaction } from '@electric-sql/pglite'
import type { DialectRuntime } from '../dialect.js'
import { bindablePostgres } from './postgres-codecs.js'
import type { PostgresResultCache } from './postgres-result.js'
import type { PostgresTypes } from './postgres-runtime.js'
import type { PgliteCursorSource } from './pglite-streaming-driver.js'

type Queryable = Pick<PGliteInterface, 'query'> | Transaction

/**
 * The surface of PGlite that Kysely's `PGliteDriver` uses, over one PGlite
 * instance, with the codec's decoding: parameters bound as on pg, rows read as
 * arrays with the same text parsers as the pg pool and built into camelCase
 * objects by the compiled row mapper, errors translated to the library's.
 * Kysely's driver keeps the transaction state (its begin/commit/rollback hooks
 * run one PGlite transaction each); this object only remembers which PGlite
 * transaction is open, so that a stream's statements run in it (`cursorSource`).
 */
export class DecodingPglite {
  readonly #pglite: PGlite
  readonly #translate: (error: unknown) => unknown
  readonly #types: PostgresTypes
  readonly #cache: PostgresResultCache
  readonly #close: () => Promise<void>
  /** The transaction open on PGlite's one connection (Kysely's or a stream's): a stream's statements run there. */
  #current: Transaction | undefined

  /** `dialect`: the dialect object, whose error translation every failed statement goes through. */
  constructor(pglite: PGlite, dialect: Pick<DialectRuntime, 'translateError'>, types: PostgresTypes, cache: PostgresResultCache, close: () => Promise<void>) {
    this.#pglite = pglite
    this.#translate = dialect.translateError
    this.#types = types
    this.#cache = cache
    this.#close = close
  }

  get ready(): boolean {
    return this.#pglite.ready
  }

  get closed(): boolean {
    return this.#pglite.closed
  }

  get waitReady(): Promise<void> {
    return this.#pglite.waitReady
  }

  close(): Promise<void> {
    return this.#close()
  }

  query(sql: string, params?: unknown[]): Promise<Results<unknown>> {
    return this.#run(this.#pglite, sql, params ?? [])
  }

  transaction<T>(fn: (tx: Transaction) => Promise<T>): Promise<T> {
    let began = false
    return this.#pglite
      .transaction(async (tx) => {
        began = true
        this.#current = tx
        try {
          return await fn(this.#decoding(tx))
        } finally {
          this.#current = undefined
        }
      })
      .catch(async (error: unknown) => {
        const translated = this.#translate(error)
        // closed before the transaction began: Kysely's begin waits for `fn`
        // to be called, so call it with a transaction whose every statement
        // fails; its commit then fails too, instead of waiting forever
        if (!began) await fn(failing(translated)).catch(() => {})
        throw translated
      })
  }

  /** This object as the PGlite instance Kysely's driver is configured with (it uses only the members above). */
  asPglite(): PGlite {
    return this as unknown as PGlite
  }

  /** What the streaming driver reads cursors through: statements where Kysely runs its next one, rows as arrays. */
  cursorSource(): PgliteCursorSource {
    return {
      query: (sql, parameters) => this.#queryArrays(this.#current ?? this.#pglite, sql, parameters),
      mapRows: (sql, fields, rows) => this.#cache.mapRows(sql, fields, rows),
      inTransaction: () => this.#current !== undefined,
      transaction: (fn) => this.transaction(fn),
      closed: () => this.#pglite.closed,
    }
  }

  async #queryArrays(target: Queryable, sql: string, parameters: ReadonlyArray<unknown>): Promise<Results<unknown[]>> {
    try {
      const result = await target.query<unknown[]>(sql, bindablePostgres(parameters), { rowMode: 'array', parsers: this.#types.parsers })
      this.#cache.afterRun(sql)
      return result
    } catch (error) {
      throw this.#translate(error)
    }
  }

  async #run(target: Queryable, sql: string, parameters: ReadonlyArray<unknown>): Promise<Results<unknown>> {
    const result = await this.#queryArrays(target, sql, parameters)
    return { ...result, rows: this.#cache.mapRows(sql, result.fields, result.rows) }
  }

  #decoding(tx: Transaction): Transaction {
    return { ...tx, query: (sql: string, params?: unknown[]) => this.#run(tx, sql, params ?? []) } as Transaction
  }
}

function failing(error: unknown): Transaction {
  return { query: () => Promise.reject(error) } as unknown as Transaction
}
