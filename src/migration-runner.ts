import type { Kysely } from 'kysely'
import { type Migration, type MigrationResultSet, Migrator } from 'kysely/migration'
import type { DialectMigration, MigrationDialect } from '../migrations/migration-dialect.js'
import { ConnectionError, MigrationError } from './errors.js'

/** One migration, as `migrationStatus()` reports it. */
export interface MigrationState {
  name: string
  /** When it was applied, or null while pending. */
  executedAt: Date | null
}

/** One applied or reverted migration. */
export interface MigrationStep {
  name: string
  direction: 'up' | 'down'
}

export interface MigrateOptions {
  /** Called after each migration that was applied or reverted. */
  onProgress?: (step: MigrationStep & { index: number; total: number }) => void
}

/** The migration methods of a database handle. */
export interface MigrationMethods {
  /** Applies every pending migration, each in its own transaction. Returns what ran. */
  migrateToLatest(options?: MigrateOptions): Promise<MigrationStep[]>
  /** Applies the next pending migration, if any. */
  migrateUp(): Promise<MigrationStep[]>
  /** Reverts the last applied migration, if any. */
  migrateDown(): Promise<MigrationStep[]>
  /** Reverts every applied migration, newest first. */
  migrateReset(options?: MigrateOptions): Promise<MigrationStep[]>
  /** Every known migration, in order, with when it was applied. */
  migrationStatus(): Promise<MigrationState[]>
}

/** The migrations by name, or a function that loads them (imported only when a run needs them). */
export type MigrationList = Record<string, DialectMigration> | (() => Promise<Record<string, DialectMigration>>)

export interface MigrationRunnerOptions {
  /** Decides, per run, what migrations are told about the database (e.g. pgvector). */
  dialect: (db: Kysely<any>) => Promise<MigrationDialect>
  /** Called after any run that changed the schema. */
  afterChange?: () => Promise<void>
}

/**
 * Runs the static migration list with Kysely's Migrator on a plugin-free copy of
 * `db` (migrations speak snake_case SQL). Runs are serialised by the dialect's
 * migration lock, and each migration runs in its own transaction, so a failure
 * leaves the schema as it was after the last migration that succeeded.
 */
export function createMigrationRunner(
  db: Kysely<any>,
  migrations: MigrationList,
  options: MigrationRunnerOptions,
): MigrationMethods {
  const plain = db.withoutPlugins()
  // the dialect is decided before each run and handed to every migration of it
  let dialect: MigrationDialect | undefined
  const bound = (m: DialectMigration): Migration => ({
    up: (d) => m.up(d, dialect!),
    down: m.down && ((d) => m.down!(d, dialect!)),
  })
  // loaded on first use: a process that never migrates never loads the migrations
  let loaded: Record<string, DialectMigration> | undefined
  const load = async () => (loaded ??= typeof migrations === 'function' ? await migrations() : migrations)
  const provider = {
    getMigrations: async () => Object.fromEntries(Object.entries(await load()).map(([name, m]) => [name, bound(m)])),
  }
  const migrator = new Migrator({ db: plain, provider })

  const prepare = async () => {
    dialect = await options.dialect(plain)
    return Object.keys(await load()).length
  }

  const steps = (set: MigrationResultSet): MigrationStep[] => {
    const failed = set.results?.find((r) => r.status === 'Error')
    if (set.error !== undefined || failed) {
      const cause = set.error
      const name = failed?.migrationName
      const reason = cause instanceof Error ? cause.message : String(cause)
      // a lost connection is not the migration's fault: it was rolled back and the run may be made again
      if (cause instanceof ConnectionError) {
        throw new ConnectionError(`migration ${name ?? 'run'} was interrupted and rolled back: ${reason}`, {
          cause,
          retryable: cause.retryable,
        })
      }
      throw new MigrationError(
        name
          ? `migration ${name} failed and was rolled back: ${reason}`
          : `migration run failed before any migration ran: ${reason}`,
        name,
        { cause },
      )
    }
    return (set.results ?? [])
      .filter((r) => r.status === 'Success')
      .map((r) => ({ name: r.migrationName, direction: r.direction === 'Up' ? 'up' : 'down' }))
  }

  const loop = async (step: () => Promise<MigrationResultSet>, opts?: MigrateOptions) => {
    const total = await prepare()
    const done: MigrationStep[] = []
    try {
      for (;;) {
        const ran = steps(await step())
        if (ran.length === 0) return done
        for (const s of ran) {
          done.push(s)
          opts?.onProgress?.({ ...s, index: done.length, total })
        }
      }
    } finally {
      if (done.length > 0) await options.afterChange?.()
    }
  }

  const once = async (step: () => Promise<MigrationResultSet>) => {
    await prepare()
    const ran = steps(await step())
    if (ran.length > 0) await options.afterChange?.()
    return ran
  }

  return {
    migrateToLatest: (opts) => loop(() => migrator.migrateUp(), opts),
    migrateUp: () => once(() => migrator.migrateUp()),
    migrateDown: () => once(() => migrator.migrateDown()),
    migrateReset: (opts) => loop(() => migrator.migrateDown(), opts),
    migrationStatus: async () =>
      (await migrator.getMigrations()).map((m) => ({ name: m.name, executedAt: m.executedAt ?? null })),
  }
}
