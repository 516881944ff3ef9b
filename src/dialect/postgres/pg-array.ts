/** PostgreSQL's text form of one-dimensional arrays, both ways. */

/** `['a', 'b "c"']` → `{"a","b \"c\""}`: every element quoted, so no element needs guessing. */
export function toPgArrayLiteral(values: readonly (string | number)[]): string {
  const items = values.map((v) => (typeof v === 'number' ? String(v) : `"${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`))
  return `{${items.join(',')}}`
}

/** Parses a one-dimensional array literal; unquoted NULL is null. */
export function parsePgArray(text: string): (string | null)[] {
  const out: (string | null)[] = []
  if (text.length <= 2) return out
  let i = 1
  const end = text.length - 1
  while (i < end) {
    if (text[i] === '"') {
      let value = ''
      i++
      while (text[i] !== '"') {
        if (text[i] === '\\') i++
        value += text[i]
        i++
      }
      out.push(value)
      i += 2 // closing quote and separator
    } else {
      let next = text.indexOf(',', i)
      if (next === -1 || next > end) next = end
      const raw = text.slice(i, next)
      out.push(raw === 'NULL' ? null : raw)
      i = next + 1
    }
  }
  return out
}
