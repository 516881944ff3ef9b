import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { DiffChecker } from 'kysely-codegen'
import { introspectMigrations, type IntrospectOptions, type SchemaModel } from './introspect.js'
import { readSqliteTypes } from './introspect-reference.js'
import { GENERATED_DIRECTORY, renderSchemaFiles } from './render.js'
import { renderSchemaReference, SCHEMA_REFERENCE_DIRECTORY } from './schema-reference.js'

export interface GeneratedSchema {
  model: SchemaModel
  /** File text by path relative to the project root. */
  files: Map<string, string>
}

/**
 * Runs the migrations into a fresh database (and into SQLite in memory, for the
 * schema reference's declared types) and renders every generated file (in memory).
 */
export async function generateSchema(options: IntrospectOptions): Promise<GeneratedSchema> {
  const model = await introspectMigrations(options)
  const files = renderSchemaFiles(model)
  const sqliteTypes = await readSqliteTypes(options.migrations)
  for (const [path, text] of renderSchemaReference(model, { postgres: model.postgres, sqliteTypes })) files.set(path, text)
  return { model, files }
}

/** One file that differs from what the migrations generate. */
export interface StaleFile {
  path: string
  /** A unified diff from the file on disk to the generated text. */
  diff: string
}

/** The directories whose every file is generated. */
const GENERATED_DIRECTORIES = [GENERATED_DIRECTORY, SCHEMA_REFERENCE_DIRECTORY]

function generatedDirectoryFiles(root: string): string[] {
  return GENERATED_DIRECTORIES.flatMap((directory) => {
    const dir = join(root, directory)
    return existsSync(dir) ? readdirSync(dir).map((f) => `${directory}/${f}`) : []
  })
}

/** The files under `root` that differ from `files` (missing, changed, or no longer generated). */
export function compareFiles(root: string, files: Map<string, string>): StaleFile[] {
  const checker = new DiffChecker()
  const stale: StaleFile[] = []
  for (const [path, text] of files) {
    const file = join(root, path)
    const current = existsSync(file) ? readFileSync(file, 'utf8') : ''
    if (current !== text) stale.push({ path, diff: checker.diff(current, text) ?? '(whitespace only)' })
  }
  for (const path of generatedDirectoryFiles(root)) {
    if (!files.has(path)) stale.push({ path, diff: '(no longer generated: delete it)' })
  }
  return stale
}

/** Writes `files` under `root` and removes files of the generated directory that are no longer generated. */
export function writeFiles(root: string, files: Map<string, string>): string[] {
  const written: string[] = []
  for (const path of generatedDirectoryFiles(root)) {
    if (!files.has(path)) rmSync(join(root, path))
  }
  for (const [path, text] of files) {
    const file = join(root, path)
    mkdirSync(dirname(file), { recursive: true })
    if (existsSync(file) && readFileSync(file, 'utf8') === text) continue
    writeFileSync(file, text)
    written.push(path)
  }
  return written
}
