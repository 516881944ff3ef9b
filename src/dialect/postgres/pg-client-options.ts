import type { ConnectionOptions } from 'node:tls'
import { ConnectionError } from '../../errors.js'
import type { PoolerMode } from './pg-pooler.js'

/** How long opening a connection may take, startup included, when neither the URL nor the options say (ms). */
export const DEFAULT_CONNECT_TIMEOUT_MS = 10_000

/** The connection and pool settings createDatabase takes for a `pg` pool (each wins over its URL parameter). */
export interface PgClientSettings {
  /** Pool size (default 10). */
  max?: number
  /** URL `connect_timeout` (seconds, as libpq); default 10 s; 0: no limit. */
  connectTimeoutMs?: number
  /** URL `statement_timeout` (ms); default none. */
  statementTimeoutMs?: number
  /** URL `application_name`. */
  applicationName?: string
  /** pg's `idleTimeoutMillis` (default 10 000 ms). */
  idleTimeoutMs?: number
  /** pg's `maxLifetimeSeconds` (default: no limit). */
  maxLifetimeSeconds?: number
  /** pg's `maxUses` (default: no limit). */
  maxUses?: number
  /** TLS: true, false, or node:tls options; URL `sslmode=`. */
  ssl?: boolean | ConnectionOptions
}

/** What the pool is given besides the library's own settings (types, Client, UTC). */
export interface PgClientConfig {
  connectionString: string
  /**
   * `sslmode=prefer` or `allow`: TLS when the server offers it, else plain
   * (libpq decides per connection; the library once, when the pool opens):
   * the URL to use when the server has no SSL.
   */
  plainFallback?: string
  /** Given to each client only: the pool's wait for a free client is not bounded by it. */
  connectionTimeoutMillis: number
  pool: {
    max: number
    statement_timeout?: number
    application_name?: string
    idleTimeoutMillis?: number
    maxLifetimeSeconds?: number
    maxUses?: number
    ssl?: boolean | ConnectionOptions
  }
}

/** URL parameters pg reads from the URL over its config: removed when an option says otherwise. */
const SSL_PARAMETERS = ['ssl', 'sslmode', 'sslcert', 'sslkey', 'sslrootcert', 'uselibpqcompat']

/**
 * Reads the connection settings of a PostgreSQL URL and merges the options
 * over them. pg reads its URL's parameters over its own config, so a parameter
 * an option overrides is removed from the URL given to pg. `connect_timeout`
 * (seconds, which pg alone ignores) becomes each client's connection timeout,
 * covering the TCP connection and the whole startup; `sslmode` keeps libpq's
 * meaning (`require`: encrypted, the certificate not verified; `verify-full`:
 * verified; `disable`: plain).
 */
export function readPgClientConfig(connectionString: string, settings: PgClientSettings, pooler: PoolerMode, masked: string): PgClientConfig {
  const url = new URL(connectionString)
  const params = url.searchParams
  const take = (name: string): string | undefined => {
    const value = params.get(name) ?? undefined
    params.delete(name)
    return value
  }
  const number = (name: string, text: string | undefined, unit: string): number | undefined => {
    if (text === undefined) return undefined
    const n = Number(text)
    if (text.trim() === '' || !Number.isFinite(n) || n < 0) {
      throw new ConnectionError(`${name}=${text} in ${masked} is not a number of ${unit} (0 or more)`)
    }
    return n
  }
  // every parameter is taken out of the URL first, whether or not an option overrides it
  const urlConnectTimeout = number('connect_timeout', take('connect_timeout'), 'seconds')
  const urlStatementTimeout = number('statement_timeout', take('statement_timeout'), 'milliseconds')
  const urlApplicationName = take('application_name')
  const connectTimeoutMs = checked('connectTimeoutMs', settings.connectTimeoutMs, masked) ?? (urlConnectTimeout === undefined ? DEFAULT_CONNECT_TIMEOUT_MS : urlConnectTimeout * 1000)
  const statementTimeoutMs = checked('statementTimeoutMs', settings.statementTimeoutMs, masked) ?? urlStatementTimeout
  if (statementTimeoutMs !== undefined && statementTimeoutMs > 0 && pooler === 'transaction') {
    throw new ConnectionError(
      `a statement timeout cannot be given through a transaction-mode pooler (${masked}): the pooler refuses it as a startup parameter. ` +
        'Set it on the server instead: ALTER ROLE <user> SET statement_timeout = …',
    )
  }
  const applicationName = settings.applicationName ?? urlApplicationName
  if (settings.ssl !== undefined) {
    for (const name of SSL_PARAMETERS) params.delete(name)
  } else if (params.has('sslmode') && !params.has('uselibpqcompat')) {
    params.set('uselibpqcompat', 'true')
  }
  const sslmode = params.get('sslmode')
  const plainFallback = settings.ssl === undefined && (sslmode === 'prefer' || sslmode === 'allow') ? withSslDisabled(url) : undefined
  const pool: PgClientConfig['pool'] = { max: settings.max ?? 10 }
  if (statementTimeoutMs !== undefined && statementTimeoutMs > 0) pool.statement_timeout = statementTimeoutMs
  if (applicationName !== undefined) pool.application_name = applicationName
  if (settings.idleTimeoutMs !== undefined) pool.idleTimeoutMillis = settings.idleTimeoutMs
  if (settings.maxLifetimeSeconds !== undefined) pool.maxLifetimeSeconds = settings.maxLifetimeSeconds
  if (settings.maxUses !== undefined) pool.maxUses = settings.maxUses
  if (settings.ssl !== undefined) pool.ssl = settings.ssl
  const changed = url.toString() !== new URL(connectionString).toString()
  // pg reads a URL it was not given back unchanged: keep the caller's text when nothing was removed
  const config: PgClientConfig = { connectionString: changed ? url.toString() : connectionString, connectionTimeoutMillis: connectTimeoutMs, pool }
  if (plainFallback !== undefined) config.plainFallback = plainFallback
  return config
}

function withSslDisabled(url: URL): string {
  const plain = new URL(url)
  plain.searchParams.set('sslmode', 'disable')
  plain.searchParams.delete('uselibpqcompat')
  return plain.toString()
}

function checked(name: string, value: number | undefined, masked: string): number | undefined {
  if (value !== undefined && !(Number.isFinite(value) && value >= 0)) {
    throw new ConnectionError(`option ${name} for ${masked} must be a number of milliseconds (0 or more), not ${value}`)
  }
  return value
}
