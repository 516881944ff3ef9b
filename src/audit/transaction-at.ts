import type { ExpressionBuilder } from 'kysely'
import { z } from 'zod'
import type { Executor } from '../repositories/row-types.js'
import { untyped } from './audited-tables.js'

/**
 * A moment of the audit history: a transaction id (exact: the state right after
 * that transaction) or a time (the state after every transaction issued at or
 * before it; times have millisecond precision, so transactions of the same
 * millisecond are told apart by id only).
 *
 * Transactions are ordered by id, which a transaction takes at its first
 * recorded change. On SQLite, which writes one transaction at a time, that is
 * commit order. On PostgreSQL two overlapping transactions commit in either
 * order whatever their ids (as with SQLAlchemy-Continuum); a row's own versions
 * stay in the order they superseded each other (`getHistory` follows it).
 */
export type AuditMoment = Date | number

export const auditMomentParam = z.union([z.date(), z.int().positive()])

/** The transaction id a moment stands for; null for a time before the first transaction. */
export async function transactionAt(db: Executor, at: AuditMoment): Promise<number | null> {
  if (typeof at === 'number') return at
  const row = await untyped(db)
    .selectFrom('transaction')
    .select((eb) => eb.fn.max('id').as('id'))
    .where('issuedAt', '<=', at)
    .executeTakeFirst()
  return row?.id === null || row?.id === undefined ? null : Number(row.id)
}

/**
 * The versions (`v`) valid right after transaction `tx`: made at or before it
 * and not yet superseded then (Continuum's validity strategy). A deleted row's
 * valid version is its delete.
 */
export function validAt(tx: number) {
  return (eb: ExpressionBuilder<any, 'v'>) =>
    eb.and([
      eb('v.transactionId', '<=', tx),
      eb.or([eb('v.endTransactionId', 'is', null), eb('v.endTransactionId', '>', tx)]),
    ])
}
