import { readFileSync } from 'node:fs'

/** A column default as `spec.json` states it. */
export interface SpecDefault {
  kind: 'uuid' | 'now' | 'literal'
  value?: unknown
}

export interface SpecColumn {
  name: string
  type: string
  length?: number
  precision?: number
  scale?: number
  dimensions?: number
  enum?: string[]
  nullable: boolean
  default?: SpecDefault
  identity?: boolean
}

export interface SpecForeignKey {
  columns: string[]
  references: { table: string; columns: string[] }
  onDelete: 'NO ACTION' | 'CASCADE' | 'SET NULL' | 'RESTRICT' | 'SET DEFAULT'
}

export interface SpecTable {
  domain: string
  primaryKey: string[]
  columns: SpecColumn[]
  foreignKeys: SpecForeignKey[]
  uniques: { name: string; columns: string[] }[]
  indexes: { name: string; columns: string[]; unique: boolean }[]
  checks: { name: string; sql: string }[]
  versionOf?: string
  versioned?: boolean
}

/** The parts of `test/fixtures/schema-spec.json` that tests and scripts read. */
export interface SchemaSpec {
  tables: Record<string, SpecTable>
}

const specUrl = new URL('../fixtures/schema-spec.json', import.meta.url)

/** Reads the schema spec fixture (a copy of `shared/schema/spec.json`). */
export function loadSchemaSpec(): SchemaSpec {
  return JSON.parse(readFileSync(specUrl, 'utf8')) as SchemaSpec
}
