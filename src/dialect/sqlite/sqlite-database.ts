import type BetterSqlite3 from 'better-sqlite3'
import type { SqliteDatabase, SqliteStatement } from 'kysely'
import type { Decoder } from '../../codec/encoders.js'
import type { ExpressionTypes } from '../../codec/expression-types.js'
import type { NameMap } from '../../codec/names.js'
import { createRowMapper, type RowMapper } from '../../codec/row-mapper.js'
import type { ColumnTypeMap } from '../../schema/logical-types.js'
import type { DialectRuntime } from '../dialect.js'
import { sqliteBindable, sqliteColumnDecoder } from './sqlite-codecs.js'

/** How many distinct SQL texts keep a prepared statement. */
const STATEMENT_CACHE_SIZE = 500

const DDL = /^\s*(create|drop|alter)\b/i

/** A prepared statement of the wrapper: Kysely's interface, and rows as decoded arrays. */
export interface DecodingStatement extends SqliteStatement {
  /** The rows as arrays of cells as SQLite returns them, with the decoders `all` applies to each position (for `askArrayRows`). */
  allArrays(parameters: ReadonlyArray<unknown>): { rows: unknown[][]; decoders: readonly (Decoder | undefined)[] }
}

interface CachedStatement extends DecodingStatement {
  mapper?: RowMapper
  decoders?: readonly (Decoder | undefined)[]
}

/** What the wrapper takes from its dialect object: the schema, error translation and the audit session (told after every statement). */
export type SqliteDatabaseServices = Pick<DialectRuntime, 'schema' | 'translateError' | 'auditSession'>

/**
 * The better-sqlite3 database as Kysely's SqliteDialect sees it, made fast and
 * exact: each SQL text is prepared once and reused, rows are read as arrays and
 * built into camelCase objects by a mapper compiled per statement, and every
 * cell is decoded by the logical type of the column it comes from
 * (`stmt.columns()` names the source table and column even through joins and
 * aliases); an expression has none, and is decoded by the type the codec
 * compiler recorded for it (`max(created_at)`), else returned as SQLite gives it.
 * `allArrays` returns the array rows undecoded with those decoders, for a
 * reader that decodes only the cells it reads (`askArrayRows`).
 */
export class DecodingSqliteDatabase implements SqliteDatabase {
  readonly #db: BetterSqlite3.Database
  readonly #names: NameMap
  readonly #columnTypes: ColumnTypeMap
  readonly #expressionTypes: ExpressionTypes | undefined
  readonly #statements = new Map<string, CachedStatement>()
  readonly #translate: (error: unknown) => unknown
  readonly #listener: DialectRuntime['auditSession']

  constructor(db: BetterSqlite3.Database, dialect: SqliteDatabaseServices, expressionTypes?: ExpressionTypes) {
    this.#db = db
    this.#names = dialect.schema.names
    this.#columnTypes = dialect.schema.columnTypes
    this.#expressionTypes = expressionTypes
    this.#translate = dialect.translateError
    this.#listener = dialect.auditSession
    expressionTypes?.onRecorded((sql) => this.#statements.delete(sql))
  }

  /** True while SQLite has a transaction open on this connection. */
  get inTransaction(): boolean {
    return this.#db.inTransaction
  }

  close(): void {
    this.#statements.clear()
    this.#db.close()
  }

  prepare(sql: string): DecodingStatement {
    const cached = this.#statements.get(sql)
    if (cached) return cached
    let stmt: BetterSqlite3.Statement
    try {
      stmt = this.#db.prepare(sql)
    } catch (error) {
      throw this.#translate(error)
    }
    const entry = this.#wrap(stmt, sql)
    if (this.#statements.size >= STATEMENT_CACHE_SIZE) {
      this.#statements.delete(this.#statements.keys().next().value!)
    }
    this.#statements.set(sql, entry)
    return entry
  }

  #wrap(stmt: BetterSqlite3.Statement, sql: string): CachedStatement {
    const self = this
    const reader = stmt.reader
    if (reader) stmt.raw(true)
    // a bigint column may hold integers beyond 2^53, which better-sqlite3 would round
    // as numbers: such statements read integers as BigInt, narrowed below where safe
    const wide = reader && this.#readsBigint(stmt, sql)
    if (wide) stmt.safeIntegers(true)
    const listener = this.#listener
    const translate = this.#translate
    // a schema change can change what a cached statement returns
    const changesSchema = DDL.test(sql)
    const read = (parameters: ReadonlyArray<unknown>): unknown[][] => {
      try {
        const rows = stmt.all(sqliteBindable(parameters)) as unknown[][]
        listener?.afterStatement(false)
        return rows
      } catch (error) {
        listener?.afterStatement(true)
        throw translate(error)
      }
    }
    const entry: CachedStatement = {
      reader,
      all(parameters) {
        const mapper = (entry.mapper ??= self.#mapperFor(stmt, sql, wide))
        const rows = read(parameters)
        const out = new Array(rows.length)
        for (let i = 0; i < rows.length; i++) out[i] = mapper(rows[i]!)
        return out
      },
      allArrays(parameters) {
        const decoders = (entry.decoders ??= self.#decodersFor(stmt, sql, wide))
        return { rows: read(parameters), decoders }
      },
      run(parameters) {
        try {
          const result = stmt.run(sqliteBindable(parameters))
          listener?.afterStatement(false)
          return result
        } catch (error) {
          listener?.afterStatement(true)
          throw translate(error)
        } finally {
          if (changesSchema) self.#statements.clear()
        }
      },
      *iterate(parameters) {
        const mapper = (entry.mapper ??= self.#mapperFor(stmt, sql, wide))
        let failed = false
        try {
          for (const row of stmt.iterate(sqliteBindable(parameters))) yield mapper(row as unknown[])
        } catch (error) {
          failed = true
          throw translate(error)
        } finally {
          // also when the caller stops reading early
          listener?.afterStatement(failed)
        }
      },
    }
    return entry
  }

  /** The logical type of a result column: of its source column, else of the expression computing it. */
  #logicalType(c: BetterSqlite3.ColumnDefinition, sql: string) {
    if (c.table && c.column) return this.#columnTypes[c.table]?.[c.column]
    return this.#expressionTypes?.get(sql, c.name)
  }

  #readsBigint(stmt: BetterSqlite3.Statement, sql: string): boolean {
    return stmt.columns().some((c) => this.#logicalType(c, sql) === 'bigint')
  }

  #mapperFor(stmt: BetterSqlite3.Statement, sql: string, wide: boolean): RowMapper {
    return createRowMapper(
      stmt.columns().map((c) => this.#names.toCamel(c.name)),
      this.#decodersFor(stmt, sql, wide),
    )
  }

  /** Each result column's decoder (by its logical type), in column order. */
  #decodersFor(stmt: BetterSqlite3.Statement, sql: string, wide: boolean): (Decoder | undefined)[] {
    return stmt.columns().map((c) => {
      const logical = this.#logicalType(c, sql)
      const decoder = logical ? sqliteColumnDecoder(logical) : undefined
      if (!wide) return decoder
      return decoder ? (v: unknown) => decoder(narrowInteger(v)) : narrowInteger
    })
  }
}

/** A BigInt read in safe-integers mode, back to a number when that is exact. */
function narrowInteger(value: unknown): unknown {
  if (typeof value !== 'bigint') return value
  return value >= MIN_SAFE && value <= MAX_SAFE ? Number(value) : value
}
const MIN_SAFE = BigInt(Number.MIN_SAFE_INTEGER)
const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER)
