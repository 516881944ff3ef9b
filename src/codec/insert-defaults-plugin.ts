import {
  ColumnNode,
  type InsertQueryNode,
  type KyselyPlugin,
  type OperationNode,
  type PluginTransformQueryArgs,
  type PluginTransformResultArgs,
  PrimitiveValueListNode,
  type QueryResult,
  type RootOperationNode,
  type UnknownRow,
  ValueListNode,
  ValueNode,
  ValuesNode,
} from 'kysely'
import { uuidv7 } from './uuid-v7.js'
import type { InsertDefault, InsertDefaultMap } from '../schema/logical-types.js'
import type { NameMap } from './names.js'

/**
 * Fills the library's defaults on insert, for every insert on `db`:
 * - a UUIDv7 id (time-ordered) and "now" timestamps when the caller gives none;
 * - in a multi-row insert where one row leaves out a column that others give,
 *   that column's default (Kysely binds NULL there on SQLite, which has no
 *   DEFAULT keyword in VALUES, so the two dialects would differ).
 * Other queries pass through untouched. Values are encoded later, by the
 * compiler, like any other.
 */
export class InsertDefaultsPlugin implements KyselyPlugin {
  readonly #names: NameMap
  readonly #defaults: InsertDefaultMap

  constructor(names: NameMap, defaults: InsertDefaultMap) {
    this.#names = names
    this.#defaults = defaults
  }

  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    const node = args.node
    if (node.kind !== 'InsertQueryNode') return node
    return this.#fill(node)
  }

  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return args.result
  }

  #fill(node: InsertQueryNode): InsertQueryNode {
    if (!node.into || !node.columns || !node.values || !ValuesNode.is(node.values)) return node
    const defaults = this.#defaults[this.#names.toSnake(node.into.table.identifier.name)]
    if (!defaults) return node
    const columns = node.columns.map((c) => this.#names.toSnake(c.column.name))
    // columns left out entirely: the library fills uuid and now; the database fills literals
    const added = Object.keys(defaults).filter((c) => !columns.includes(c) && typeof defaults[c] !== 'object')
    const hasDefaultCell = node.values.values.some((row) => ValueListNode.is(row) && row.values.some(isDefaultCell))
    if (added.length === 0 && !hasDefaultCell) return node
    // one instant per statement: a row's created_at and updated_at (and every row of a multi-row insert) agree
    const now = new Date()
    const rows = node.values.values.map((row) => {
      const cells: OperationNode[] = PrimitiveValueListNode.is(row) ? row.values.map((v) => ValueNode.create(v)) : [...row.values]
      cells.forEach((cell, i) => {
        const kind = defaults[columns[i]!]
        if (isDefaultCell(cell) && kind !== undefined) cells[i] = ValueNode.create(generated(kind, now))
      })
      for (const column of added) cells.push(ValueNode.create(generated(defaults[column]!, now)))
      return ValueListNode.create(cells)
    })
    return {
      ...node,
      columns: [...node.columns, ...added.map((c) => ColumnNode.create(this.#names.toCamel(c)))],
      values: ValuesNode.create(rows),
    }
  }
}

function isDefaultCell(node: OperationNode): boolean {
  return node.kind === 'DefaultInsertValueNode'
}

function generated(kind: InsertDefault, now: Date): unknown {
  if (kind === 'uuid') return uuidv7()
  if (kind === 'now') return now
  return kind.literal
}
