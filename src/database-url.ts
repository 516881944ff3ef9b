import { ConnectionError } from './errors.js'

/** The default database when neither an argument nor DATABASE_URL names one. */
export const DEFAULT_DATABASE_URL = 'sqlite:./residency.db'

export type DatabaseTarget =
  | { kind: 'pg'; connectionString: string }
  | { kind: 'sqlite'; path: string }
  | { kind: 'pglite'; dir: string | undefined }

const EXPECTED =
  "expected postgres://user:password@host:port/database, postgresql://…, sqlite:<path>, sqlite::memory:, pglite: (in memory) or pglite:<directory>"

/**
 * The URL with any password replaced by ***, for messages and logs. A password
 * may hold `/`, `?`, `#` or `@` unescaped, so the authority's end is not known:
 * everything from the first `:` after `//` up to the last `@` that is followed
 * by a host (or ends the text) is masked, which masks too much rather than too
 * little when the path or query holds an `@` too. libpq's `password=` parameter
 * is masked up to the next `&`.
 */
export function maskUrl(url: string): string {
  let masked = url
  const scheme = /^[a-z][a-z0-9+.-]*:\/\//i.exec(url)
  if (scheme) {
    const start = scheme[0].length
    const at = lastHostAt(url, start)
    const colon = url.indexOf(':', start)
    if (at !== -1 && colon !== -1 && colon < at) masked = `${url.slice(0, colon + 1)}***${url.slice(at)}`
  }
  return masked.replace(/([?&]password=)[^&]*/gi, '$1***')
}

/** The index of the last `@` after `from` that a host (a name, an [IPv6] address, or nothing) follows, else -1. */
function lastHostAt(url: string, from: number): number {
  for (let i = url.lastIndexOf('@'); i >= from; i = url.lastIndexOf('@', i - 1)) {
    if (/^@(\[[0-9a-f:.]*\]?|[\w.%-]*)(?=[:/?#,]|$)/i.test(url.slice(i))) return i
    if (i === 0) break
  }
  return -1
}

/** Reads a database URL; anything it cannot use is a ConnectionError naming the (masked) URL. */
export function parseDatabaseUrl(url: string): DatabaseTarget {
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(url)?.[1]?.toLowerCase()
  switch (scheme) {
    case 'postgres':
    case 'postgresql': {
      let parsed: URL
      try {
        parsed = new URL(url)
      } catch {
        // no cause: URL's TypeError keeps the unmasked URL in its `input` property
        throw new ConnectionError(`malformed database URL ${maskUrl(url)}: ${EXPECTED}`)
      }
      if (!parsed.hostname && !parsed.searchParams.get('host')) {
        throw new ConnectionError(`database URL ${maskUrl(url)} names no host: ${EXPECTED}`)
      }
      return { kind: 'pg', connectionString: url }
    }
    case 'sqlite': {
      const path = url.slice('sqlite:'.length).replace(/^\/\//, '')
      if (path === '') throw new ConnectionError(`database URL ${url} names no file: ${EXPECTED}`)
      // 'sqlite::memory' or 'sqlite::memroy:' is a typo, not a file named ':memory'
      if (path.startsWith(':') && path !== ':memory:') {
        throw new ConnectionError(`database URL ${url} is neither a file nor sqlite::memory: (write sqlite::memory: for an in-memory database, sqlite:./${path} for a file)`)
      }
      return { kind: 'sqlite', path }
    }
    case 'pglite': {
      const dir = url.slice('pglite:'.length).replace(/^\/\//, '')
      return { kind: 'pglite', dir: dir === '' || dir === ':memory:' ? undefined : dir }
    }
    default:
      throw new ConnectionError(
        scheme ? `unknown database URL scheme '${scheme}:' in ${maskUrl(url)}: ${EXPECTED}` : `malformed database URL ${maskUrl(url)}: ${EXPECTED}`,
      )
  }
}
