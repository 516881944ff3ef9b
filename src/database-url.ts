import { ConnectionError } from './errors.js'

/** The default database when neither an argument nor DATABASE_URL names one. */
export const DEFAULT_DATABASE_URL = 'sqlite:./residency.db'

export type DatabaseTarget =
  | { kind: 'pg'; connectionString: string }
  | { kind: 'sqlite'; path: string }
  | { kind: 'pglite'; dir: string | undefined }

const EXPECTED =
  "expected postgres://user:password@host:port/database, postgresql://…, sqlite:<path>, sqlite::memory:, pglite: (in memory) or pglite:<directory>"

/** The URL with any password replaced by ***, for messages and logs. */
export function maskUrl(url: string): string {
  return (
    url
      // user:password@ — up to the last @ of the authority, as URL parsers read it
      .replace(/^([a-z][a-z0-9+.-]*:\/\/[^:/@]*:)[^/?#]*@/i, '$1***@')
      // libpq's ?password=… parameter
      .replace(/([?&]password=)[^&#]*/gi, '$1***')
  )
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
