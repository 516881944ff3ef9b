import { sql } from 'kysely'
import type { DdlColumn, DdlTypes, LogicalType } from './ddl-types.js'

// Array defaults need an array expression: a plain string literal is not a valid text[] value.
function arrayLiteral(values: unknown, elementType: 'text' | 'real') {
  const items = (Array.isArray(values) ? values : []).map((v) => sql.lit(elementType === 'text' ? String(v) : Number(v)))
  return items.length === 0 ? sql.raw(`'{}'::${elementType}[]`) : sql`ARRAY[${sql.join(items)}]::${sql.raw(elementType)}[]`
}

function literal(logical: LogicalType, value: unknown, vector: boolean) {
  if (typeof value === 'boolean' || typeof value === 'number') return sql.raw(String(value))
  if (logical === 'json') return sql`${sql.lit(JSON.stringify(value))}::jsonb`
  if (logical === 'string_array') return arrayLiteral(value, 'text')
  if (logical === 'vector') return vector ? sql`${sql.lit(JSON.stringify(value))}::vector` : arrayLiteral(value, 'real')
  return sql.lit(String(value))
}

/** PostgreSQL physical types; `vector` is pgvector's type when the extension is in use, else real[]. */
export function postgresDdl(vector: boolean): DdlTypes {
  return {
    dialect: 'postgres',
    hasVector: vector,
    type(column: DdlColumn) {
      switch (column.type) {
        case 'uuid':
          return 'uuid'
        case 'varchar':
          return sql.raw(`varchar(${column.length ?? 255})`)
        case 'text':
          return 'text'
        case 'integer':
          return 'integer'
        case 'smallint':
          return 'smallint'
        case 'bigint':
          return 'bigint'
        case 'float':
          return 'double precision'
        case 'numeric':
          return sql.raw(`numeric(${column.precision ?? 10}, ${column.scale ?? 0})`)
        case 'boolean':
          return 'boolean'
        case 'date':
          return 'date'
        case 'time':
          return 'time'
        case 'timestamp':
          return 'timestamp'
        case 'timestamptz':
          return 'timestamptz'
        case 'json':
          return 'jsonb'
        case 'string_array':
          return sql`text[]`
        case 'vector':
          return vector ? sql.raw(`vector(${column.dimensions ?? 384})`) : sql`real[]`
      }
    },
    // timestamp columns hold UTC wall-clock time whatever the session's TimeZone
    now: (type) => (type === 'timestamptz' ? sql`now()` : sql`(now() at time zone 'utc')`),
    literal: (logical, value) => literal(logical, value, vector),
    identityType: () => 'bigint',
    identity: (column) => column.primaryKey().generatedByDefaultAsIdentity(),
  }
}
