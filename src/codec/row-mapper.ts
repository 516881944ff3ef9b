import type { Decoder } from './encoders.js'

/** Builds a result object from a driver's array row. */
export type RowMapper = (row: readonly unknown[]) => Record<string, unknown>

/**
 * Compiles, once per result shape, a function that turns an array row into an
 * object with the given keys, decoding each cell on the way: the same cost as
 * the object literal a person would write by hand. Later duplicate keys win,
 * as they do in the drivers' own object rows.
 */
export function createRowMapper(keys: readonly string[], decoders: readonly (Decoder | undefined)[]): RowMapper {
  const last = new Map<string, number>()
  keys.forEach((key, i) => last.set(key, i))
  const fields: string[] = []
  const used: Decoder[] = []
  for (const [key, i] of last) {
    // a literal `"__proto__": v` would set the prototype; the computed form makes an own key
    const prop = key === '__proto__' ? '["__proto__"]' : JSON.stringify(key)
    const decoder = decoders[i]
    if (decoder) {
      used.push(decoder)
      fields.push(`${prop}: r[${i}] === null ? null : d${used.length - 1}(r[${i}])`)
    } else {
      fields.push(`${prop}: r[${i}]`)
    }
  }
  const params = used.map((_, i) => `d${i}`)
  // eslint-disable-next-line @typescript-eslint/no-implied-eval
  const factory = new Function(...params, `return function mapRow(r) { return { ${fields.join(', ')} } }`)
  return factory(...used) as RowMapper
}
