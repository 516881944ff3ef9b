/**
 * What SQLite's PRAGMAs do not report about a table, read back from the
 * `CREATE TABLE` text in `sqlite_master`: constraint names, CHECK expressions
 * and AUTOINCREMENT.
 */
export interface ParsedCreateTable {
  columns: { name: string; autoincrement: boolean }[]
  constraints: ParsedConstraint[]
}

export interface ParsedConstraint {
  name: string | null
  kind: 'check' | 'unique' | 'primary key' | 'foreign key'
  /** CHECK: the expression; UNIQUE / PRIMARY KEY / FOREIGN KEY: the local columns. */
  expression: string
  columns: string[]
}

const QUOTES: Record<string, string> = { '"': '"', "'": "'", '`': '`', '[': ']' }

/** Index just past the quoted token that starts at `start`; a doubled closing quote is an escape. */
function skipQuoted(text: string, start: number): number {
  const close = QUOTES[text[start]!]!
  let i = start + 1
  while (i < text.length) {
    if (text[i] === close) {
      if (close !== ']' && text[i + 1] === close) i += 2
      else return i + 1
    } else i++
  }
  return i
}

/** The text inside the parenthesis opening at `open`, with nested parentheses and quotes respected. */
export function balancedGroup(text: string, open: number): { inner: string; end: number } {
  let depth = 0
  let i = open
  while (i < text.length) {
    const ch = text[i]!
    if (ch in QUOTES) {
      i = skipQuoted(text, i)
      continue
    }
    if (ch === '(') depth++
    if (ch === ')' && --depth === 0) return { inner: text.slice(open + 1, i), end: i + 1 }
    i++
  }
  throw new Error(`unbalanced parentheses in: ${text}`)
}

/** Splits on commas that are outside parentheses and quotes. */
function splitTopLevel(text: string): string[] {
  const parts: string[] = []
  let depth = 0
  let start = 0
  let i = 0
  while (i < text.length) {
    const ch = text[i]!
    if (ch in QUOTES) {
      i = skipQuoted(text, i)
      continue
    }
    if (ch === '(') depth++
    else if (ch === ')') depth--
    else if (ch === ',' && depth === 0) {
      parts.push(text.slice(start, i).trim())
      start = i + 1
    }
    i++
  }
  parts.push(text.slice(start).trim())
  return parts.filter((p) => p.length > 0)
}

/** The identifier at the start of `text` (quoted or bare) and what follows it. */
function leadingIdentifier(text: string): { name: string; rest: string } {
  const first = text[0]!
  if (first in QUOTES) {
    const end = skipQuoted(text, 0)
    const close = QUOTES[first]!
    const name = text.slice(1, end - 1).split(close + close).join(close)
    return { name, rest: text.slice(end).trim() }
  }
  const match = /^[^\s(,]+/.exec(text)
  const name = match ? match[0] : ''
  return { name, rest: text.slice(name.length).trim() }
}

function columnList(inner: string): string[] {
  return splitTopLevel(inner).map((part) => leadingIdentifier(part).name)
}

const CONSTRAINT = /^(check|unique|primary\s+key|foreign\s+key)\b/i

function parseConstraint(name: string | null, text: string): ParsedConstraint | null {
  const match = CONSTRAINT.exec(text)
  if (!match) return null
  const kind = match[1]!.toLowerCase().replace(/\s+/, ' ') as ParsedConstraint['kind']
  const open = text.indexOf('(', match[0].length)
  if (open < 0) return null
  const { inner } = balancedGroup(text, open)
  if (kind === 'check') return { name, kind, expression: inner.trim(), columns: [] }
  return { name, kind, expression: '', columns: columnList(inner) }
}

/** Parses the `CREATE TABLE` statement SQLite stored for a table. */
export function parseCreateTable(sql: string): ParsedCreateTable {
  const open = sql.indexOf('(')
  const { inner } = balancedGroup(sql, open)
  const parsed: ParsedCreateTable = { columns: [], constraints: [] }
  for (const item of splitTopLevel(inner)) {
    if (/^constraint\s/i.test(item)) {
      const { name, rest } = leadingIdentifier(item.replace(/^constraint\s+/i, ''))
      const constraint = parseConstraint(name, rest)
      if (constraint) parsed.constraints.push(constraint)
      continue
    }
    const unnamed = parseConstraint(null, item)
    if (unnamed) {
      parsed.constraints.push(unnamed)
      continue
    }
    const { name, rest } = leadingIdentifier(item)
    // string literals removed first, so a default value cannot pass for the keyword
    const bare = rest.replace(/'(?:[^']|'')*'/g, "''")
    parsed.columns.push({ name, autoincrement: /\bautoincrement\b/i.test(bare) })
  }
  return parsed
}
