import type pg from 'pg'
import { ConnectionError } from '../../errors.js'

/**
 * What sits between the pg pool and PostgreSQL:
 * - `none`: the server itself, or a pooler in session mode (one server
 *   connection per client connection for its whole life);
 * - `transaction`: a pooler in transaction mode (PgBouncer's
 *   `pool_mode = transaction`, most hosted poolers), which hands each
 *   transaction, or each statement outside one, to any of its server
 *   connections.
 */
export type PoolerMode = 'none' | 'transaction'

const MODES: Record<string, PoolerMode> = { none: 'none', session: 'none', transaction: 'transaction' }

/** The URL parameter that names the pooler mode: `postgres://…?pooler=transaction`. */
export const POOLER_PARAMETER = 'pooler'

/**
 * Reads and removes `?pooler=` from a PostgreSQL URL; `option` (from
 * createDatabase's options) wins over the URL. The URL given to pg never
 * carries the parameter.
 */
export function readPoolerMode(connectionString: string, option: string | undefined, masked: string): { connectionString: string; mode: PoolerMode } {
  const url = new URL(connectionString)
  const fromUrl = url.searchParams.get(POOLER_PARAMETER) ?? undefined
  url.searchParams.delete(POOLER_PARAMETER)
  const named = option ?? fromUrl
  const mode = named === undefined ? 'none' : MODES[named]
  if (mode === undefined) {
    throw new ConnectionError(`unknown pooler mode '${named}' for ${masked}: expected 'transaction', 'session' or 'none'`)
  }
  return { connectionString: fromUrl === undefined ? connectionString : url.toString(), mode }
}

/**
 * Session settings every pg connection starts with: the time zone UTC. Sent as
 * the `TimeZone` startup parameter, which PostgreSQL applies to the session
 * and PgBouncer tracks per client (it sets it on whichever server connection
 * serves the client's next transaction). The `options=-c …` startup parameter
 * would be refused by PgBouncer ("unsupported startup parameter: options").
 */
export function utcClient(driver: typeof pg): typeof pg.Client {
  const startupConf = (driver.Client.prototype as unknown as { getStartupConf: () => Record<string, string> }).getStartupConf
  return class UtcClient extends driver.Client {
    getStartupConf(): Record<string, string> {
      return { ...startupConf.call(this), TimeZone: 'UTC' }
    }
  }
}

/** Whether queries may run as named prepared statements, cached on each server connection. */
export const namedStatements = (mode: PoolerMode): boolean => mode === 'none'

/**
 * Why migrations cannot run through a transaction-mode pooler: Kysely's
 * migration lock is a session-level advisory lock, taken and released by
 * separate statements, which the pooler may send to different server
 * connections (the lock would stay held on one of them).
 */
export function migrationsRefusedBehindPooler(masked: string): ConnectionError {
  return new ConnectionError(
    `migrations cannot run through a transaction-mode pooler (${masked}): the migration lock is a session-level ` +
      'advisory lock, which the pooler may take on one server connection and try to release on another. ' +
      'Run migrations with a direct URL to the PostgreSQL server (without ?pooler=transaction).',
  )
}
