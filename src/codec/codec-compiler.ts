import {
  AggregateFunctionNode,
  AliasNode,
  AndNode,
  type BinaryOperationNode,
  ColumnNode,
  type ColumnUpdateNode,
  type CompiledQuery,
  type DefaultQueryCompiler,
  type DeleteQueryNode,
  FunctionNode,
  IdentifierNode,
  type InsertQueryNode,
  type OperationNode,
  OperatorNode,
  PrimitiveValueListNode,
  type QueryCompiler,
  type QueryId,
  ReferenceNode,
  type ReturningNode,
  type RootOperationNode,
  type SelectQueryNode,
  type SelectionNode,
  TableNode,
  type UpdateQueryNode,
  ValueListNode,
  ValueNode,
  ValuesNode,
} from 'kysely'
import type { ColumnLimit, ColumnLimitMap, ColumnTypeMap, LogicalType } from '../schema/logical-types.js'
import type { Encoders } from './encoders.js'
import type { ExpressionTypes } from './expression-types.js'
import type { NameMap } from './names.js'
import { isSecretColumn } from './secret-columns.js'
import type { SecretParameters } from './secret-parameters.js'
import { fitLimit } from './values.js'

/** What the compiler needs to know about the schema and the dialect. */
export interface CodecCompilerOptions {
  names: NameMap
  columnTypes: ColumnTypeMap
  /** varchar lengths and numeric precisions, checked on every value written to such a column. */
  columnLimits: ColumnLimitMap
  encoders: Encoders
  /**
   * Where to record the logical types of computed result columns, for a driver
   * that cannot tell them (better-sqlite3); omitted where the driver can (by type OID).
   */
  expressionTypes?: ExpressionTypes
  /** Where to record which parameters hold a secret column's value, for a query log (omitted: not recorded). */
  secretParameters?: SecretParameters
}

/** Functions whose result has the type of their first argument (`max(created_at)`, `coalesce(flag, false)`). */
const SAME_TYPE_FUNCTIONS = new Set([
  'max', 'min', 'coalesce', 'ifnull', 'nullif', 'any_value', 'first_value', 'last_value', 'nth_value', 'lag', 'lead',
])

/** Operators whose right operand holds values of the left column's type (for between: `start and end`). */
const COMPARISONS = new Set([
  '=', '==', '!=', '<>', '<', '<=', '>', '>=', 'in', 'not in', 'is distinct from', 'is not distinct from',
  'between', 'between symmetric',
])

/** How many distinct identifiers keep their sanitized form (past it, names are sanitized each time). */
const IDENTIFIER_CACHE_SIZE = 10_000

/** Where a value goes: its column and logical type, and for a written value the column's limit. */
interface Target {
  logical: LogicalType
  table: string
  column: string
  limit?: ColumnLimit
}

/** Encodes one value for its column exactly as the compiler binds it (null stays null). */
export type ColumnEncoder = (value: unknown) => unknown

/** The encoders of the columns of compiled multi-row INSERTs, by compiled query (see `insertColumnEncoders`). */
const insertEncoders = new WeakMap<CompiledQuery, readonly ColumnEncoder[]>()

/**
 * For a compiled `INSERT … VALUES`, one encoder per inserted column, in column
 * order: the compiler's own encoding (and fitting to the column's limit), so
 * that a caller reusing the statement's SQL with other values (the bulk
 * insert) binds exactly what compiling those values would. A column of no known
 * type binds its value as given, as the compiler does. Undefined for any
 * other query.
 */
export function insertColumnEncoders(compiled: CompiledQuery): readonly ColumnEncoder[] | undefined {
  return insertEncoders.get(compiled)
}

const asGiven: ColumnEncoder = (value) => (value === undefined ? null : value)

/** Tables visible in one query level: alias or table name as written → table name (snake_case). */
type Scope = Map<string, string>

/**
 * The query side of the codec layer, built into the dialect's own query compiler
 * so that it costs one pass over the query and no copy of it:
 * - every identifier is written with the schema's exact snake_case name
 *   (`reminder180Sent` → `reminder_180_sent`; unknown names by the generic rule);
 * - every value whose column is known (insert values, update sets, comparisons
 *   in where/on/having, `in` lists, `between` bounds) is encoded, and so
 *   validated, by its logical type's encoder as it is bound; a value written to
 *   a column (insert, update) is also fitted to the column's varchar length or
 *   numeric precision and scale as PostgreSQL would (refused when too long or
 *   too large, rounded to the scale), which SQLite would not do.
 * Values without a known column (raw `sql` parameters, function arguments) are
 * bound as they are and made bindable by the driver wrapper.
 */
export function createCodecCompiler(Base: typeof DefaultQueryCompiler, options: CodecCompilerOptions): QueryCompiler {
  const { names, columnTypes, columnLimits, encoders, expressionTypes, secretParameters } = options

  // identifier as written → its sanitized snake_case form: a pure function of the name, so kept
  // for every compiler of this schema (the base sanitizer copies the name a character at a time)
  const identifiers = new Map<string, string>()

  class CodecCompiler extends Base {
    #scopes: Scope[] = []
    #root: RootOperationNode | undefined
    // tables whose name a common table expression of the query takes: their columns are not the schema's
    #shadowed = new Set<string>()
    // the computed result columns of the query being compiled whose type is known
    #computed: Map<string, LogicalType> | undefined
    // positions of the parameters bound to a secret column (only when secretParameters records them)
    #secret: number[] = []
    // value nodes (by identity) → the column they are bound to; nodes are immutable.
    // A Map emptied after each query: cheaper to fill and to collect than a WeakMap
    #targets = new Map<OperationNode, Target | readonly (Target | undefined)[]>()
    // the columns of the outermost INSERT … VALUES being compiled
    #insertColumns: readonly (Target | undefined)[] | undefined

    override compileQuery(node: RootOperationNode, queryId: QueryId): CompiledQuery {
      this.#scopes = []
      this.#root = node
      this.#computed = undefined
      this.#insertColumns = undefined
      this.#secret.length = 0
      if (expressionTypes) this.#shadowed = new Set(cteNames(node).map((n) => names.toSnake(n)))
      let compiled: CompiledQuery
      try {
        compiled = super.compileQuery(node, queryId)
      } finally {
        this.#targets.clear()
      }
      if (this.#computed) expressionTypes!.set(compiled.sql, this.#computed)
      secretParameters?.record(compiled.sql, this.#secret)
      // (set while visiting: the compiler's narrowing of the field above does not know)
      const columns = this.#insertColumns as readonly (Target | undefined)[] | undefined
      if (columns) insertEncoders.set(compiled, columns.map((t) => (t ? (value: unknown) => encode(value, t) : asGiven)))
      return compiled
    }

    protected override sanitizeIdentifier(identifier: string): string {
      let sanitized = identifiers.get(identifier)
      if (sanitized === undefined) {
        sanitized = super.sanitizeIdentifier(names.toSnake(identifier))
        if (identifiers.size < IDENTIFIER_CACHE_SIZE) identifiers.set(identifier, sanitized)
      }
      return sanitized
    }

    protected override visitSelectQuery(node: SelectQueryNode): void {
      this.#inScope([...(node.from?.froms ?? []), ...(node.joins ?? []).map((j) => j.table)], () => {
        // a union's columns take their types from every branch: not told
        if (node === this.#root && !node.setOperations?.length) this.#noteComputedColumns(node.selections)
        super.visitSelectQuery(node)
      })
    }

    protected override visitDeleteQuery(node: DeleteQueryNode): void {
      const tables = [...node.from.froms, ...(node.using?.tables ?? []), ...(node.joins ?? []).map((j) => j.table)]
      this.#inScope(tables, () => super.visitDeleteQuery(node))
    }

    protected override visitUpdateQuery(node: UpdateQueryNode): void {
      const tables = [node.table, ...(node.from?.froms ?? []), ...(node.joins ?? []).map((j) => j.table)]
      const table = tableOf(node.table)
      if (table !== undefined) this.#markUpdates(node.updates, names.toSnake(table))
      this.#inScope(tables, () => super.visitUpdateQuery(node))
    }

    protected override visitInsertQuery(node: InsertQueryNode): void {
      const table = node.into ? names.toSnake(node.into.table.identifier.name) : undefined
      if (table !== undefined) {
        if (node.columns && node.values && ValuesNode.is(node.values)) this.#markRows(node.values, table, node.columns)
        this.#markUpdates(node.onConflict?.updates, table)
      }
      this.#inScope(node.into ? [node.into] : [], () => super.visitInsertQuery(node))
    }

    protected override visitReturning(node: ReturningNode): void {
      // the outermost query's RETURNING list is its result columns (visited in the query's scope)
      const root = this.#root
      if (root !== undefined && 'returning' in root && root.returning === node) this.#noteComputedColumns(node.selections)
      super.visitReturning(node)
    }

    protected override visitBinaryOperation(node: BinaryOperationNode): void {
      if (OperatorNode.is(node.operator) && COMPARISONS.has(node.operator.operator)) {
        const target = this.#referenceTarget(node.leftOperand)
        if (target) this.#mark(node.rightOperand, target)
      }
      super.visitBinaryOperation(node)
    }

    protected override visitValue(node: ValueNode): void {
      const target = node.immediate ? undefined : this.#targets.get(node)
      if (target === undefined) return super.visitValue(node)
      this.#noteSecret(target as Target)
      this.appendValue(encode(node.value, target as Target))
    }

    protected override visitPrimitiveValueList(node: PrimitiveValueListNode): void {
      const target = this.#targets.get(node)
      if (target === undefined) return super.visitPrimitiveValueList(node)
      this.append('(')
      node.values.forEach((value, i) => {
        if (i > 0) this.append(', ')
        const t = Array.isArray(target) ? target[i] : (target as Target)
        if (t) this.#noteSecret(t)
        this.appendValue(t ? encode(value, t) : value)
      })
      this.append(')')
    }

    /** Before binding a value to `t`: notes the parameter's position when its column is secret. */
    #noteSecret(t: Target): void {
      if (secretParameters && isSecretColumn(t.table, t.column)) this.#secret.push(this.numParameters)
    }

    #inScope(tables: ReadonlyArray<OperationNode | undefined>, fn: () => void): void {
      const scope: Scope = new Map()
      for (const t of tables) {
        const name = tableOf(t)
        if (name !== undefined) scope.set(aliasOf(t!) ?? name, names.toSnake(name))
      }
      this.#scopes.push(scope)
      try {
        fn()
      } finally {
        this.#scopes.pop()
      }
    }

    /** The column a reference points at, resolved through the enclosing queries' tables. */
    #referenceTarget(node: OperationNode): Target | undefined {
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
      const column = names.toSnake(columnName)
      for (let i = this.#scopes.length - 1; i >= 0; i--) {
        const scope = this.#scopes[i]!
        if (qualifier !== undefined) {
          const table = scope.get(qualifier) ?? scope.get(names.toSnake(qualifier))
          if (table === undefined) continue
          return target(table, column)
        }
        for (const table of scope.values()) {
          const found = target(table, column)
          if (found) return found
        }
      }
      return undefined
    }

    /** The result columns of the outermost query that are type-preserving functions of a known column. */
    #noteComputedColumns(selections: ReadonlyArray<SelectionNode> | undefined): void {
      if (!expressionTypes) return
      for (const { selection } of selections ?? []) {
        if (!AliasNode.is(selection) || !IdentifierNode.is(selection.alias)) continue
        const logical = this.#expressionType(selection.node)
        if (logical) (this.#computed ??= new Map()).set(names.toSnake(selection.alias.name), logical)
      }
    }

    #expressionType(node: OperationNode): LogicalType | undefined {
      let first: OperationNode | undefined
      if (FunctionNode.is(node) && SAME_TYPE_FUNCTIONS.has(node.func.toLowerCase())) first = node.arguments[0]
      else if (AggregateFunctionNode.is(node) && SAME_TYPE_FUNCTIONS.has(node.func.toLowerCase())) first = node.aggregated[0]
      if (first === undefined) return undefined
      const column = this.#referenceTarget(first)
      if (column) return this.#shadowed.has(column.table) ? undefined : column.logical
      return this.#expressionType(first)
    }

    #mark(node: OperationNode, target: Target): void {
      if (ValueNode.is(node) || PrimitiveValueListNode.is(node)) {
        this.#targets.set(node, target)
      } else if (ValueListNode.is(node)) {
        for (const value of node.values) this.#mark(value, target)
      } else if (AndNode.is(node)) {
        // eb.between(column, start, end) compiles its bounds into an AndNode
        this.#mark(node.left, target)
        this.#mark(node.right, target)
      }
    }

    #markUpdates(updates: ReadonlyArray<ColumnUpdateNode> | undefined, table: string): void {
      for (const update of updates ?? []) {
        const column = updatedColumn(update.column)
        const t = column === undefined ? undefined : target(table, names.toSnake(column), true)
        if (t) this.#mark(update.value, t)
      }
    }

    #markRows(values: ValuesNode, table: string, columns: ReadonlyArray<ColumnNode>): void {
      const targets = columns.map((c) => target(table, names.toSnake(c.column.name), true))
      if (values === (this.#root as InsertQueryNode | undefined)?.values) this.#insertColumns = targets
      for (const row of values.values) {
        if (PrimitiveValueListNode.is(row)) {
          this.#targets.set(row, targets)
        } else {
          row.values.forEach((value, i) => {
            const t = targets[i]
            if (t) this.#mark(value, t)
          })
        }
      }
    }
  }

  /** The column `table.column`; `written` for a value stored in it (a compared value may be any length). */
  function target(table: string, column: string, written = false): Target | undefined {
    const logical = columnTypes[table]?.[column]
    if (!logical) return undefined
    const limit = written ? columnLimits[table]?.[column] : undefined
    return limit ? { logical, table, column, limit } : { logical, table, column }
  }

  function encode(value: unknown, t: Target): unknown {
    if (value === null || value === undefined) return null
    const encoded = encoders[t.logical](value, t)
    return t.limit ? fitLimit(encoded, t.limit, t) : encoded
  }

  return new CodecCompiler()
}

/** The names the query's WITH clause gives its common table expressions. */
function cteNames(root: RootOperationNode): string[] {
  if (!('with' in root) || !root.with) return []
  return root.with.expressions.map((e) => e.name.table.table.identifier.name)
}

/** The column an update sets: `set({ col: v })` gives a column, `set('col', v)` a reference. */
function updatedColumn(node: OperationNode): string | undefined {
  if (ColumnNode.is(node)) return node.column.name
  if (ReferenceNode.is(node) && ColumnNode.is(node.column)) return node.column.column.name
  return undefined
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
