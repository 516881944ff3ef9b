/**
 * Generates src/schema/ from the migrations: the Kysely `Database` types, the
 * runtime column-type map and insert defaults of the codec layer, and the zod
 * schemas per table; and docs/schema/, the schema reference (per area: each
 * table's columns, types per dialect, defaults, constraints and indexes, and a
 * Mermaid ER diagram). It runs the migrations into a fresh database (a new
 * database on the server of DATABASE_URL when that is a postgres:// URL, else
 * PGlite in memory) and into SQLite in memory (for the declared SQLite types),
 * introspects them and renders the files with the codec layer's exact camelCase
 * names and value types.
 *
 *   npm run codegen              write the files
 *   npm run codegen -- --check   write nothing; fail with a diff when a committed file differs
 *   npm run codegen -- --pglite  use PGlite even when DATABASE_URL names a server
 */
import { fileURLToPath } from 'node:url'
import { migrations } from '../migrations/index.js'
import { compareFiles, generateSchema, writeFiles } from './codegen/generate.js'

const root = fileURLToPath(new URL('..', import.meta.url))
const args = new Set(process.argv.slice(2))
const unknown = [...args].filter((a) => !['--check', '--pglite'].includes(a))
if (unknown.length > 0) {
  console.error(`unknown option ${unknown.join(' ')}: use --check and/or --pglite`)
  process.exit(2)
}

const url = process.env.DATABASE_URL
const serverUrl = !args.has('--pglite') && url && /^postgres(ql)?:\/\//i.test(url) ? url : undefined
const started = Date.now()
const { model, files } = await generateSchema({ migrations, serverUrl })
const source = serverUrl ? 'a fresh database on the DATABASE_URL server' : 'PGlite'
const seconds = ((Date.now() - started) / 1000).toFixed(1)

if (args.has('--check')) {
  const stale = compareFiles(root, files)
  if (stale.length > 0) {
    for (const file of stale) console.error(`--- ${file.path}\n${file.diff}`)
    console.error(`\n${stale.length} generated file(s) differ from the migrations: run npm run codegen`)
    process.exit(1)
  }
  console.log(`codegen --check: ${files.size} files up to date (${model.tables.length} tables, ${source}, ${seconds}s)`)
} else {
  const written = writeFiles(root, files)
  for (const path of written) console.log(`wrote ${path}`)
  console.log(`codegen: ${written.length} of ${files.size} files changed (${model.tables.length} tables, ${source}, ${seconds}s)`)
}
for (const check of model.otherChecks) console.log(`note: left to the database: ${check}`)
