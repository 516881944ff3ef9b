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
  /** `table.column as prefix_column` for every column, for `.select()`; one per field, in field order. */
  readonly columns: readonly string[]
  /** The row's field names (camelCase columns), in table order. */
  readonly fields: readonly string[]
  /** Each field's key in an object result row (its alias, camelCase). */
  readonly keys: readonly string[]
  /** The table's row from a result row; null when its id is null (an outer join that found nothing). */
  read(row: Record<string, unknown>): T | null
  /**
   * A reader of the row from other places: field `i` from `cells[i]`, a
   * position in an array row (`askArrayRows`) or a key of an object row,
   * decoded by `decoders[cells[i]]` where one is given (none: cells are final).
   */
  reader(cells: readonly (number | string)[], decoders?: readonly (Decoder | undefined)[]): (row: any) => T | null
  /** Where the id is among the part's fields. */
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
  const idCell = columns.indexOf('id')
  const reader = (cells: readonly (number | string)[], decoders: readonly (Decoder | undefined)[] = []) => {
    const used: Decoder[] = []
    const values = fields.map((f, i) => {
      const cell = `r[${JSON.stringify(cells[i])}]`
      const decoder = typeof cells[i] === 'number' ? decoders[cells[i] as number] : undefined
      if (!decoder) return `${JSON.stringify(f.key)}: ${cell}`
      used.push(decoder)
      return `${JSON.stringify(f.key)}: ${cell} === null ? null : d${used.length - 1}(${cell})`
    })
    const body = `return r[${JSON.stringify(cells[idCell])}] === null ? null : { ${values.join(', ')} }`
    // eslint-disable-next-line @typescript-eslint/no-implied-eval
    return new Function(...used.map((_, i) => `d${i}`), `return function (r) { ${body} }`)(...used) as (row: any) => T | null
  }
  const keys = fields.map((f) => camelName(f.alias))
  return {
    columns: fields.map((f) => `${source}.${f.key} as ${f.alias}`),
    fields: fields.map((f) => f.key),
    keys,
    read: reader(keys),
    reader,
    idCell,
  }
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

export interface SelectionOptions {
  /**
   * Fields that the query makes equal to another item's field in every row
   * where they are read, `{ 'block.id': 'assignment.blockId' }`: not selected,
   * read from that field's cell. Sound for a part joined by an inner join on
   * them, and for the fields a left-joined part's join condition sets (a
   * row it found has them equal). Never a left-joined part's id: that is
   * what tells whether it found a row.
   */
  readonly same?: Readonly<Record<string, string>>
}

/**
 * A select list of row parts and single columns, read back from either row
 * form: objects by their (prefixed, camelCase) keys, arrays by the position
 * each item's cells have in the list.
 */
export function selection<I extends SelectItems>(items: I, options: SelectionOptions = {}): Selection<I> {
  const same = options.same ?? {}
  const entries = Object.entries(items)
  const columns: string[] = []
  // where each field (`item.field`, or a single column's item name) is: its position in the list, its key in an object row
  const position = new Map<string, number>()
  const key = new Map<string, string>()
  const fields = new Set<string>()
  for (const [name, item] of entries) {
    if (typeof item === 'string') {
      position.set(name, columns.length)
      key.set(name, camelName(item.slice(item.lastIndexOf('.') + 1)))
      columns.push(item)
      continue
    }
    item.fields.forEach((field, i) => {
      fields.add(`${name}.${field}`)
      if (`${name}.${field}` in same) return
      position.set(`${name}.${field}`, columns.length)
      key.set(`${name}.${field}`, item.keys[i]!)
      columns.push(item.columns[i]!)
    })
  }
  for (const [field, from] of Object.entries(same)) {
    if (!fields.has(field)) throw new Error(`selection: no field ${field}`)
    if (!position.has(from)) throw new Error(`selection: ${field} is to be read from ${from}, which is not selected`)
    position.set(field, position.get(from)!)
    key.set(field, key.get(from)!)
  }
  /** The readers that take each field from `cellOf(field)`, decoding by `decoders` (by position). */
  const readers = (cellOf: (field: string) => number | string, decoders: readonly (Decoder | undefined)[] = []) => {
    const single = (cell: number | string): Reader => {
      const decoder = typeof cell === 'number' ? decoders[cell] : undefined
      return decoder ? (row) => (row[cell] === null ? null : decoder(row[cell])) : (row) => row[cell]
    }
    const out: Record<string, Reader> = {}
    for (const [name, item] of entries) {
      if (typeof item === 'string') {
        out[name] = single(cellOf(name))
        continue
      }
      const cells = item.fields.map((field) => cellOf(`${name}.${field}`))
      out[name] = item.reader(cells, decoders)
      out[`${name}Id`] = single(cells[item.idCell]!)
    }
    return out as unknown as ItemReaders<I>
  }
  const objects = readers((field) => key.get(field)!)
  /** The array readers for one statement's decoders (the same array for every run of it). */
  const byCells = (decoders?: readonly (Decoder | undefined)[]) => readers((field) => position.get(field)!, decoders)
  const plainCells = byCells()
  const decodingCells = new WeakMap<readonly (Decoder | undefined)[], ItemReaders<I>>()
  return {
    columns,
    readersFor({ rows, cellDecoders }) {
      if (!Array.isArray(rows[0])) return objects
      if (cellDecoders === undefined) return plainCells
      let readers = decodingCells.get(cellDecoders)
      if (readers === undefined) {
        readers = byCells(cellDecoders)
        decodingCells.set(cellDecoders, readers)
      }
      return readers
    },
  }
}
