import { sql } from 'kysely'
import { z } from 'zod'
import { type ParamsInput, parseParams } from '../repositories/parse-params.js'
import type { Executor } from '../repositories/row-types.js'
import { auditedTableParam } from './audited-table-param.js'
import { AUDITED_TABLES, type AuditedTable, auditedTables, untyped } from './audited-tables.js'
import { type AuditVersion, auditVersion, selectVersions, type VersionRow } from './audit-version.js'
import { readerFor } from '../read-routing.js'

/** The parameter schema of the function below; its parameter type is this schema's input. */
export const changesParams = z
  .strictObject({
    /** Only this table's changes (default: all four audited tables). */
    table: auditedTableParam.optional(),
    /** Only changes made with this `userId` (see `withAuditContext`). */
    userId: z.string().min(1).max(255).optional(),
    /** Only transactions issued at or after this time. */
    from: z.date().optional(),
    /** Only transactions issued at or before this time; before `from` is a ValidationError. */
    to: z.date().optional(),
    /** The page, from 1 (default 1); a page past the end is empty. */
    page: z.int().min(1).default(1),
    /** Versions per page, 1 to 100 (default 20). */
    pageSize: z.int().min(1).max(100).default(20),
  })
  .refine((p) => p.from === undefined || p.to === undefined || p.from <= p.to, {
    path: ['to'],
    message: 'to must be at or after from',
  })

export type ChangesParams = ParamsInput<typeof changesParams>

export interface ChangesPage {
  /** Newest transaction first; within one, by table and row id. */
  items: AuditVersion[]
  /** Matching versions on every page. */
  total: number
  page: number
  pageSize: number
  /** Number of pages: 0 when nothing matches. */
  pages: number
}

/**
 * The audit log across the audited tables: every version (one row's change in
 * one transaction), newest first, filtered by table, user and time, one page
 * of it selected in SQL with the total counted before paging. Each item is what
 * `getHistory` gives for that version.
 *
 * @example
 * const { items, total } = await getChanges(db, { userId: 'coordinator@example.org', pageSize: 50 })
 */
export async function getChanges(db: Executor, params: ChangesParams = {}): Promise<ChangesPage> {
  const p = parseParams('getChanges', changesParams, params)
  db = readerFor(db)
  const tables = p.table === undefined ? AUDITED_TABLES : [p.table]
  const u = untyped(db)
  const versions = tables
    .map((table) =>
      u
        .selectFrom(`${auditedTables[table].version} as v`)
        .select([sql.lit(table).as('auditedTable'), 'v.id', 'v.transactionId']),
    )
    .reduce((all, next) => all.unionAll(next))
  let matching = u.selectFrom(versions.as('c')).innerJoin('transaction as t', 't.id', 'c.transactionId')
  if (p.userId !== undefined) matching = matching.where('t.userId', '=', p.userId)
  if (p.from !== undefined) matching = matching.where('t.issuedAt', '>=', p.from)
  if (p.to !== undefined) matching = matching.where('t.issuedAt', '<=', p.to)

  const { count } = await matching.select((eb) => eb.fn.countAll().as('count')).executeTakeFirstOrThrow()
  const total = Number(count)
  const page: { auditedTable: AuditedTable; id: string; transactionId: number }[] = await matching
    .select(['c.auditedTable', 'c.id', 'c.transactionId'])
    .orderBy('c.transactionId', 'desc')
    .orderBy('c.auditedTable')
    .orderBy('c.id')
    .limit(p.pageSize)
    .offset((p.page - 1) * p.pageSize)
    .execute()

  const items = new Map<string, AuditVersion>()
  for (const table of new Set(page.map((c) => c.auditedTable))) {
    const listed = page.filter((c) => c.auditedTable === table)
    for (const version of await versionsOf(db, table, listed)) items.set(`${table}:${version.id}:${version.transaction.id}`, version)
  }
  return {
    items: page.map((c) => items.get(`${c.auditedTable}:${c.id}:${Number(c.transactionId)}`)!),
    total,
    page: p.page,
    pageSize: p.pageSize,
    pages: Math.ceil(total / p.pageSize),
  }
}

/** The listed versions of one table, each with the version it superseded (two queries). */
async function versionsOf(
  db: Executor,
  table: AuditedTable,
  listed: readonly { id: string; transactionId: number }[],
): Promise<AuditVersion[]> {
  const info = auditedTables[table]
  const ids = [...new Set(listed.map((c) => c.id))]
  const transactions = [...new Set(listed.map((c) => Number(c.transactionId)))]
  const wanted = new Set(listed.map((c) => `${c.id}:${Number(c.transactionId)}`))
  const rows = await selectVersions(db, info).where('v.id', 'in', ids).where('v.transactionId', 'in', transactions).execute()
  const previous: VersionRow[] = await untyped(db)
    .selectFrom(`${info.version} as v`)
    .selectAll('v')
    .where('v.id', 'in', ids)
    .where('v.endTransactionId', 'in', transactions)
    .$castTo<VersionRow>()
    .execute()
  const superseded = new Map(previous.map((r) => [`${r.id}:${r.endTransactionId}`, r]))
  return rows
    .filter((r) => wanted.has(`${r.id}:${r.transactionId}`))
    .map((r) => auditVersion(info, r, superseded.get(`${r.id}:${r.transactionId}`)))
}
