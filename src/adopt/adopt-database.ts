import { sql, type Kysely } from 'kysely'
import type { DialectMigration, MigrationDialect } from '../../migrations/migration-dialect.js'
import type { ResidencyDatabase } from '../connect.js'
import { readCatalog } from '../dialect/catalog.js'
import { readPostgresTriggers } from '../dialect/postgres/postgres-catalog.js'
import { postgresMigrationDialect } from '../dialect/postgres/postgres-vector-extension.js'
import { MigrationError } from '../errors.js'
import type { AdoptNote, AdoptStep } from './adopt-step.js'
import { baselineSteps, triggerSteps } from './bookkeeping-steps.js'
import { constraintSteps } from './constraint-steps.js'
import { enumSteps, modFlagSteps } from './data-steps.js'
import { readExpectedSchema } from './expected-schema.js'
import { renameSteps, structureSteps } from './structure-steps.js'

/** A change adoption would make (or made). */
export interface AdoptChange {
  table: string
  action: string
  sql: string[]
}

/** What stops an adoption: rows that would break a constraint, or a statement the server refused. */
export interface AdoptProblem {
  table: string
  action: string
  problem: string
  /** How many rows are in the way, when counted. */
  rows?: number
}

/** What `inspectDatabase` found, or what `adoptDatabase` did. */
export interface AdoptReport {
  /** The bridging migration, in the order it runs; empty when there is nothing to do. */
  changes: AdoptChange[]
  /** What is left as it is: tables, columns and constraints that are not ours. */
  notes: AdoptNote[]
  /** Non-empty: the database cannot be bridged safely as it is, and nothing was changed. */
  problems: AdoptProblem[]
  /** True when the changes were committed. */
  applied: boolean
}

export interface AdoptOptions {
  /** Work everything out (inside a transaction that is rolled back) and change nothing. */
  dryRun?: boolean
  /** @internal The migration list (default: the library's own). */
  migrations?: Record<string, DialectMigration>
}

class Rollback extends Error {}

/**
 * Runs the steps after their guards. A statement the server refuses ends the
 * run: the transaction is lost, so the refusal is the report's last problem.
 * Returns false then.
 */
async function runSteps(trx: Kysely<any>, steps: AdoptStep[], report: AdoptReport): Promise<boolean> {
  for (const step of steps) {
    if (step.guard) {
      const { rows } = await sql<{ count: string | number }>`${sql.raw(step.guard.sql)}`.execute(trx)
      const count = Number(rows[0]!.count)
      if (count > 0) {
        report.problems.push({ table: step.table, action: step.action, problem: step.guard.problem, rows: count })
        continue
      }
    }
    try {
      for (const statement of step.sql) if (!statement.startsWith('--')) await sql.raw(statement).execute(trx)
      await step.run?.()
      report.changes.push({ table: step.table, action: step.action, sql: step.sql })
    } catch (error) {
      report.problems.push({ table: step.table, action: step.action, problem: `the server refused it: ${(error as Error).message}` })
      return false
    }
  }
  return true
}

async function bridge(trx: Kysely<any>, migrations: Record<string, DialectMigration>, dialect: MigrationDialect, report: AdoptReport) {
  const expected = await readExpectedSchema(trx, migrations, dialect)
  const e = expected.catalog
  if (!(await runSteps(trx, renameSteps(e, await readCatalog(trx)), report))) return
  const renamed = await readCatalog(trx)
  if (!(await runSteps(trx, structureSteps(e, renamed, report.notes), report))) return
  const structured = await readCatalog(trx)
  if (!(await runSteps(trx, [...(await enumSteps(trx, e, structured)), ...(await modFlagSteps(trx, e, renamed))], report))) return
  if (!(await runSteps(trx, constraintSteps(e, await readCatalog(trx), report.notes), report))) return
  if (!(await runSteps(trx, triggerSteps(trx, migrations, dialect, expected.triggers, await readPostgresTriggers(trx)), report))) return
  await runSteps(trx, await baselineSteps(trx, Object.keys(migrations)), report)
}

/**
 * Brings a PostgreSQL database that another program built (the original
 * backend's Alembic migrations) to the schema the library's migrations build,
 * in one transaction: renames, adds what is missing, rewrites upper-case enum
 * values, completes the history tables and records every migration as applied,
 * so that `migrateToLatest()` goes on from there. Nothing is dropped: tables,
 * columns and constraints that are not ours stay (see `notes`).
 *
 * When some change cannot be made safely (rows that break a constraint, a
 * statement the server refuses), nothing is changed and `problems` says what
 * to fix. With `dryRun`, everything is worked out and rolled back.
 */
export async function adoptDatabase(rdb: ResidencyDatabase, options: AdoptOptions = {}): Promise<AdoptReport> {
  if (rdb.dialect !== 'postgres') {
    throw new MigrationError(`adopt works on PostgreSQL databases (pg or PGlite); ${rdb.url} is ${rdb.dialect}: run migrate latest on it instead`, undefined)
  }
  const migrations = options.migrations ?? (await import('../../migrations/index.js')).migrations
  const report: AdoptReport = { changes: [], notes: [], problems: [], applied: false }
  const plain = rdb.db.withoutPlugins()
  try {
    await plain.transaction().execute(async (trx) => {
      await bridge(trx, migrations, await postgresMigrationDialect(trx), report)
      if (options.dryRun || report.problems.length > 0) throw new Rollback()
    })
    report.applied = report.changes.length > 0
  } catch (error) {
    if (!(error instanceof Rollback)) throw error
  }
  return report
}

/** What `adoptDatabase` would do, without changing anything. */
export function inspectDatabase(rdb: ResidencyDatabase): Promise<AdoptReport> {
  return adoptDatabase(rdb, { dryRun: true })
}
