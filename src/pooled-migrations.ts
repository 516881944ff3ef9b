import { migrationsRefusedBehindPooler } from './dialect/postgres/pg-pooler.js'
import type { MigrationMethods } from './migration-runner.js'

/** A short-lived direct connection that can run migrations. */
export interface DirectMigrations extends MigrationMethods {
  destroy(): Promise<void>
}

/**
 * The migration methods of a handle opened through a transaction-mode pooler.
 * With `openDirect` (createDatabase's `migrationUrl`), each run opens a direct
 * connection for itself, closes it, and then refreshes what the pooled handle
 * knows of the server's types. Without it, the methods that change the schema
 * throw a ConnectionError saying why (`migrationStatus` still reads through
 * the pooler).
 */
export function pooledMigrationMethods(
  pooled: MigrationMethods,
  masked: string,
  openDirect: (() => Promise<DirectMigrations>) | undefined,
  afterChange: (() => Promise<void>) | undefined,
): MigrationMethods {
  const direct =
    <A extends unknown[], R>(run: (m: MigrationMethods, ...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      if (openDirect === undefined) throw migrationsRefusedBehindPooler(masked)
      const handle = await openDirect()
      try {
        return await run(handle, ...args)
      } finally {
        await handle.destroy()
        await afterChange?.()
      }
    }
  return {
    migrateToLatest: direct((m, options) => m.migrateToLatest(options)),
    migrateUp: direct((m) => m.migrateUp()),
    migrateDown: direct((m) => m.migrateDown()),
    migrateReset: direct((m, options) => m.migrateReset(options)),
    migrationStatus: () => pooled.migrationStatus(),
  }
}
