import type { Kysely } from 'kysely'
import type { Executor } from './repositories/row-types.js'
import type { Database } from './schema/generated/database.js'

/** The read handle of each database handle opened with replicas (a replica in turn, or the primary). */
const readers = new WeakMap<Kysely<Database>, () => Kysely<Database>>()

/** Registers `db`'s replica reads (createDatabase with `replicas`). */
export function routeReads(db: Kysely<Database>, reader: () => Kysely<Database>): void {
  readers.set(db, reader)
}

/**
 * Where a read function runs: on a replica when `db` is a handle opened with
 * `replicas`; a transaction, `rdb.primary` and any other handle are used as
 * given (read-your-writes).
 */
export function readerFor(db: Executor): Executor {
  if (db.isTransaction) return db
  return readers.get(db as Kysely<Database>)?.() ?? db
}
