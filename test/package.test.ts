import { execFileSync } from 'node:child_process'
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

/**
 * What users import: the packed tarball, installed into a fresh project,
 * type-checked from a consumer file and run against sqlite::memory:.
 */
const root = resolve(import.meta.dirname, '..')
const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc')
let project: string

const CONSUMER = `
import { createDatabase, CodecError, UniqueViolationError, type Database } from 'residency-db'
import { parseInsert, personSchema } from 'residency-db/zod'
import { getHistory } from 'residency-db/audit'
import type { Selectable } from 'kysely'

const root = await import('residency-db')
const entries = {
  rootHasSchemas: 'personSchema' in root || 'parseInsert' in root || 'getHistory' in root,
  zod: personSchema.safeParse({}).success === false && parseInsert('blocks', { date: '2025-07-01', timeOfDay: 'AM', blockNumber: 0 }).date === '2025-07-01',
  audit: typeof getHistory,
}
const rdb = await createDatabase('sqlite::memory:')
await rdb.migrateToLatest()
const person = await rdb.db
  .insertInto('people')
  .values({ name: 'Ada', type: 'resident', pgyLevel: 1, specialties: ['peds'] })
  .returningAll()
  .executeTakeFirstOrThrow()
const created: Date | null = person.createdAt
const specialties: string[] | null = person.specialties
const block = await rdb.db.insertInto('blocks').values({ date: '2025-07-01', timeOfDay: 'AM', blockNumber: 0 }).returningAll().executeTakeFirstOrThrow()
const date: string = block.date
const row: Selectable<Database['people']> = person
let duplicate = ''
try {
  await rdb.db.insertInto('blocks').values({ date: '2025-07-01', timeOfDay: 'AM', blockNumber: 0 }).execute()
} catch (error) {
  if (error instanceof UniqueViolationError) duplicate = error.constructor.name
}
let invalid = ''
try {
  await rdb.db.selectFrom('people').selectAll().where('id', '=', 'not-a-uuid').execute()
} catch (error) {
  if (error instanceof CodecError) invalid = error.constructor.name
}
console.log(JSON.stringify({ entries, driver: rdb.driver, created: created instanceof Date, specialties, date, name: row.name, duplicate, invalid }))
await rdb.destroy()
`

// The published types of five core tables, column by column, against the rows
// written out by hand in test/types/expected-rows.ts (copied into the project).
const PUBLISHED_TYPES = `
import { createDatabase, type Database, type NewPerson, type Person, type SwapRecordUpdate } from 'residency-db'
import type { Insertable, Selectable, Updateable } from 'kysely'
import type {
  Equal,
  ExpectedAssignment,
  ExpectedBlock,
  ExpectedPerson,
  ExpectedPersonCertification,
  ExpectedSwapRecord,
} from './expected-rows.js'

type Flat<T> = { [K in keyof T]: T[K] }
const { db } = await createDatabase('sqlite::memory:')
const person = await db.selectFrom('people').selectAll().executeTakeFirstOrThrow()
const assignment = await db.selectFrom('assignments').selectAll().executeTakeFirstOrThrow()
const block = await db.selectFrom('blocks').selectAll().executeTakeFirstOrThrow()
const certification = await db.selectFrom('personCertifications').selectAll().executeTakeFirstOrThrow()
const swap = await db.selectFrom('swapRecords').selectAll().executeTakeFirstOrThrow()

export const rows: [
  Equal<Flat<typeof person>, Flat<ExpectedPerson>>,
  Equal<Flat<typeof assignment>, Flat<ExpectedAssignment>>,
  Equal<Flat<typeof block>, Flat<ExpectedBlock>>,
  Equal<Flat<typeof certification>, Flat<ExpectedPersonCertification>>,
  Equal<Flat<typeof swap>, Flat<ExpectedSwapRecord>>,
  Equal<Flat<Person>, Flat<Selectable<Database['people']>>>,
  Equal<Flat<NewPerson>, Flat<Insertable<Database['people']>>>,
  Equal<Flat<SwapRecordUpdate>, Flat<Updateable<Database['swapRecords']>>>,
] = [true, true, true, true, true, true, true, true]

// @ts-expect-error people.name is required
await db.insertInto('people').values({ type: 'resident' }).execute()
// @ts-expect-error 'visitor' is not a person type
await db.insertInto('people').values({ name: 'Ada', type: 'visitor' }).execute()
`

// residency-db/testing as a user's test would use it: a migrated copy per test,
// isolated from the next, and factories that fill the rows
const TESTING_CONSUMER = `
import { build, createTestDatabase, insert, type TestDatabase } from 'residency-db/testing'
import type { Person } from 'residency-db'

const first: TestDatabase = await createTestDatabase('sqlite::memory:')
const assignment = await insert.assignment(first.db, { role: 'backup' })
const faculty: Person = await insert.person(first.db, { type: 'faculty' })
const people = (await first.db.selectFrom('people').select('type').execute()).map((p) => p.type).sort()
await first.destroy()
const second = await createTestDatabase('sqlite::memory:')
const left = await second.db.selectFrom('assignments').selectAll().execute()
await second.destroy()
const built = build.block({ timeOfDay: 'PM' })
console.log(JSON.stringify({ role: assignment.role, faculty: faculty.type, people, left: left.length, timeOfDay: built.timeOfDay }))
`

// CommonJS: a plain require() and a TypeScript build with module nodenext in a
// package without "type": "module" (Node >= 22 loads the ES module synchronously)
const CJS_CONSUMER = `
const { createDatabase, UniqueViolationError } = require('residency-db')
createDatabase('sqlite::memory:').then(async (rdb) => {
  await rdb.migrateToLatest()
  const person = await rdb.db.insertInto('people').values({ name: 'Ada', type: 'resident' }).returningAll().executeTakeFirstOrThrow()
  console.log(JSON.stringify({ name: person.name, created: person.createdAt instanceof Date, errors: typeof UniqueViolationError }))
  await rdb.destroy()
})
`

const CJS_TS_CONSUMER = `
import { createDatabase, type Person } from 'residency-db'

async function main(): Promise<void> {
  const rdb = await createDatabase('sqlite::memory:')
  await rdb.migrateToLatest()
  const person: Person = await rdb.db.insertInto('people').values({ name: 'Ada', type: 'faculty' }).returningAll().executeTakeFirstOrThrow()
  console.log(JSON.stringify({ name: person.name, type: person.type }))
  await rdb.destroy()
}
void main()
`

function run(command: string, args: string[], cwd: string): string {
  return execFileSync(command, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] })
}

beforeAll(() => {
  project = mkdtempSync(join(tmpdir(), 'residency-db-consumer-'))
  run('npm', ['pack', '--pack-destination', project, '--silent'], root)
  const tarball = readdirSync(project).find((f) => f.endsWith('.tgz'))!
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }))
  // the package's own dependencies come from the registry (or npm's cache); the
  // native driver, already built for this machine, is copied rather than rebuilt
  run('npm', ['install', `./${tarball}`, '--ignore-scripts', '--no-audit', '--no-fund', '--prefer-offline', '--omit=peer'], project)
  for (const dep of ['better-sqlite3', 'bindings', 'file-uri-to-path']) {
    cpSync(join(root, 'node_modules', dep), join(project, 'node_modules', dep), { recursive: true })
  }
  writeFileSync(join(project, 'consumer.ts'), CONSUMER)
  writeFileSync(join(project, 'testing-consumer.ts'), TESTING_CONSUMER)
  mkdirSync(join(project, 'cjs'))
  writeFileSync(join(project, 'cjs', 'package.json'), JSON.stringify({ name: 'cjs-consumer', private: true, type: 'commonjs' }))
  writeFileSync(join(project, 'cjs', 'require.cjs'), CJS_CONSUMER)
  writeFileSync(join(project, 'cjs', 'consumer.ts'), CJS_TS_CONSUMER)
  writeFileSync(
    join(project, 'cjs', 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: { target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, outDir: 'out', types: [], skipLibCheck: true },
      files: ['consumer.ts'],
    }),
  )
  writeFileSync(join(project, 'published-types.ts'), PUBLISHED_TYPES)
  const expectedRows = readFileSync(join(root, 'test', 'types', 'expected-rows.ts'), 'utf8')
  writeFileSync(join(project, 'expected-rows.ts'), expectedRows.replace(/from '[./]+\/src\/schema\/logical-types\.js'/, "from 'residency-db'"))
  writeFileSync(
    join(project, 'tsconfig.types.json'),
    JSON.stringify({
      compilerOptions: { target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, noEmit: true, types: [], skipLibCheck: true },
      files: ['published-types.ts'],
    }),
  )
  writeFileSync(
    join(project, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: { target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, outDir: 'out', types: [], skipLibCheck: true },
      files: ['consumer.ts', 'testing-consumer.ts'],
    }),
  )
}, 300_000)

afterAll(() => {
  if (project) rmSync(project, { recursive: true, force: true })
})

describe('the packed package', () => {
  it('type-checks a consumer against the published types', () => {
    expect(() => run(process.execPath, [tsc, '-p', '.'], project)).not.toThrow()
  })

  it('types every column of people, assignments, blocks, person_certifications and swap_records as the codec returns it', () => {
    let output = ''
    try {
      run(process.execPath, [tsc, '-p', 'tsconfig.types.json'], project)
    } catch (error) {
      output = String((error as { stdout?: string }).stdout ?? error)
    }
    expect(output).toBe('')
  })

  it('runs the consumer against sqlite::memory: with decoded values and library errors; zod schemas and the audit API come from their own entries', () => {
    const output = JSON.parse(run(process.execPath, ['out/consumer.js'], project).trim())
    expect(output).toEqual({
      entries: { rootHasSchemas: false, zod: true, audit: 'function' },
      driver: 'better-sqlite3',
      created: true,
      specialties: ['peds'],
      date: '2025-07-01',
      name: 'Ada',
      duplicate: 'UniqueViolationError',
      invalid: 'CodecError',
    })
  })

  it('exposes residency-db/testing: a migrated copy per test, isolated from the next, and row factories', () => {
    const output = JSON.parse(run(process.execPath, ['out/testing-consumer.js'], project).trim())
    expect(output).toEqual({ role: 'backup', faculty: 'faculty', people: ['faculty', 'resident'], left: 0, timeOfDay: 'PM' })
    const required = run(process.execPath, ['-e', "console.log(Object.keys(require('residency-db/testing')).sort().join(','))"], project).trim()
    expect(required.split(',')).toEqual(expect.arrayContaining(['build', 'createTestDatabase', 'insert', 'testDatabaseFactory']))
  })

  it('needs no uuid package: the library makes its UUIDv7 ids itself, and the consumer above inserted rows with uuid defaults', () => {
    expect(existsSync(join(project, 'node_modules', 'uuid'))).toBe(false)
  })

  it('lets CommonJS require every entry point: residency-db/zod and residency-db/audit too', () => {
    const script = "const z = require('residency-db/zod'); const a = require('residency-db/audit'); console.log(JSON.stringify({ person: typeof z.personSchema?.parse, history: typeof a.getHistory }))"
    expect(JSON.parse(run(process.execPath, ['-e', script], project).trim())).toEqual({ person: 'function', history: 'function' })
  })

  it('loads neither zod nor the migrations when the root is imported (they load on first use)', () => {
    const dist = join(project, 'node_modules', 'residency-db', 'dist')
    const files = new Set<string>()
    const packages = new Set<string>()
    const walk = (file: string) => {
      if (files.has(file)) return
      files.add(file)
      // static imports and re-exports only: a dynamic import() loads when called
      for (const m of readFileSync(join(dist, file), 'utf8').matchAll(/^\s*(?:import|export)\s+(?:[^'"]*?\s+from\s+)?["']([^"']+)["']/gm)) {
        if (m[1]!.startsWith('./')) walk(m[1]!.slice(2))
        else packages.add(m[1]!)
      }
    }
    walk('index.js')
    expect(packages).toContain('kysely')
    expect([...packages].filter((p) => p === 'zod' || p.startsWith('zod/'))).toEqual([])
    // ids are the library's own UUIDv7 (Web Crypto, no node:crypto import: ~6 ms of a cold start)
    expect([...packages].filter((p) => /^(node:)?crypto$|^uuid/.test(p))).toEqual([])
    expect([...files].filter((f) => /migrations|params/.test(f))).toEqual([])
  })

  it('ships the residency-db bin', () => {
    const help = run(join(project, 'node_modules', '.bin', 'residency-db'), ['--help'], project)
    expect(help).toMatch(/migrate/)
  })

  it('loads from CommonJS with require() and runs a query', () => {
    const output = JSON.parse(run(process.execPath, ['cjs/require.cjs'], project).trim())
    expect(output).toEqual({ name: 'Ada', created: true, errors: 'function' })
  })

  it('compiles as a CommonJS TypeScript project (module nodenext) that runs', () => {
    expect(() => run(process.execPath, [tsc, '-p', 'cjs'], project)).not.toThrow()
    // really CommonJS: the compiled file uses require(), not import
    expect(readFileSync(join(project, 'cjs', 'out', 'consumer.js'), 'utf8')).toContain('require("residency-db")')
    const output = JSON.parse(run(process.execPath, ['cjs/out/consumer.js'], project).trim())
    expect(output).toEqual({ name: 'Ada', type: 'faculty' })
  })

  it('has no top-level await in any module a require() can reach (entry and every chunk)', () => {
    const dist = join(project, 'node_modules', 'residency-db', 'dist')
    const modules = readdirSync(dist).filter((f) => f.endsWith('.js') && f !== 'cli.js')
    expect(modules.length).toBeGreaterThan(1)
    // require() of an ES module with top-level await throws ERR_REQUIRE_ASYNC_MODULE
    const script = `for (const f of ${JSON.stringify(modules)}) require(${JSON.stringify(dist)} + '/' + f); console.log('ok')`
    expect(run(process.execPath, ['-e', script], project).trim()).toBe('ok')
  })

  it('ships a LICENSE, links nothing the tarball lacks and keeps internal options out of the types', () => {
    const installed = join(project, 'node_modules', 'residency-db')
    expect(readFileSync(join(installed, 'LICENSE'), 'utf8')).toMatch(/^MIT License/)
    expect(JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8')).license).toBe('MIT')
    const readme = readFileSync(join(installed, 'README.md'), 'utf8')
    const relativeLinks = [...readme.matchAll(/\]\(([^)#][^)]*)\)/g)].map((m) => m[1]!).filter((l) => !/^[a-z]+:/.test(l))
    for (const link of relativeLinks) expect(existsSync(join(installed, link)), link).toBe(true)
    // the entries' declarations and the chunks they share
    const declarations = readdirSync(join(installed, 'dist')).filter((f) => f.endsWith('.d.ts'))
    expect(declarations).toEqual(expect.arrayContaining(['index.d.ts', 'testing.d.ts']))
    const types = declarations.map((f) => readFileSync(join(installed, 'dist', f), 'utf8')).join('\n')
    expect(types).not.toMatch(/@internal|extraColumnTypes|extraInsertDefaults|snapshot\?\(|image\?:/)
    expect(types).toMatch(/interface DatabaseOptions/)
  })
})
