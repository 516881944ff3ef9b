import { execFile } from 'node:child_process'
import { existsSync, readFileSync, readdirSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { promisify } from 'node:util'
import { sql, type Kysely } from 'kysely'
import { toKyselyCamelCase } from 'kysely-codegen'
import { beforeAll, describe, expect, it } from 'vitest'
import { migrations } from '../migrations/index.js'
import type { DialectMigration } from '../migrations/migration-dialect.js'
import { parseCheck } from '../scripts/codegen/check-constraints.js'
import { compareFiles, generateSchema, type GeneratedSchema, type StaleFile } from '../scripts/codegen/generate.js'
import { rowTypeName } from '../scripts/codegen/names.js'
import { camelName } from '../src/codec/names.js'
import { POSTGRES_URL } from './setup.js'

// The generated files of src/schema/ must be what the migrations produce: the
// suite runs `npm run codegen -- --check`, and shows that a migration changed
// without regenerating makes that check fail.

const root = resolve(import.meta.dirname, '..')
const tsx = join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs')
const run = promisify(execFile)

async function codegen(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number; out: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [tsx, 'scripts/codegen.ts', ...args], { cwd: root, env })
    return { code: 0, out: stdout + stderr }
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string }
    return { code: e.code ?? 1, out: `${e.stdout ?? ''}${e.stderr ?? ''}` }
  }
}

describe('npm run codegen -- --check', () => {
  it('passes: the committed files are what the migrations generate (PGlite)', async () => {
    const { DATABASE_URL: _, ...env } = process.env
    const result = await codegen(['--check', '--pglite'], env)
    expect(result.out).toMatch(/files up to date \(100 tables, PGlite/)
    expect(result.code).toBe(0)
  })

  it.skipIf(POSTGRES_URL === undefined)('passes on a fresh database of the PostgreSQL server too (same files)', async () => {
    const result = await codegen(['--check'], { ...process.env, DATABASE_URL: POSTGRES_URL })
    expect(result.out).toMatch(/files up to date \(100 tables, a fresh database on the DATABASE_URL server/)
    expect(result.code).toBe(0)
  })

  it('refuses an unknown option', async () => {
    const result = await codegen(['--chek'], process.env)
    expect(result.code).toBe(2)
    expect(result.out).toMatch(/unknown option --chek/)
  })
})

/** A later migration: an enum column on people and a new table, in a new schema area (both dialects: codegen runs it on SQLite too). */
const onCall: DialectMigration = {
  async up(db: Kysely<any>, dialect) {
    await db.schema
      .alterTable('people')
      .addColumn('shirt_size', 'varchar(3)', (c) => c.check(sql`shirt_size IN ('S', 'M', 'L')`))
      .execute()
    await db.schema
      .createTable('on_call_pools')
      .addColumn('id', 'uuid', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('reminder_7_days', 'integer', (c) => c.notNull().defaultTo(3).check(sql`reminder_7_days BETWEEN 1 AND 7`))
      .addColumn('opened_at', 'timestamptz', (c) => c.notNull().defaultTo(dialect.name === 'postgres' ? sql`now()` : sql`CURRENT_TIMESTAMP`))
      .execute()
  },
  async down(db: Kysely<any>) {
    await db.schema.dropTable('on_call_pools').execute()
    await db.schema.alterTable('people').dropColumn('shirt_size').execute()
  },
}

describe('a migration changed without regenerating', () => {
  let generated: GeneratedSchema
  let stale: StaleFile[]

  beforeAll(async () => {
    generated = await generateSchema({ migrations: { ...migrations, '29991231T0000-on-call': onCall } })
    stale = compareFiles(root, generated.files)
  }, 120_000)

  it('makes the check fail, naming each stale file with a diff', () => {
    expect(stale.map((s) => s.path).sort()).toEqual([
      'docs/schema/README.md',
      'docs/schema/core.md',
      'docs/schema/on-call.md',
      'src/schema/generated/column-limits.ts',
      'src/schema/generated/column-types.ts',
      'src/schema/generated/constraints.ts',
      'src/schema/generated/database.ts',
      'src/schema/generated/insert-defaults.ts',
      'src/schema/generated/names.ts',
      'src/schema/generated/zod/core.ts',
      'src/schema/generated/zod/index.ts',
      'src/schema/generated/zod/on-call.ts',
    ])
    const database = stale.find((s) => s.path === 'src/schema/generated/database.ts')!.diff
    expect(database).toContain("+  shirtSize: 'S' | 'M' | 'L' | null")
    expect(database).toContain('+export interface OnCallPoolsTable {')
  })

  it('generates the new column everywhere: types, runtime map, zod schemas', () => {
    const files = generated.files
    expect(files.get('src/schema/generated/column-types.ts')).toContain("    shirt_size: 'varchar',")
    expect(files.get('src/schema/generated/zod/core.ts')).toContain("  shirtSize: z.enum(['S', 'M', 'L']).nullable().optional(),")
    const pools = files.get('src/schema/generated/zod/on-call.ts')!
    expect(pools).toContain('export const onCallPoolSchema = z.object({')
    expect(pools).toContain('  reminder7Days: col.integer({ min: 1, max: 7 }).optional(),')
    expect(pools).toContain('  openedAt: col.timestampInput().optional(),')
    expect(files.get('src/schema/generated/database.ts')).toMatch(/ {2}reminder7Days: Generated<number>\n {2}openedAt: GeneratedTimestamp\n/)
    expect(files.get('src/schema/generated/insert-defaults.ts')).toContain(
      "  on_call_pools: {\n    id: 'uuid',\n    reminder_7_days: { literal: 3 },\n    opened_at: 'now',\n  },",
    )
  })

  it('documents the new table and column in the schema reference: columns, types per dialect, constraints, diagram', () => {
    const files = generated.files
    expect(files.get('docs/schema/README.md')).toContain('| [on-call](on-call.md) | [`on_call_pools`](on-call.md#on_call_pools) |')
    const pools = files.get('docs/schema/on-call.md')!
    expect(pools).toContain('# Schema: on-call')
    expect(pools).toContain('\n## on_call_pools\n')
    expect(pools).toContain('| `id` | `id` | `uuid` | `uuid` | `uuid` | no | UUIDv7 (library) |')
    expect(pools).toContain('| `reminder_7_days` | `reminder7Days` | `integer` | `integer` | `INTEGER` | no | `3` |')
    expect(pools).toContain('| `opened_at` | `openedAt` | `timestamptz` | `timestamptz` | `timestamptz` | no | now (UTC) |')
    expect(pools).toMatch(/- `on_call_pools_reminder_7_days_check`: `CHECK \(reminder_7_days >= 1 AND reminder_7_days <= 7\)`/)
    expect(pools).toContain('```mermaid\nerDiagram\n  on_call_pools {\n    uuid id PK\n  }\n```')
    const core = stale.find((s) => s.path === 'docs/schema/core.md')!.diff
    expect(core).toContain("+| `shirt_size` | `shirtSize` | `varchar(3)`: `S`, `M`, `L` | `varchar(3)` | `varchar(3)` | yes |  |")
  })

  it('leaves to the database only the CHECK that compares two columns', () => {
    expect(generated.model.otherChecks).toEqual(['absences.check_absence_dates: CHECK ((end_date >= start_date))'])
  })
})

/** GitHub's anchor of a Markdown heading. */
const anchorOf = (heading: string) => heading.trim().toLowerCase().replace(/[^\w\- ]/g, '').replaceAll(' ', '-')

describe('the committed schema reference (docs/schema)', () => {
  const dir = join(root, 'docs', 'schema')
  const pages = readdirSync(dir).filter((f) => f.endsWith('.md'))
  const anchors = (file: string) => [...readFileSync(file, 'utf8').matchAll(/^#{1,6} (.+)$/gm)].map((m) => anchorOf(m[1]!))

  it('documents every table once, under its own heading, with one ER diagram per area page', () => {
    const headings = pages.filter((p) => p !== 'README.md').flatMap((p) => {
      const text = readFileSync(join(dir, p), 'utf8')
      expect(text.match(/```mermaid\nerDiagram\n/g), p).toHaveLength(1)
      return [...text.matchAll(/^## (\S+)$/gm)].map((m) => m[1]!)
    })
    expect(headings).toHaveLength(100)
    expect(new Set(headings).size).toBe(100)
    expect(headings).toEqual(expect.arrayContaining(['people', 'swap_records', 'oauth2_clients', 'transaction']))
  })

  it('links only to pages and headings that exist', () => {
    let links = 0
    for (const page of pages) {
      const file = join(dir, page)
      for (const [, target] of readFileSync(file, 'utf8').matchAll(/\]\(([^)\s]+)\)/g)) {
        const [path, anchor] = target!.split('#')
        const linked = path ? resolve(dir, path) : file
        expect(existsSync(linked), `${page}: ${target}`).toBe(true)
        if (anchor) expect(anchors(linked), `${page}: ${target}`).toContain(anchor)
        links++
      }
    }
    expect(links).toBeGreaterThan(300) // every table, foreign key and referencing table is a link
  })
})

describe('CHECK constraints as PostgreSQL renders them', () => {
  it.each([
    [
      "CHECK (((time_of_day)::text = ANY ((ARRAY['AM'::character varying, 'PM'::character varying])::text[])))",
      { column: 'time_of_day', values: ['AM', 'PM'] },
    ],
    [
      "CHECK (((faculty_role IS NULL) OR ((faculty_role)::text = ANY ((ARRAY['pd'::character varying, 'apd'::character varying])::text[]))))",
      { column: 'faculty_role', values: ['pd', 'apd'] },
    ],
    ["CHECK ((kind = ANY (ARRAY['it''s'::text, 'a, b'::text])))", { column: 'kind', values: ["it's", 'a, b'] }],
    ['CHECK ((operation_type = ANY (ARRAY[0, 1, 2])))', { column: 'operation_type', values: [0, 1, 2] }],
    ['CHECK (((pgy_level IS NULL) OR ((pgy_level >= 1) AND (pgy_level <= 3))))', { column: 'pgy_level', min: 1, max: 3 }],
    ['CHECK (((timeout_seconds > 0) AND (timeout_seconds <= 300)))', { column: 'timeout_seconds', gt: 0, max: 300 }],
    [
      'CHECK (((rollout_percentage IS NULL) OR ((rollout_percentage >= (0.0)::double precision) AND (rollout_percentage <= (1.0)::double precision))))',
      { column: 'rollout_percentage', min: 0, max: 1 },
    ],
    ['CHECK ((0 < version))', { column: 'version', gt: 0 }],
    ['CHECK ((n BETWEEN 1 AND 7))', { column: 'n', min: 1, max: 7 }],
  ])('%s', (definition, expected) => {
    expect(parseCheck(definition)).toEqual(expected)
  })

  it.each([
    'CHECK ((end_date >= start_date))',
    'CHECK (((a > 0) OR (b > 0)))',
    'CHECK ((length((name)::text) > 0))',
    "CHECK (((a = 'x'::text) AND (b = 'y'::text)))",
  ])('%s says more than one column’s values: left to the database', (definition) => {
    expect(parseCheck(definition)).toBeUndefined()
  })
})

describe('generated names', () => {
  it.each([
    ['people', 'Person'],
    ['swap_records', 'SwapRecord'],
    ['person_certifications', 'PersonCertification'],
    ['absences', 'Absence'],
    ['absences_version', 'AbsencesVersion'],
    ['task_history', 'TaskHistory'],
    ['webhook_deliveries', 'WebhookDelivery'],
    ['game_theory_matches', 'GameTheoryMatch'],
    ['oauth2_clients', 'Oauth2Client'],
    ['transaction', 'AuditTransaction'],
  ])('a row of %s: %s', (table, row) => {
    expect(rowTypeName(table)).toBe(row)
  })

  it("use the codec layer's camelCase, which keeps what kysely-codegen's own would drop", () => {
    // rag_documents.metadata_: kysely-codegen would type it as `metadata`, a column the codec layer does not know
    expect(camelName('metadata_')).toBe('metadata_')
    expect(toKyselyCamelCase('metadata_')).toBe('metadata')
    expect(camelName('reminder_180_sent')).toBe('reminder180Sent')
  })
})
