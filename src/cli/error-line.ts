/** `scheme://user:secret@` anywhere in a text; the usage text's placeholder `user:password@host:port/` stays readable. */
const URL_PASSWORD = /\b([a-z][a-z0-9+.-]*:\/\/[^:/@\s]*:)(?!password@host:port\/)[^@\s]*@/gi

/**
 * The one line the CLI prints for a failure: `residency-db: <reason>`, without
 * a stack, with whitespace runs (and newlines) collapsed and any password in a
 * URL masked, whatever threw it.
 */
export function errorLine(error: unknown): string {
  const message = error instanceof Error ? error.message || error.name : String(error)
  return `residency-db: ${message.replace(URL_PASSWORD, '$1***@').replace(/\s+/g, ' ').trim()}`
}
