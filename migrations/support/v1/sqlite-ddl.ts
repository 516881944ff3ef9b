import { sql } from 'kysely'
import type { DdlColumn, DdlTypes, LogicalType } from './ddl-types.js'

/**
 * SQLite declared types. The declared type carries the logical type where SQLite
 * allows it (boolean, date, time, datetime, char(36)); json, string arrays and
 * vectors are declared `text` so that they keep TEXT affinity.
 */
function type(column: DdlColumn) {
  switch (column.type) {
    case 'uuid':
      return sql`char(36)`
    case 'varchar':
      return sql.raw(`varchar(${column.length ?? 255})`)
    case 'integer':
    case 'smallint':
    case 'bigint':
      return 'integer' as const
    case 'float':
      return 'real' as const
    case 'numeric':
      return 'numeric' as const
    case 'boolean':
      return 'boolean' as const
    case 'date':
      return 'date' as const
    case 'time':
      return sql`time`
    case 'timestamp':
    case 'timestamptz':
      return sql`datetime`
    case 'text':
    case 'json':
    case 'string_array':
    case 'vector':
      return 'text' as const
  }
}

function literal(logical: LogicalType, value: unknown) {
  if (typeof value === 'boolean') return sql.raw(value ? '1' : '0')
  if (typeof value === 'number') return sql.raw(String(value))
  if (logical === 'json' || logical === 'string_array' || logical === 'vector') return sql.lit(JSON.stringify(value))
  return sql.lit(String(value))
}

export const sqliteDdl: DdlTypes = {
  dialect: 'sqlite',
  hasVector: false,
  type,
  // ISO-8601 with milliseconds and Z: the same text the codec writes for a Date
  now: () => sql`(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))`,
  literal,
  identityType: () => 'integer',
  identity: (column) => column.primaryKey().autoIncrement(),
}
