
import { lazySchemas, parseParams, type ParamsInput } from './parse-params.js'
import { placeholder, PreparedQuery, PreparedVariants } from './prepared-query.js'
import { rowPart, selection } from './row-parts.js'
import type { Executor, Person, SwapApproval, SwapRecord, SwapStatus } from './row-types.js'
import { readerFor } from '../read-routing.js'
import type * as Params from './swaps-params.js'

const schemas = lazySchemas(() => import('./swaps-params.js'))

export type SwapHistoryParams = ParamsInput<typeof Params.swapHistoryParams>

export interface SwapHistoryItem {
  swap: SwapRecord
  sourceFaculty: Person
  targetFaculty: Person
  /** The swap's approvals, in id order (creation order for library-made UUIDv7 ids). */
  approvals: SwapApproval[]
}

/** One page of a faculty member's swap history. */
export interface SwapHistoryPage {
  /** This page's swaps (at most `pageSize`). */
  items: SwapHistoryItem[]
  /** Matching swaps on every page. */
  total: number
  page: number
  pageSize: number
  /** Number of pages: 0 when nothing matches. */
  pages: number
}

const swapPart = rowPart<SwapRecord>('swapRecords', 's', 'page')
const sourcePart = rowPart<Person>('people', 'src', 'source')
const targetPart = rowPart<Person>('people', 'tgt', 'target')
const approvalPart = rowPart<SwapApproval>('swapApprovals', 'ap')
// the people are joined on the swap's faculty ids and the approvals on its id: those cells are read once
const pageColumns = selection(
  { swap: swapPart, total: 'page.total', source: sourcePart, target: targetPart, approval: approvalPart },
  { same: { 'source.id': 'swap.sourceFacultyId', 'target.id': 'swap.targetFacultyId', 'approval.swapId': 'swap.id' } },
)

/** Which filters a swap history query has: how many statuses, and whether from / to. */
interface SwapFilters {
  statuses: number
  from: boolean
  to: boolean
}

function filterKey(f: SwapFilters): string {
  return `${f.statuses}${f.from ? 'f' : ''}${f.to ? 't' : ''}`
}

function parseFilterKey(key: string): SwapFilters {
  return { statuses: Number.parseInt(key, 10), from: key.includes('f'), to: key.includes('t') }
}

/** The swaps matching the filters (arguments: faculty id, the statuses, from, to as the key has them). */
function matchingSwaps(db: Executor, f: SwapFilters, args: readonly unknown[]) {
  const [facultyId, ...rest] = args as string[]
  let query = db
    .selectFrom('swapRecords')
    .where((eb) => eb.or([eb('sourceFacultyId', '=', facultyId!), eb('targetFacultyId', '=', facultyId!)]))
  if (f.statuses > 0) query = query.where('status', 'in', rest.splice(0, f.statuses) as SwapStatus[])
  if (f.from) query = query.where('sourceWeek', '>=', rest.shift()!)
  if (f.to) query = query.where('sourceWeek', '<=', rest.shift()!)
  return query
}

function filterPlaceholders(f: SwapFilters): unknown[] {
  const args: unknown[] = [placeholder.uuid(0)]
  for (let i = 0; i < f.statuses; i++) args.push(placeholder.text(i))
  if (f.from) args.push(placeholder.date(0))
  if (f.to) args.push(placeholder.date(1))
  return args
}

// One query for a page: the page of swaps with the total counted over every
// match (a window function runs before LIMIT), both faculty, and the approvals
// joined outside the page so that they do not change its rows.
const swapPage = new PreparedVariants((key) => {
  const f = parseFilterKey(key)
  const placeholders = [...filterPlaceholders(f), placeholder.int(0), placeholder.int(1)]
  return new PreparedQuery<readonly unknown[], unknown>(placeholders, (db, args) => {
    const limit = args.at(-2) as number
    const offset = args.at(-1) as number
    return db
      .with('page', () =>
        matchingSwaps(db, f, args.slice(0, -2))
          .selectAll()
          .select((eb) => eb.fn.countAll().over().as('total'))
          .orderBy('requestedAt', 'desc')
          .orderBy('id')
          .limit(limit)
          .offset(offset),
      )
      .selectFrom('page')
      .innerJoin('people as source', 'source.id', 'page.sourceFacultyId')
      .innerJoin('people as target', 'target.id', 'page.targetFacultyId')
      .leftJoin('swapApprovals', 'swapApprovals.swapId', 'page.id')
      .select(pageColumns.columns as never[])
      .orderBy('page.requestedAt', 'desc')
      .orderBy('page.id')
      .orderBy('swapApprovals.id')
  })
})

// the count alone, for a page past the end (it has no row to carry the total)
const swapCount = new PreparedVariants((key) => {
  const f = parseFilterKey(key)
  return new PreparedQuery<readonly unknown[], unknown>(filterPlaceholders(f), (db, args) =>
    matchingSwaps(db, f, args).select((eb) => eb.fn.countAll().as('total')),
  )
})

/**
 * Swap records where the faculty member is the source or the target, newest
 * `requestedAt` first, ties by ascending id; filtered by status and by
 * `sourceWeek` in [from, to]; one page of them with the total counted before
 * paging. One query (two for a page past the end).
 */
export async function getSwapHistory(db: Executor, params: SwapHistoryParams): Promise<SwapHistoryPage> {
  const p = parseParams('getSwapHistory', (await schemas()).swapHistoryParams, params)
  db = readerFor(db)
  const statuses = p.status === undefined ? [] : [...new Set(typeof p.status === 'string' ? [p.status] : p.status)]
  const f: SwapFilters = { statuses: statuses.length, from: p.from !== undefined, to: p.to !== undefined }
  const args: unknown[] = [p.facultyId, ...statuses]
  if (p.from !== undefined) args.push(p.from)
  if (p.to !== undefined) args.push(p.to)
  const key = filterKey(f)
  const result = await swapPage.get(key).executeCells(db, [...args, p.pageSize, (p.page - 1) * p.pageSize])
  const rows = result.rows

  const items: SwapHistoryItem[] = []
  let total: number
  if (rows.length === 0) {
    const [count] = (await swapCount.get(key).execute(db, args)) as { total: number | string }[]
    total = Number(count?.total ?? 0)
  } else {
    const read = pageColumns.readersFor(result)
    total = Number(read.total(rows[0]))
    let current: SwapHistoryItem | undefined
    for (const row of rows) {
      if (current === undefined || current.swap.id !== read.swapId(row)) {
        current = { swap: read.swap(row)!, sourceFaculty: read.source(row)!, targetFaculty: read.target(row)!, approvals: [] }
        items.push(current)
      }
      const approval = read.approval(row)
      if (approval !== null) current.approvals.push(approval)
    }
  }
  return { items, total, page: p.page, pageSize: p.pageSize, pages: Math.ceil(total / p.pageSize) }
}
