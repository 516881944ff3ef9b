import { type Kysely, sql } from 'kysely'
import { type HasExecutor, dialectOf } from './dialect.js'

/**
 * How a transaction keeps concurrent writers of the same rows apart, per
 * dialect. PostgreSQL (pg, PGlite) locks the rows it reads (`SELECT … FOR
 * UPDATE`): the second transaction waits at that read and then sees the first
 * one's committed rows. SQLite has one writer at a time: a transaction takes
 * the write lock before its first read, so it reads nothing another writer
 * could still change.
 */
export function takesRowLocks(db: HasExecutor): boolean {
  return dialectOf(db).takesRowLocks
}

/**
 * Makes the open transaction `trx` the database's writer now, before it reads:
 * on SQLite a write that matches no row takes the write lock (and waits up to
 * the busy timeout for another writer, instead of failing later on the upgrade
 * from a reader), unless the transaction holds it already (it began with BEGIN
 * IMMEDIATE, as every transaction not declared read only does); on PostgreSQL
 * nothing (the row locks of the reads serialise). `table` is any table the
 * transaction may write; no row of it changes.
 */
export async function beginWriting(trx: Kysely<any>, table: string): Promise<void> {
  const dialect = dialectOf(trx)
  if (dialect.takesRowLocks || dialect.holdsWriteLock?.()) return
  await sql`update ${sql.table(table)} set ${sql.ref('id')} = ${sql.ref('id')} where 1 = 0`.execute(trx)
}
