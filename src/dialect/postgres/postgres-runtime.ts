import { type DialectAdapter, type Driver, PostgresIntrospector, PostgresQueryCompiler } from 'kysely'
import { createCodecCompiler } from '../../codec/codec-compiler.js'
import type { DialectRuntime, SchemaContext } from '../dialect.js'
import { postgresEncoders, postgresTypeParsers, type PostgresTypeState } from './postgres-codecs.js'
import { postgresMigrationDialect } from './postgres-vector-extension.js'
import { VECTOR_STATE_SQL, type VectorStateRow, readVectorState } from './vector-type.js'

/** What a PostgreSQL server has that decoding depends on (pgvector), kept current after migrations. */
export class PostgresTypes {
  readonly state: PostgresTypeState = { vectorOid: undefined, pgvectorColumns: false, vectorColumns: false }
  /** Text parsers by type OID, replaced when the server's types change. */
  parsers = postgresTypeParsers()

  constructor(private readonly query: (sql: string) => Promise<{ rows: VectorStateRow[] }>) {}

  async refresh(): Promise<void> {
    const { rows } = await this.query(VECTOR_STATE_SQL)
    Object.assign(this.state, readVectorState(rows[0]))
    this.parsers = postgresTypeParsers(this.state.vectorOid)
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

export function postgresRuntime(parts: PostgresRuntimeParts): DialectRuntime {
  const { types, schema } = parts
  const encoders = postgresEncoders(types.state)
  return {
    dialect: 'postgres',
    driver: parts.driver,
    kyselyDialect: {
      createAdapter: parts.createAdapter,
      createDriver: parts.createDriver,
      createIntrospector: (db) => new PostgresIntrospector(db),
      createQueryCompiler: () => createCodecCompiler(PostgresQueryCompiler, { ...schema, encoders }),
    },
    encoders,
    refreshTypes: () => types.refresh(),
    migrationDialect: postgresMigrationDialect,
    vectorStorage: async () => {
      if (!types.state.vectorColumns) return 'not created yet (pgvector when the server offers it, else real[])'
      return types.state.pgvectorColumns ? 'vector(384) (pgvector)' : 'real[] (no pgvector on this server)'
    },
    ping: parts.ping,
    close: parts.close,
  }
}
