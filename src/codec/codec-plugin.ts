import {
  type ColumnUpdateNode,
  type DeleteQueryNode,
  type InsertQueryNode,
  type KyselyPlugin,
  type OperationNode,
  type PluginTransformQueryArgs,
  type PluginTransformResultArgs,
  type QueryResult,
  type RootOperationNode,
  type SelectQueryNode,
  type UnknownRow,
  type UpdateQueryNode,
  type BinaryOperationNode,
  BinaryOperationNode as BinaryOp,
  ColumnNode,
  ColumnUpdateNode as ColumnUpdate,
  OperationNodeTransformer,
  PrimitiveValueListNode,
  ValueListNode,
  ValueNode,
  ValuesNode,
  AliasNode,
  AndNode,
  IdentifierNode,
  OperatorNode,
  ReferenceNode,
  TableNode,
} from 'kysely'
import { v7 as uuidv7 } from 'uuid'
import type { ColumnTypeMap, InsertDefault, InsertDefaultMap, LogicalType } from '../schema/logical-types.js'
import type { Encoders } from './encoders.js'
import type { NameMap } from './names.js'

/** What the plugin needs to know about the schema and the dialect. */
export interface CodecPluginOptions {
  names: NameMap
  columnTypes: ColumnTypeMap
  insertDefaults: InsertDefaultMap
  encoders: Encoders
}

/** Operators whose right operand is a value of the left column's type (for between: `start and end`). */
const COMPARISONS = new Set([
  '=', '==', '!=', '<>', '<', '<=', '>', '>=', 'in', 'not in', 'is distinct from', 'is not distinct from',
  'between', 'between symmetric',
])

/** Tables visible in one query level: alias or table name → table name (snake_case). */
type Scope = Map<string, string>

/**
 * The query side of the codec layer, as one Kysely plugin:
 * - renames camelCase identifiers to the schema's exact snake_case names;
 * - encodes every value whose column is known (insert values, update sets,
 *   comparisons in where/on/having) with its logical type's encoder, which
 *   validates it before anything reaches the database;
 * - fills library defaults on insert: a UUIDv7 id and "now" timestamps when the
 *   caller gives none, and spec literal defaults where a multi-row insert leaves
 *   a column out of one row (SQLite would bind NULL there).
 * The result side (decoding and camelCase keys) lives in each dialect's driver
 * wrapper, where rows are built from arrays.
 */
export class CodecPlugin implements KyselyPlugin {
  readonly #options: CodecPluginOptions

  constructor(options: CodecPluginOptions) {
    this.#options = options
  }

  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    return new CodecTransformer(this.#options).transformNode(args.node)
  }

  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return args.result
  }
}

class CodecTransformer extends OperationNodeTransformer {
  readonly #o: CodecPluginOptions
  readonly #scopes: Scope[] = []

  constructor(options: CodecPluginOptions) {
    super()
    this.#o = options
  }

  protected override transformIdentifier(node: Parameters<OperationNodeTransformer['transformIdentifier']>[0]) {
    return { ...node, name: this.#o.names.toSnake(node.name) }
  }

  protected override transformSelectQuery(node: SelectQueryNode): SelectQueryNode {
    return this.#inScope([...(node.from?.froms ?? []), ...(node.joins ?? []).map((j) => j.table)], () =>
      super.transformSelectQuery(node),
    )
  }

  protected override transformDeleteQuery(node: DeleteQueryNode): DeleteQueryNode {
    const tables = [...node.from.froms, ...(node.using?.tables ?? []), ...(node.joins ?? []).map((j) => j.table)]
    return this.#inScope(tables, () => super.transformDeleteQuery(node))
  }

  protected override transformUpdateQuery(node: UpdateQueryNode): UpdateQueryNode {
    const tables = [node.table, ...(node.from?.froms ?? []), ...(node.joins ?? []).map((j) => j.table)]
    return this.#inScope(tables, () => {
      const table = tableOf(node.table)
      const updates = node.updates?.map((u) => this.#encodeUpdate(u, table && this.#table(table)))
      return super.transformUpdateQuery(updates ? { ...node, updates } : node)
    })
  }

  protected override transformInsertQuery(node: InsertQueryNode): InsertQueryNode {
    const table = node.into ? this.#table(node.into.table.identifier.name) : undefined
    return this.#inScope(node.into ? [node.into] : [], () => {
      let next = node
      if (table && node.columns && node.values && ValuesNode.is(node.values)) next = this.#encodeInsert(node, table)
      if (table && next.onConflict?.updates) {
        const updates = next.onConflict.updates.map((u) => this.#encodeUpdate(u, table))
        next = { ...next, onConflict: { ...next.onConflict, updates } }
      }
      return super.transformInsertQuery(next)
    })
  }

  protected override transformBinaryOperation(node: BinaryOperationNode): BinaryOperationNode {
    const op = OperatorNode.is(node.operator) ? node.operator.operator : ''
    if (COMPARISONS.has(op)) {
      const type = this.#referenceType(node.leftOperand)
      if (type) {
        const right = this.#encodeOperand(node.rightOperand, type.logical, type.table, type.column)
        if (right !== node.rightOperand) node = BinaryOp.create(node.leftOperand, node.operator, right)
      }
    }
    return super.transformBinaryOperation(node)
  }

  #inScope<T>(tables: ReadonlyArray<OperationNode | undefined>, fn: () => T): T {
    const scope: Scope = new Map()
    for (const t of tables) {
      if (!t) continue
      const name = tableOf(t)
      if (name === undefined) continue
      scope.set(aliasOf(t) ?? name, this.#table(name))
    }
    this.#scopes.push(scope)
    try {
      return fn()
    } finally {
      this.#scopes.pop()
    }
  }

  #table(name: string): string {
    return this.#o.names.toSnake(name)
  }

  /** The logical type of a column reference, resolved through the query scopes. */
  #referenceType(node: OperationNode): { logical: LogicalType; table: string; column: string } | undefined {
    let columnName: string
    let qualifier: string | undefined
    if (ReferenceNode.is(node)) {
      if (!ColumnNode.is(node.column)) return undefined
      columnName = node.column.column.name
      qualifier = node.table?.table.identifier.name
    } else if (ColumnNode.is(node)) {
      columnName = node.column.name
    } else {
      return undefined
    }
    const column = this.#o.names.toSnake(columnName)
    for (let i = this.#scopes.length - 1; i >= 0; i--) {
      const scope = this.#scopes[i]!
      if (qualifier !== undefined) {
        const table = scope.get(qualifier) ?? scope.get(this.#table(qualifier))
        if (table === undefined) continue
        const logical = this.#o.columnTypes[table]?.[column]
        return logical ? { logical, table, column } : undefined
      }
      for (const table of scope.values()) {
        const logical = this.#o.columnTypes[table]?.[column]
        if (logical) return { logical, table, column }
      }
    }
    return undefined
  }

  #encode(value: unknown, logical: LogicalType, table: string, column: string): unknown {
    if (value === null || value === undefined) return null
    return this.#o.encoders[logical](value, { table, column })
  }

  #encodeOperand(node: OperationNode, logical: LogicalType, table: string, column: string): OperationNode {
    if (ValueNode.is(node)) return ValueNode.create(this.#encode(node.value, logical, table, column))
    if (PrimitiveValueListNode.is(node)) {
      return PrimitiveValueListNode.create(node.values.map((v) => this.#encode(v, logical, table, column)))
    }
    if (ValueListNode.is(node)) {
      return ValueListNode.create(node.values.map((v) => this.#encodeOperand(v, logical, table, column)))
    }
    // eb.between(column, start, end) compiles its bounds into an AndNode
    if (AndNode.is(node)) {
      const left = this.#encodeOperand(node.left, logical, table, column)
      const right = this.#encodeOperand(node.right, logical, table, column)
      return left === node.left && right === node.right ? node : AndNode.create(left, right)
    }
    return node
  }

  #encodeUpdate(update: ColumnUpdateNode, table: string | undefined): ColumnUpdateNode {
    if (!table || !ColumnNode.is(update.column)) return update
    const column = this.#o.names.toSnake(update.column.column.name)
    const logical = this.#o.columnTypes[table]?.[column]
    if (!logical) return update
    const value = this.#encodeOperand(update.value, logical, table, column)
    return value === update.value ? update : ColumnUpdate.create(update.column, value)
  }

  #encodeInsert(node: InsertQueryNode, table: string): InsertQueryNode {
    const types = this.#o.columnTypes[table]
    const defaults = this.#o.insertDefaults[table]
    const columns = node.columns!.map((c) => this.#o.names.toSnake(c.column.name))
    // library defaults for columns the caller left out entirely
    const added = defaults ? Object.keys(defaults).filter((c) => !columns.includes(c)) : []
    const rows = (node.values as ValuesNode).values.map((row) => {
      const values: OperationNode[] = []
      const input = PrimitiveValueListNode.is(row) ? row.values.map((v) => ValueNode.create(v)) : row.values
      input.forEach((valueNode, i) => {
        const column = columns[i]!
        const logical = types?.[column]
        if (valueNode.kind === 'DefaultInsertValueNode' && defaults?.[column] !== undefined) {
          values.push(ValueNode.create(this.#generated(defaults[column]!, logical!, table, column)))
        } else if (logical && ValueNode.is(valueNode)) {
          values.push(ValueNode.create(this.#encode(valueNode.value, logical, table, column)))
        } else {
          values.push(valueNode)
        }
      })
      for (const column of added) {
        if (typeof defaults![column] === 'object') continue // the database's own default applies
        values.push(ValueNode.create(this.#generated(defaults![column]!, types![column]!, table, column)))
      }
      return ValueListNode.create(values)
    })
    const addedColumns = added
      .filter((c) => typeof defaults![c] !== 'object')
      .map((c) => ColumnNode.create(this.#o.names.toCamel(c)))
    return {
      ...node,
      columns: addedColumns.length > 0 ? [...node.columns!, ...addedColumns] : node.columns,
      values: ValuesNode.create(rows),
    }
  }

  #generated(kind: InsertDefault, logical: LogicalType, table: string, column: string): unknown {
    if (kind === 'uuid') return uuidv7()
    if (kind === 'now') return this.#encode(new Date(), logical, table, column)
    return this.#encode(kind.literal, logical, table, column)
  }
}

function tableOf(node: OperationNode | undefined): string | undefined {
  if (!node) return undefined
  if (TableNode.is(node)) return node.table.identifier.name
  if (AliasNode.is(node)) return tableOf(node.node)
  return undefined
}

function aliasOf(node: OperationNode): string | undefined {
  if (!AliasNode.is(node)) return undefined
  return IdentifierNode.is(node.alias) ? node.alias.name : undefined
}
