// made on first use: building a collator loads ICU data, which the first query rarely needs
let collator: Intl.Collator | undefined

/**
 * Orders people's names the way a reader expects (case- and accent-aware),
 * identically on every dialect: SQL `order by name` would follow SQLite's
 * binary collation on one and the server's locale on the other.
 */
export function compareNames(a: string, b: string): number {
  return (collator ??= new Intl.Collator('en')).compare(a, b)
}

/**
 * Orders ids and DATE strings by code unit: for lower-case UUIDs this is
 * PostgreSQL's uuid order, for 'YYYY-MM-DD' the calendar order.
 */
export function compareCodes(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}
