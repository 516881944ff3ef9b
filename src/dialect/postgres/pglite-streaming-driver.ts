import type { Results } from '@electric-sql/pglite'
import { type CompiledQuery, type DatabaseConnection, PGliteDriver, type PGliteDialectConfig, type QueryResult } from 'kysely'
import { checkChunkSize } from '../stream-chunk-size.js'

/** What a PGlite cursor stream needs of the runtime. */
export interface PgliteCursorSource {
  /**
   * Runs one statement where Kysely runs its next one (the transaction open on
   * PGlite's one connection, else PGlite itself), rows as arrays of parsed
   * cells, errors translated.
   */
  query(sql: string, parameters: ReadonlyArray<unknown>): Promise<Results<unknown[]>>
  /** The rows of `sql`'s shape as `executeQuery` gives them (camelCase objects). */
  mapRows(sql: string, fields: Results['fields'], rows: unknown[][]): Record<string, unknown>[]
  /** True while a transaction is open on the connection (Kysely's, or a stream's own). */
  inTransaction(): boolean
  /** PGlite's exclusive transaction, as the runtime runs Kysely's (errors translated, tracked by `inTransaction`). */
  transaction<T>(fn: () => Promise<T>): Promise<T>
  /** True once the database is closed: there is no cursor left to close. */
  closed(): boolean
}

/** 25P02: the transaction is aborted; its rollback drops the cursor anyway. */
const isAbortedTransaction = (error: unknown): boolean =>
  [error, (error as { cause?: unknown }).cause].some((e) => (e as { code?: string } | undefined)?.code === '25P02')

/** What ends a stream's own transaction with a rollback. */
const ROLLBACK = Symbol('rollback')

/** A transaction held open across the stream's chunks; `end(true)` commits it, `end(false)` rolls it back. */
async function openTransaction(source: PgliteCursorSource): Promise<{ end: (commit: boolean) => Promise<void> }> {
  let decide!: (commit: boolean) => void
  const decided = new Promise<boolean>((resolve) => (decide = resolve))
  let begun!: () => void
  const ready = new Promise<void>((resolve) => (begun = resolve))
  const settled = source.transaction(async () => {
    begun()
    if (!(await decided)) throw ROLLBACK
  })
  // a transaction that cannot begin rejects `settled` without calling back
  await Promise.race([ready, settled])
  return {
    end: async (commit) => {
      decide(commit)
      await settled.catch((error: unknown) => {
        if (commit && error !== ROLLBACK) throw error
      })
    },
  }
}

let counter = 0

/**
 * `.stream(chunkSize)` on PGlite: `DECLARE … CURSOR`, then `FETCH chunkSize`
 * until the rows run out, and `CLOSE` in every case (the rows ran out, the
 * consumer stopped early or threw, a fetch failed). A cursor lives in a
 * transaction: the caller's (`trx.selectFrom(…).stream()`), else one of its
 * own, held from the first chunk to the last and committed (rolled back when a
 * statement failed). PostgreSQL reads the rows as they are fetched, so only
 * `chunkSize` rows at a time exist, as PGlite's result and as JavaScript objects.
 *
 * PGlite has one connection: Kysely lends it to the stream until the stream
 * ends, as on SQLite, so another query on `db` waits for it (one awaited
 * inside the loop would wait forever).
 */
export async function* streamPgliteCursor<R>(source: PgliteCursorSource, compiled: CompiledQuery, chunkSize: number): AsyncGenerator<QueryResult<R>> {
  checkChunkSize(chunkSize)
  const own = source.inTransaction() ? undefined : await openTransaction(source)
  const cursor = `rdb_stream_${++counter}`
  let failed = false
  const query = (sql: string, parameters: ReadonlyArray<unknown>) =>
    source.query(sql, parameters).catch((error: unknown) => {
      failed = true
      throw error
    })
  try {
    await query(`declare ${cursor} no scroll cursor for ${compiled.sql}`, compiled.parameters)
    try {
      for (;;) {
        const { rows, fields } = await query(`fetch forward ${chunkSize} from ${cursor}`, [])
        if (rows.length === 0) return
        yield { rows: source.mapRows(compiled.sql, fields, rows) as R[] }
        if (rows.length < chunkSize) return
      }
    } finally {
      // after a failure the transaction is aborted: its rollback drops the cursor
      if (!failed && !source.closed()) {
        await query(`close ${cursor}`, []).catch((error: unknown) => {
          if (!isAbortedTransaction(error)) throw error
        })
      }
    }
  } finally {
    await own?.end(!failed)
  }
}

/**
 * Kysely's PGlite driver, whose connection streams through `streamPgliteCursor`
 * (Kysely's own refuses: "Streaming is not supported by PGlite").
 */
export class PgliteStreamingDriver extends PGliteDriver {
  readonly #source: PgliteCursorSource
  readonly #streaming = new WeakSet<DatabaseConnection>()

  constructor(config: PGliteDialectConfig, source: PgliteCursorSource) {
    super(config)
    this.#source = source
  }

  override async acquireConnection(): Promise<DatabaseConnection> {
    const connection = await super.acquireConnection()
    if (!this.#streaming.has(connection)) {
      const source = this.#source
      connection.streamQuery = <R>(compiled: CompiledQuery, chunkSize?: number) => streamPgliteCursor<R>(source, compiled, chunkSize ?? 100)
      this.#streaming.add(connection)
    }
    return connection
  }
}
