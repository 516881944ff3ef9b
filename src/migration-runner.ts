import type { Kysely } from 'kysely'
import type { Migration, MigrationResultSet, Migrator } from 'kysely/migration'
import type { DialectMigration, MigrationDialect } from '../migrations/migration-dialect.js'
import { ConnectionError, MigrationError } from './errors.js'

/** Whose migration it is: the library's own, or the service's (see `DatabaseOptions.service`). */
export type MigrationScope = 'library' | 'service'

/** One migration, as `migrationStatus()` reports it. */
export interface MigrationState {
  name: string
  scope: MigrationScope
  /** When it was applied, or null while pending. */
  executedAt: Date | null
}

/** One applied or reverted migration. */
export interface MigrationStep {
  name: string
  scope: MigrationScope
  direction: 'up' | 'down'
}

export interface MigrateOptions {
  /** Called after each migration that was applied or reverted. */
  onProgress?: (step: MigrationStep & { index: number; total: number }) => void
}

/** The migration methods of a database handle. */
export interface MigrationMethods {
  /**
   * Applies every pending migration, each in its own transaction: the library's,
   * then the service's. Returns what ran.
   */
  migrateToLatest(options?: MigrateOptions): Promise<MigrationStep[]>
  /** Applies the next pending migration, if any (the library's before the service's). */
  migrateUp(): Promise<MigrationStep[]>
  /** Reverts the last applied migration, if any (the service's before the library's). */
  migrateDown(): Promise<MigrationStep[]>
  /** Reverts every applied migration, newest first: the service's, then the library's. */
  migrateReset(options?: MigrateOptions): Promise<MigrationStep[]>
  /** Every known migration, in order (the library's, then the service's), with when it was applied. */
  migrationStatus(): Promise<MigrationState[]>
}

/** The migrations by name, or a function that loads them (imported only when a run needs them). */
export type MigrationList = Record<string, DialectMigration> | (() => Promise<Record<string, DialectMigration>>)

/** A second list of migrations, recorded in its own table (the service's). */
export interface ServiceMigrationList {
  migrations: MigrationList
  /** Kysely's migration table for this list; its lock table is `<table>_lock`. */
  table: string
}

export interface MigrationRunnerOptions {
  /** Decides, per run, what migrations are told about the database (e.g. pgvector). */
  dialect: (db: Kysely<any>) => Promise<MigrationDialect>
  /** Called after any run that changed the schema. */
  afterChange?: () => Promise<void>
  /** The service's migrations, run after the library's. */
  service?: ServiceMigrationList
}

/** One list of migrations and the Migrator that records it in its table. */
interface MigrationSet {
  scope: MigrationScope
  /** Made on first use: a process that never migrates never loads Kysely's migrator. */
  migrator(): Promise<Migrator>
  count(): Promise<number>
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
  const migrationSet = (scope: MigrationScope, migrations: MigrationList, table?: string): MigrationSet => {
    // loaded on first use: a process that never migrates never loads the migrations
    let loaded: Record<string, DialectMigration> | undefined
    const load = async () => (loaded ??= typeof migrations === 'function' ? await migrations() : migrations)
    const provider = {
      getMigrations: async () => Object.fromEntries(Object.entries(await load()).map(([name, m]) => [name, bound(m)])),
    }
    const tables = table === undefined ? {} : { migrationTableName: table, migrationLockTableName: `${table}_lock` }
    let migrator: Promise<Migrator> | undefined
    return {
      scope,
      migrator: () => (migrator ??= import('kysely/migration').then(({ Migrator }) => new Migrator({ db: plain, provider, ...tables }))),
      count: async () => Object.keys(await load()).length,
    }
  }
  const sets = [migrationSet('library', migrations)]
  if (options.service) sets.push(migrationSet('service', options.service.migrations, options.service.table))
  const reversed = [...sets].reverse()

  const prepare = async () => {
    dialect = await options.dialect(plain)
    let total = 0
    for (const set of sets) total += await set.count()
    return total
  }

  const steps = (scope: MigrationScope, set: MigrationResultSet): MigrationStep[] => {
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
          : `${scope === 'service' ? "the service's migration" : 'migration'} run failed before any migration ran: ${reason}`,
        name,
        { cause },
      )
    }
    return (set.results ?? [])
      .filter((r) => r.status === 'Success')
      .map((r) => ({ name: r.migrationName, scope, direction: r.direction === 'Up' ? 'up' : 'down' }))
  }

  /** Steps each set in `order` until it has nothing left to do. */
  const loop = async (order: MigrationSet[], step: (m: Migrator) => Promise<MigrationResultSet>, opts?: MigrateOptions) => {
    const total = await prepare()
    const done: MigrationStep[] = []
    try {
      for (const set of order) {
        for (;;) {
          const ran = steps(set.scope, await step(await set.migrator()))
          if (ran.length === 0) break
          for (const s of ran) {
            done.push(s)
            opts?.onProgress?.({ ...s, index: done.length, total })
          }
        }
      }
      return done
    } finally {
      if (done.length > 0) await options.afterChange?.()
    }
  }

  /** One step of the first set in `order` that has one to make. */
  const once = async (order: MigrationSet[], step: (m: Migrator) => Promise<MigrationResultSet>) => {
    await prepare()
    for (const set of order) {
      const ran = steps(set.scope, await step(await set.migrator()))
      if (ran.length > 0) {
        await options.afterChange?.()
        return ran
      }
    }
    return []
  }

  const up = (m: Migrator) => m.migrateUp()
  const down = (m: Migrator) => m.migrateDown()
  return {
    migrateToLatest: (opts) => loop(sets, up, opts),
    migrateUp: () => once(sets, up),
    migrateDown: () => once(reversed, down),
    migrateReset: (opts) => loop(reversed, down, opts),
    migrationStatus: async () => {
      const status: MigrationState[] = []
      for (const set of sets) {
        for (const m of await (await set.migrator()).getMigrations()) status.push({ name: m.name, scope: set.scope, executedAt: m.executedAt ?? null })
      }
      return status
    },
  }
}
