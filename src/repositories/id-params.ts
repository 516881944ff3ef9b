import { isUuid } from '../codec/values.js'

/** Parsed params made of row ids: the required ones, and the nullish ones as given. */
export type IdParams<K extends string, N extends string> = { [P in K]: string } & { [P in N]?: string | null }

/**
 * A quick check, before zod, of a params object made only of row ids (its
 * schema a strict object of `idParam`s and `idParam.nullish()`s): a plain
 * object with every required id, no other key, and each id a UUID gives the
 * params zod would give (the ids lower-cased, a null or undefined nullish id
 * kept as given); anything else gives undefined, and zod then decides and
 * names every issue. A hot path's first step after waiting on the database
 * runs with cold caches, where a zod parse costs tens of microseconds
 * (0.4 µs warm): this check is a few lines. `test/id-params.test.ts` holds it
 * to the schemas it stands in for.
 */
export function idParams<K extends string, N extends string = never>(
  required: readonly K[],
  nullish: readonly N[] = [],
): (input: unknown) => IdParams<K, N> | undefined {
  return (input) => {
    if (typeof input !== 'object' || input === null) return undefined
    const proto: unknown = Object.getPrototypeOf(input)
    if (proto !== Object.prototype && proto !== null) return undefined
    const out: Record<string, string | null | undefined> = {}
    let found = 0
    for (const key in input) {
      const value: unknown = (input as Record<string, unknown>)[key]
      if ((required as readonly string[]).includes(key)) {
        if (!isUuid(value)) return undefined
        found++
      } else if ((nullish as readonly string[]).includes(key)) {
        if (value !== null && value !== undefined && !isUuid(value)) return undefined
      } else return undefined
      out[key] = typeof value === 'string' ? value.toLowerCase() : (value as null | undefined)
    }
    return found === required.length ? (out as IdParams<K, N>) : undefined
  }
}
