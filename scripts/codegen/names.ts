import { camelName } from '../../src/codec/names.js'

/** `people` → `People`, with the codec layer's exact camelCase (digits kept: `oauth2_clients` → `Oauth2Clients`). */
export function pascalName(snake: string): string {
  const camel = camelName(snake)
  return camel[0]!.toUpperCase() + camel.slice(1)
}

// Row type names that would shadow a name users import from Kysely.
const ROW_NAME_OVERRIDES: Record<string, string> = {
  transaction: 'AuditTransaction',
}

function singular(word: string): string {
  if (word === 'people') return 'person'
  if (/[^aeiou]ies$/.test(word)) return `${word.slice(0, -3)}y`
  if (/(ch|sh|ss|x)es$/.test(word)) return word.slice(0, -2)
  if (/[^isu]s$/.test(word)) return word.slice(0, -1)
  return word
}

/**
 * The name of one row of a table: the last word made singular
 * (`people` → `Person`, `swap_records` → `SwapRecord`, `absences_version` →
 * `AbsencesVersion`, `task_history` → `TaskHistory`).
 */
export function rowTypeName(table: string): string {
  const override = ROW_NAME_OVERRIDES[table]
  if (override) return override
  const words = table.split('_')
  words[words.length - 1] = singular(words[words.length - 1]!)
  return pascalName(words.join('_'))
}

/** A property key as TypeScript source: bare when it is an identifier. */
export function propertyKey(name: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(name) ? name : `'${name}'`
}

/** A value as TypeScript source: single-quoted strings, JSON-like arrays and objects. */
export function tsLiteral(value: unknown): string {
  if (typeof value === 'string') return `'${value.replaceAll('\\', '\\\\').replaceAll("'", "\\'").replaceAll('\n', '\\n')}'`
  if (Array.isArray(value)) return `[${value.map(tsLiteral).join(', ')}]`
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).map(([k, v]) => `${propertyKey(k)}: ${tsLiteral(v)}`)
    return entries.length === 0 ? '{}' : `{ ${entries.join(', ')} }`
  }
  return String(value)
}
