import type pg from 'pg'
import type Cursor from 'pg-cursor'
import type { CompiledQuery, QueryResult } from 'kysely'
import { ResidencyDbError } from '../../errors.js'
import { loadOptionalModule } from '../load-driver.js'
import { checkChunkSize } from '../stream-chunk-size.js'
import { bindablePostgres } from './postgres-codecs.js'
import type { PostgresResultCache } from './postgres-result.js'

type CursorClass = typeof Cursor

let cursorClass: Promise<CursorClass> | undefined

/** pg-cursor, imported on the first stream: an optional peer dependency, like pg itself. */
export function loadPgCursor(): Promise<CursorClass> {
  // a failed import is tried again on the next stream
  return (cursorClass ??= importPgCursor('pg-cursor').catch((error: unknown) => {
    cursorClass = undefined
    throw error
  }))
}

/** Imports the package `name` as pg-cursor, or says how to install it. */
export function importPgCursor(name: string): Promise<CursorClass> {
  return loadOptionalModule(
    name,
    (cause) => new ResidencyDbError(`.stream() on PostgreSQL (pg) needs the '${name}' package: npm install ${name}`, { cause }),
  ) as Promise<CursorClass>
}

export interface CursorStreamOptions {
  client: pg.PoolClient
  cache: PostgresResultCache
  /** Turns a driver error into the library's (and remembers a lost session). */
  fail: (error: unknown) => unknown
  /** True once the session is gone: the cursor cannot be closed, the client is dropped. */
  lost: () => boolean
}

/**
 * Runs `compiled` through a pg-cursor on one pooled client and yields its rows
 * `chunkSize` at a time, decoded and named exactly as `executeQuery` gives them:
 * the parameters go through the same `bindablePostgres`, the cells through the
 * pool's type parsers (the client's own, since the cursor names none), the rows
 * through the same result cache. The statement is unnamed (pg-cursor never names
 * one), so it works behind a transaction-mode pooler: until the cursor is closed
 * no Sync is sent, the implicit transaction stays open and the pooler keeps the
 * server connection. The cursor is closed in every case (the rows ran out, the
 * consumer stopped early or threw, a read failed) before Kysely releases the
 * client, so the client goes back to the pool with no portal open.
 */
export async function* streamWithCursor<R>(compiled: CompiledQuery, chunkSize: number, options: CursorStreamOptions): AsyncGenerator<QueryResult<R>> {
  checkChunkSize(chunkSize)
  const CursorOf = await loadPgCursor()
  const { client, cache, fail, lost } = options
  const { sql } = compiled
  const cursor = client.query(new CursorOf(sql, bindablePostgres(compiled.parameters), { rowMode: 'array' }))
  let failed = false
  try {
    for (;;) {
      const { rows, fields } = await read(cursor, chunkSize).catch((error: unknown) => {
        failed = true
        throw fail(error)
      })
      if (rows.length === 0) return
      yield { rows: cache.mapRows(sql, fields, rows) as R[] }
      if (rows.length < chunkSize) return
    }
  } finally {
    // a failure to close never hides the error that ended the stream
    if (!lost()) {
      await close(cursor, client).catch((error: unknown) => {
        if (!failed) throw fail(error)
      })
    }
  }
}

function read(cursor: Cursor, chunkSize: number): Promise<{ rows: unknown[][]; fields: pg.FieldDef[] }> {
  return new Promise((resolve, reject) => {
    cursor.read(chunkSize, (error, rows, result) => (error ? reject(error) : resolve({ rows: rows as unknown[][], fields: result?.fields ?? [] })))
  })
}

/** Closes the portal and waits for the server's answer, or for the connection's end (nothing to close then). */
function close(cursor: Cursor, client: pg.PoolClient): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const ended = () => resolve()
    client.once('end', ended)
    cursor.close((error) => {
      client.off('end', ended)
      if (error) reject(error)
      else resolve()
    })
  })
}
