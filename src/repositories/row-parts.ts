import type { Decoder } from '../codec/encoders.js'
import { camelName } from '../codec/names.js'
import { columnTypes } from '../schema/generated/column-types.js'
import type { Database } from '../schema/generated/database.js'
import { libraryTableName } from '../schema/library-tables.js'

/**
 * One table's row inside a joined result: its columns are selected under
 * prefixed aliases (`blocks.date as b_date`, read back as `bDate`) so that
 * several tables' `id`, `name`, `createdAt`… can share one result row, and a
 * reader compiled once per part builds the table's own row object from them.
 * The codec still decodes every cell by its source column (aliases keep it).
 */
export interface RowPart<T> {
  /** `table.column as prefix_column` for every column, for `.select()`. */
  readonly columns: readonly string[]
  /** The table's row from a result row; null when its id is null (an outer join that found nothing). */
  read(row: Record<string, unknown>): T | null
  /**
   * The same from an array row (`askArrayRows`) whose cells of this part start
   * at `start`, applying `decoders` (by cell position; none: cells are final).
   */
  readCells(start: number, decoders?: readonly (Decoder | undefined)[]): (row: readonly unknown[]) => T | null
  /** The result row's key of the part's id (`read` gives null when it is null). */
  readonly idKey: string
  /** Where the id is among the part's cells. */
  readonly idCell: number
}

/**
 * @param table the table (camelCase, as on `db`)
 * @param prefix the alias prefix, short and distinct per part of one query
 * @param source what the query calls the table (default `table`; an alias like `source` for a second join of people)
 */
export function rowPart<T>(table: keyof Database, prefix: string, source: string = table): RowPart<T> {
  const snakeTable = libraryTableName(table)
  if (columnTypes[snakeTable] === undefined) throw new Error(`unknown table ${table}`)
  const columns = Object.keys(columnTypes[snakeTable]!)
  if (!columns.includes('id')) throw new Error(`${table} has no id column`)
  const fields = columns.map((c) => ({ key: camelName(c), alias: `${prefix}_${c}` }))
  const body = fields.map((f) => `${JSON.stringify(f.key)}: r[${JSON.stringify(camelName(f.alias))}]`).join(', ')
  const idKey = camelName(`${prefix}_id`)
  // eslint-disable-next-line @typescript-eslint/no-implied-eval
  const read = new Function('r', `return r[${JSON.stringify(idKey)}] === null ? null : { ${body} }`) as RowPart<T>['read']
  const idCell = columns.indexOf('id')
  const readCells = (start: number, decoders: readonly (Decoder | undefined)[] = []) => {
    const used: Decoder[] = []
    const cells = fields.map((f, i) => {
      const cell = `r[${start + i}]`
      const decoder = decoders[start + i]
      if (!decoder) return `${JSON.stringify(f.key)}: ${cell}`
      used.push(decoder)
      return `${JSON.stringify(f.key)}: ${cell} === null ? null : d${used.length - 1}(${cell})`
    })
    const body = `return r[${start + idCell}] === null ? null : { ${cells.join(', ')} }`
    // eslint-disable-next-line @typescript-eslint/no-implied-eval
    return new Function(...used.map((_, i) => `d${i}`), `return function (r) { ${body} }`)(...used) as (row: readonly unknown[]) => T | null
  }
  return { columns: fields.map((f) => `${source}.${f.key} as ${f.alias}`), read, readCells, idKey, idCell }
}

/** What a select list is made of: row parts, and single columns (`'page.total'`, read under their last name). */
export type SelectItems = Record<string, RowPart<unknown> | string>

/** One reader per item of a select list, for result rows of one form, and for each part `p` one of its id (`pId`). */
export type ItemReaders<I extends SelectItems> = {
  readonly [K in keyof I]: (row: any) => I[K] extends RowPart<infer T> ? T | null : unknown
} & {
  readonly [K in keyof I as I[K] extends string ? never : `${K & string}Id`]: (row: any) => unknown
}

export interface Selection<I extends SelectItems> {
  /** The select list, items in order. */
  readonly columns: readonly string[]
  /**
   * The readers for a result as the query returned it: array rows
   * (`askArrayRows`, cells decoded as they are read) or objects.
   */
  readersFor(result: { readonly rows: readonly unknown[]; readonly cellDecoders?: readonly (Decoder | undefined)[] }): ItemReaders<I>
}

type Reader = (row: any) => unknown

/**
 * A select list of row parts and single columns, read back from either row
 * form: objects by their (prefixed, camelCase) keys, arrays by the position
 * each item's cells have in the list.
 */
export function selection<I extends SelectItems>(items: I): Selection<I> {
  const columns: string[] = []
  const starts: number[] = []
  for (const item of Object.values(items)) {
    starts.push(columns.length)
    if (typeof item === 'string') columns.push(item)
    else columns.push(...item.columns)
  }
  const entries = Object.entries(items)
  const byKey: Record<string, Reader> = {}
  entries.forEach(([name, item]) => {
    if (typeof item === 'string') {
      const key = camelName(item.slice(item.lastIndexOf('.') + 1))
      byKey[name] = (row: Record<string, unknown>) => row[key]
    } else {
      const { idKey } = item
      byKey[name] = item.read
      byKey[`${name}Id`] = (row: Record<string, unknown>) => row[idKey]
    }
  })
  /** The array readers for one statement's decoders (the same array for every run of it). */
  const byCells = (decoders: readonly (Decoder | undefined)[] = []): Record<string, Reader> => {
    const readers: Record<string, Reader> = {}
    const decoded = (at: number): Reader => {
      const decoder = decoders[at]
      return decoder ? (row: readonly unknown[]) => (row[at] === null ? null : decoder(row[at])) : (row: readonly unknown[]) => row[at]
    }
    entries.forEach(([name, item], k) => {
      const start = starts[k]!
      if (typeof item === 'string') {
        readers[name] = decoded(start)
      } else {
        readers[name] = item.readCells(start, decoders)
        readers[`${name}Id`] = decoded(start + item.idCell)
      }
    })
    return readers
  }
  const objects = byKey as unknown as ItemReaders<I>
  const plainCells = byCells() as unknown as ItemReaders<I>
  const decodingCells = new WeakMap<readonly (Decoder | undefined)[], ItemReaders<I>>()
  return {
    columns,
    readersFor({ rows, cellDecoders }) {
      if (!Array.isArray(rows[0])) return objects
      if (cellDecoders === undefined) return plainCells
      let readers = decodingCells.get(cellDecoders)
      if (readers === undefined) {
        readers = byCells(cellDecoders) as unknown as ItemReaders<I>
        decodingCells.set(cellDecoders, readers)
      }
      return readers
    },
  }
}
