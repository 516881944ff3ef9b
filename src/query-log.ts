import type { LogConfig, LogEvent } from 'kysely'
import type { SecretParameters } from './codec/secret-parameters.js'

/**
 * The `log` option as Kysely takes it, with the parameters bound to secret
 * columns replaced by '***' before a logger function sees them. A list of
 * levels goes to Kysely's own logger, which prints no parameters.
 */
export function redactingLog(log: LogConfig | undefined, secrets: SecretParameters): LogConfig | undefined {
  if (typeof log !== 'function') return log
  return (event: LogEvent) => log({ ...event, query: secrets.redact(event.query) })
}
