/**
 * Reads what a CHECK constraint says about one column from PostgreSQL's own
 * rendering of it (`pg_get_constraintdef`): the list of values it allows (an
 * enum, `col IN (…)`, which PostgreSQL shows as `col = ANY (ARRAY[…])`) and the
 * bounds it sets (`BETWEEN a AND b`, shown as `col >= a AND col <= b`).
 * `col IS NULL OR …` is accepted around either. Anything else (two columns, a
 * function) is not understood and left to the database.
 */

/** What one CHECK constraint says about one column. */
export interface ColumnCheck {
  column: string
  /** The only values allowed (strings or numbers). */
  values?: Array<string | number>
  min?: number
  max?: number
  /** Exclusive bounds. */
  gt?: number
  lt?: number
}

// type names PostgreSQL writes in casts that contain a space
const MULTI_WORD_TYPES = [
  'character varying',
  'double precision',
  'timestamp without time zone',
  'timestamp with time zone',
  'time without time zone',
  'time with time zone',
  'bit varying',
]

/** The index after a quoted string that starts at `i` (SQL '' escapes). */
function skipString(text: string, i: number): number {
  let j = i + 1
  for (;;) {
    const q = text.indexOf("'", j)
    if (q < 0) throw new Error(`unterminated string in ${text}`)
    if (text[q + 1] === "'") j = q + 2
    else return q + 1
  }
}

/** Drops every `::type` cast (outside strings). */
export function stripCasts(text: string): string {
  let out = ''
  let i = 0
  while (i < text.length) {
    const ch = text[i]!
    if (ch === "'") {
      const end = skipString(text, i)
      out += text.slice(i, end)
      i = end
    } else if (ch === ':' && text[i + 1] === ':') {
      i += 2
      const rest = text.slice(i).toLowerCase()
      const multi = MULTI_WORD_TYPES.find((t) => rest.startsWith(t) && !/[a-z0-9_]/.test(rest[t.length] ?? ''))
      const name = multi ?? /^"?[a-z_][a-z0-9_]*"?/.exec(rest)?.[0] ?? ''
      i += name.length
      const tail = /^(\(\d+(?:,\s*\d+)?\))?(\[\])*/.exec(text.slice(i))![0]
      i += tail.length
    } else {
      out += ch
      i++
    }
  }
  return out
}

/** The index of the parenthesis closing the one at `open`, or -1. */
function closing(text: string, open: number): number {
  let depth = 0
  for (let i = open; i < text.length; i++) {
    const ch = text[i]
    if (ch === "'") i = skipString(text, i) - 1
    else if (ch === '(') depth++
    else if (ch === ')' && --depth === 0) return i
  }
  return -1
}

/** Removes parentheses around the whole expression. */
function unwrap(text: string): string {
  let t = text.trim()
  while (t.startsWith('(') && closing(t, 0) === t.length - 1) t = t.slice(1, -1).trim()
  return t
}

/** Splits on a keyword (` OR `, ` AND `) at parenthesis depth 0, outside strings. */
function splitTop(text: string, keyword: 'OR' | 'AND'): string[] {
  const parts: string[] = []
  const token = ` ${keyword} `
  let depth = 0
  let start = 0
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]
    if (ch === "'") i = skipString(text, i) - 1
    else if (ch === '(') depth++
    else if (ch === ')') depth--
    else if (depth === 0 && text.startsWith(token, i)) {
      parts.push(text.slice(start, i))
      start = i + token.length
      i += token.length - 1
    }
  }
  parts.push(text.slice(start))
  return parts.map(unwrap)
}

/** Splits a comma-separated list at depth 0, outside strings. */
function splitList(text: string): string[] {
  const items: string[] = []
  let start = 0
  for (let i = 0; i < text.length; i++) {
    if (text[i] === "'") i = skipString(text, i) - 1
    else if (text[i] === ',') {
      items.push(text.slice(start, i).trim())
      start = i + 1
    }
  }
  items.push(text.slice(start).trim())
  return items
}

const IDENT = '"?([a-z_][a-z0-9_]*)"?'
const NUMBER = '(-?\\d+(?:\\.\\d+)?)'

/** A literal of a value list, or undefined when it is not a plain string or number. */
function literal(text: string): string | number | undefined {
  const t = unwrap(text)
  if (/^'(?:[^']|'')*'$/.test(t)) return t.slice(1, -1).replaceAll("''", "'")
  if (new RegExp(`^${NUMBER}$`).test(t)) return Number(t)
  return undefined
}

type Atom = { column: string; isNull: true } | ({ column: string; isNull?: false } & Omit<ColumnCheck, 'column'>)

const FLIP: Record<string, string> = { '>=': '<=', '<=': '>=', '>': '<', '<': '>' }

function bound(column: string, op: string, value: number): Atom {
  switch (op) {
    case '>=':
      return { column, min: value }
    case '<=':
      return { column, max: value }
    case '>':
      return { column, gt: value }
    default:
      return { column, lt: value }
  }
}

/** One comparison, or undefined when it is not one this reader understands. */
function atom(text: string): Atom | undefined {
  const t = unwrap(text)
  let m = new RegExp(`^\\(?${IDENT}\\)? IS NULL$`, 'i').exec(t)
  if (m) return { column: m[1]!, isNull: true }
  // col = ANY (ARRAY[…]) in any parenthesisation
  m = new RegExp(`^\\(?${IDENT}\\)? = ANY \\(*ARRAY\\[(.*)\\]\\)*$`, 'is').exec(t)
  if (m) {
    const values = splitList(m[2]!).map(literal)
    if (values.some((v) => v === undefined)) return undefined
    return { column: m[1]!, values: values as Array<string | number> }
  }
  m = new RegExp(`^\\(?${IDENT}\\)? = (.+)$`, 'is').exec(t)
  if (m) {
    const value = literal(m[2]!)
    return value === undefined ? undefined : { column: m[1]!, values: [value] }
  }
  m = new RegExp(`^\\(?${IDENT}\\)? (>=|<=|>|<) \\(?${NUMBER}\\)?$`, 'i').exec(t)
  if (m) return bound(m[1]!, m[2]!, Number(m[3]))
  m = new RegExp(`^\\(?${NUMBER}\\)? (>=|<=|>|<) \\(?${IDENT}\\)?$`, 'i').exec(t)
  if (m) return bound(m[3]!, FLIP[m[2]!]!, Number(m[1]))
  m = new RegExp(`^\\(?${IDENT}\\)? BETWEEN \\(?${NUMBER}\\)? AND \\(?${NUMBER}\\)?$`, 'i').exec(t)
  if (m) return { column: m[1]!, min: Number(m[2]), max: Number(m[3]) }
  return undefined
}

/** Expands `x BETWEEN a AND b` before the AND split can cut it in two. */
function expandBetween(text: string): string {
  return text.replace(
    new RegExp(`${IDENT} BETWEEN ${NUMBER} AND ${NUMBER}`, 'gi'),
    (_, column: string, low: string, high: string) => `(${column} >= ${low}) AND (${column} <= ${high})`,
  )
}

/**
 * What a CHECK constraint says about a single column, or undefined when it says
 * something else (compares two columns, calls a function, …).
 *
 * @example
 * parseCheck("CHECK (((pgy_level IS NULL) OR ((pgy_level >= 1) AND (pgy_level <= 3))))")
 * // { column: 'pgy_level', min: 1, max: 3 }
 */
export function parseCheck(definition: string): ColumnCheck | undefined {
  const body = /^CHECK\s*\((.*)\)(?:\s+NOT VALID)?$/is.exec(definition.trim())?.[1]
  if (body === undefined) return undefined
  const expression = expandBetween(stripCasts(body))
  const alternatives = splitTop(unwrap(expression), 'OR')
  // `col IS NULL OR <condition on col>`: nullability is the column's own business
  let nullColumn: string | undefined
  const conditions: string[] = []
  for (const alternative of alternatives) {
    const a = atom(alternative)
    if (a?.isNull && nullColumn === undefined) nullColumn = a.column
    else conditions.push(alternative)
  }
  if (conditions.length !== 1) return undefined
  const atoms = splitTop(conditions[0]!, 'AND').map(atom)
  if (atoms.length === 0 || atoms.some((a) => a === undefined || a.isNull)) return undefined
  const column = atoms[0]!.column
  if (atoms.some((a) => a!.column !== column) || (nullColumn !== undefined && nullColumn !== column)) return undefined
  const check: ColumnCheck = { column }
  for (const a of atoms as Array<Exclude<Atom, { isNull: true }>>) {
    if (a.values) check.values = check.values ? check.values.filter((v) => a.values!.includes(v)) : a.values
    if (a.min !== undefined) check.min = check.min === undefined ? a.min : Math.max(check.min, a.min)
    if (a.max !== undefined) check.max = check.max === undefined ? a.max : Math.min(check.max, a.max)
    if (a.gt !== undefined) check.gt = check.gt === undefined ? a.gt : Math.max(check.gt, a.gt)
    if (a.lt !== undefined) check.lt = check.lt === undefined ? a.lt : Math.min(check.lt, a.lt)
  }
  return check
}
