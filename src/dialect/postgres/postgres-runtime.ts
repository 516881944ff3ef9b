import { type DialectAdapter, type Driver, PostgresIntrospector, PostgresQueryCompiler } from 'kysely'
import { createCodecCompiler } from '../../codec/codec-compiler.js'
import { type DialectRuntime, type SchemaContext, carryDialect } from '../dialect.js'
import { translatePostgresError } from './postgres-errors.js'
import { postgresEncoders, postgresTypeParserTable, postgresTypeParsers, type PostgresTypeState, textParser } from './postgres-codecs.js'
import { postgresMigrationDialect } from './postgres-vector-extension.js'
import { VECTOR_STATE_SQL, type VectorStateRow, readVectorState } from './vector-type.js'

/** What a PostgreSQL server has that decoding depends on (pgvector), kept current after migrations. */
export class PostgresTypes {
  readonly state: PostgresTypeState = { vectorOid: undefined, pgvectorColumns: false, vectorColumns: false }
  /** Text parsers by type OID (any other type: its text), replaced when the server's types change. */
  parsers = postgresTypeParsers()
  #table = postgresTypeParserTable()

  constructor(private readonly query: (sql: string) => Promise<{ rows: VectorStateRow[] }>) {}

  /** The parser of one type OID, as `parsers[oid]` without the proxy (pg asks for every column of every result). */
  parserOf(oid: number): (text: string) => unknown {
    return this.#table[oid] ?? textParser
  }

  async refresh(): Promise<void> {
    const { rows } = await this.query(VECTOR_STATE_SQL)
    Object.assign(this.state, readVectorState(rows[0]))
    this.parsers = postgresTypeParsers(this.state.vectorOid)
    this.#table = postgresTypeParserTable(this.state.vectorOid)
  }
}

/** The parts pg and PGlite differ in; the rest of a PostgreSQL runtime is shared. */
export interface PostgresRuntimeParts {
  driver: 'pg' | 'pglite'
  schema: SchemaContext
  types: PostgresTypes
  createAdapter: () => DialectAdapter
  createDriver: () => Driver
  ping: () => Promise<void>
  close: () => Promise<void>
}

/** The PostgreSQL protocol counts a statement's parameters in 16 bits. */
const POSTGRES_MAX_PARAMETERS = 65_535

export function postgresRuntime(parts: PostgresRuntimeParts): DialectRuntime {
  const { types, schema } = parts
  const encoders = postgresEncoders(types.state)
  const runtime: DialectRuntime = {
    name: 'postgres',
    driver: parts.driver,
    schema,
    kyselyDialect: {
      createAdapter: () => carryDialect(parts.createAdapter(), () => runtime),
      createDriver: parts.createDriver,
      createIntrospector: (db) => new PostgresIntrospector(db),
      createQueryCompiler: () => createCodecCompiler(PostgresQueryCompiler, { ...schema, encoders }),
    },
    encoders,
    maxBindParameters: POSTGRES_MAX_PARAMETERS,
    // reads lock the rows they return (SELECT … FOR UPDATE)
    takesRowLocks: true,
    translateError: translatePostgresError,
    // loaded when first needed (adopt, tests): the first query does not need it
    readCatalog: async (db) => (await import('./postgres-catalog.js')).readPostgresCatalog(db),
    refreshTypes: () => types.refresh(),
    migrationDialect: postgresMigrationDialect,
    vectorStorage: async () => {
      if (!types.state.vectorColumns) return 'not created yet (pgvector when the server offers it, else real[])'
      return types.state.pgvectorColumns ? 'vector(384) (pgvector)' : 'real[] (no pgvector on this server)'
    },
    ping: parts.ping,
    close: parts.close,
  }
  return runtime
}
