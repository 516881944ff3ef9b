import type { Insertable } from 'kysely'

import type { BlocksTable } from '../schema/generated/database.js'
import { addDays, daysBetween, isoWeekday } from './iso-dates.js'
import { lazySchemas, parseParams, type ParamsInput } from './parse-params.js'
import type { Executor } from './row-types.js'
import type * as Params from './blocks-params.js'

const schemas = lazySchemas(() => import('./blocks-params.js'))

/** Rows per multi-row insert: 500 blocks × 8 columns stays far below SQLite's 32,766 parameters. */
const INSERT_BATCH = 500

const THURSDAY = 4
const BLOCK_DAYS = 28
const LAST_BLOCK = 13

/** The academic year a date belongs to: July 1 of Y to June 30 of Y+1 is year Y. */
export function academicYearOf(date: string): number {
  const year = Number(date.slice(0, 4))
  return Number(date.slice(5, 7)) >= 7 ? year : year - 1
}

/** The first day of block 1: the first Thursday on or after July 1. */
export function firstBlockStart(academicYear: number): string {
  const july1 = `${String(academicYear).padStart(4, '0')}-07-01`
  return addDays(july1, (THURSDAY - isoWeekday(july1) + 7) % 7)
}

/**
 * The block number of a date: 0 (orientation) before the first Thursday on or
 * after July 1, then 1-13 of 28 days each from that Thursday; block 13 runs
 * to June 30.
 *
 * @example
 * blockNumberOf('2025-07-02') // 0
 * blockNumberOf('2025-07-03') // 1
 * blockNumberOf('2026-06-30') // 13
 */
export function blockNumberOf(date: string): number {
  const days = daysBetween(firstBlockStart(academicYearOf(date)), date)
  return days < 0 ? 0 : Math.min(LAST_BLOCK, 1 + Math.floor(days / BLOCK_DAYS))
}

export type AcademicYearBlocksParams = ParamsInput<typeof Params.academicYearBlocksParams>

export interface AcademicYearBlocksResult {
  academicYear: number
  /** July 1 of the academic year. */
  startDate: string
  /** June 30 of the next year. */
  endDate: string
  /** Block rows the year has: 730, or 732 with a February 29. */
  total: number
  /** Rows this call added; 0 when the year was already there. */
  inserted: number
}

/**
 * Creates the academic year's blocks: one per date and half-day (AM, PM), with
 * block numbers as `blockNumberOf` gives them and `isWeekend` on Saturday and
 * Sunday. Idempotent: only missing (date, half-day) rows are inserted, so
 * running it twice, or concurrently, adds nothing and changes no existing
 * block. Runs in one transaction (the caller's, when given one).
 */
export async function generateAcademicYearBlocks(
  db: Executor,
  params: AcademicYearBlocksParams,
): Promise<AcademicYearBlocksResult> {
  const { academicYear, holidays } = parseParams('generateAcademicYearBlocks', (await schemas()).academicYearBlocksParams, params)
  const holidayNames = new Map(holidays.map((h) => [h.date, h.name]))
  const startDate = `${String(academicYear).padStart(4, '0')}-07-01`
  const endDate = `${String(academicYear + 1).padStart(4, '0')}-06-30`

  const rows: Insertable<BlocksTable>[] = []
  for (let date = startDate; date <= endDate; date = addDays(date, 1)) {
    const blockNumber = blockNumberOf(date)
    const isWeekend = isoWeekday(date) >= 6
    const holidayName = holidayNames.get(date) ?? null
    for (const timeOfDay of ['AM', 'PM'] as const) {
      rows.push({ date, timeOfDay, blockNumber, isWeekend, isHoliday: holidayName !== null, holidayName })
    }
  }

  const insertMissing = async (tx: Executor): Promise<number> => {
    let inserted = 0
    for (let i = 0; i < rows.length; i += INSERT_BATCH) {
      const result = await tx
        .insertInto('blocks')
        .values(rows.slice(i, i + INSERT_BATCH))
        .onConflict((oc) => oc.columns(['date', 'timeOfDay']).doNothing())
        .executeTakeFirst()
      inserted += Number(result.numInsertedOrUpdatedRows ?? 0)
    }
    return inserted
  }
  const inserted = db.isTransaction ? await insertMissing(db) : await db.transaction().execute(insertMissing)
  return { academicYear, startDate, endDate, total: rows.length, inserted }
}
