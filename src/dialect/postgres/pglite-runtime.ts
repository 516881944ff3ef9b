import type { PGlite } from '@electric-sql/pglite'
import { PGliteAdapter } from 'kysely'
import { ConnectionError } from '../../errors.js'
import type { DatabaseImage, DialectRuntime, SchemaContext } from '../dialect.js'
import { lockPgliteDirectory } from './pglite-directory-lock.js'
import { loadDriverModule } from '../load-driver.js'
import { DecodingPglite } from './decoding-pglite.js'
import { PostgresResultCache } from './postgres-result.js'
import { PgliteStreamingDriver } from './pglite-streaming-driver.js'
import { PostgresTypes, postgresRuntime } from './postgres-runtime.js'
import type { VectorStateRow } from './vector-type.js'

/** Where the database comes from: memory (`dir` undefined) or a directory the library opens, or a PGlite the service opened. */
export type PgliteSource = { dir: string | undefined } | { pglite: PGlite }

/**
 * Opens PGlite (embedded PostgreSQL) in memory (`dir` undefined) or in a
 * directory, with the same text parsers as the pg pool so both return the same
 * values, and rows built from arrays like on pg. A PGlite the service opened
 * is used as it is (its session settings untouched: timestamps decode from the
 * offset PostgreSQL sends) and never closed. In memory it may start from
 * `image`, the data directory another one's `snapshot()` dumped.
 */
export async function openPglite(source: PgliteSource, schema: SchemaContext, url: string, image?: DatabaseImage): Promise<DialectRuntime> {
  if (image !== undefined && ('pglite' in source || source.dir !== undefined || !(image instanceof Blob))) {
    throw new ConnectionError(`${url}: only an in-memory PGlite (pglite:) starts from an image, a data directory tarball`)
  }
  if ('pglite' in source) return pgliteRuntime(source.pglite, schema, async () => {})
  const { dir } = source
  const module = (await loadDriverModule('@electric-sql/pglite', url)) as { PGlite: typeof PGlite }
  // one process at a time per directory; released when the database is closed
  const lock = dir === undefined ? undefined : lockPgliteDirectory(dir, url)
  let opened: PGlite | undefined
  try {
    // a copy in memory for tests: nothing to make durable
    opened = await module.PGlite.create(dir ?? 'memory://', image === undefined ? {} : { loadDataDir: image, relaxedDurability: true })
    // sessions in UTC, as on pg, so timestamptz text carries +00
    await opened.exec("set timezone = 'UTC'")
  } catch (error) {
    await opened?.close().catch(() => {})
    lock?.release()
    throw new ConnectionError(`cannot open PGlite database ${url}: ${(error as Error).message}`, { cause: error })
  }
  const pglite: PGlite = opened
  return pgliteRuntime(pglite, schema, async () => {
    try {
      if (!pglite.closed) await pglite.close()
    } finally {
      lock?.release()
    }
  })
}

/** The runtime over an open PGlite; `close` is what destroy() does to it. */
function pgliteRuntime(pglite: PGlite, schema: SchemaContext, close: () => Promise<void>): DialectRuntime {
  const types = new PostgresTypes((text) => pglite.query<VectorStateRow>(text))
  const cache = new PostgresResultCache(schema.names)
  const runtime = postgresRuntime({
    driver: 'pglite',
    schema,
    types,
    createAdapter: () => new PGliteAdapter(),
    createDriver: () => new PgliteStreamingDriver({ pglite: database.asPglite() }, database.cursorSource()),
    ping: () => types.refresh(),
    close,
  })
  // PGlite's wrapper reaches error translation through the dialect object
  const database = new DecodingPglite(pglite, runtime, types, cache, close)
  // the same object the adapter carries (dialectOf), with the snapshot method
  return Object.assign(runtime, { snapshot: () => pglite.dumpDataDir('none') })
}
