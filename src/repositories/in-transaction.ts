import type { Transaction } from 'kysely'
import type { Database } from '../schema/generated/database.js'
import type { Executor } from './row-types.js'

/** Runs `fn` in the caller's transaction when `db` is one, else in a new one. */
export function inTransaction<T>(db: Executor, fn: (trx: Transaction<Database>) => Promise<T>): Promise<T> {
  return db.isTransaction ? fn(db as Transaction<Database>) : db.transaction().execute(fn)
}
