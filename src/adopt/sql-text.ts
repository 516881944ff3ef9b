// Comparing SQL expressions as PostgreSQL and SQLite print them back (defaults, CHECKs).

/** Splits text into quoted string literals (kept verbatim) and the code between them. */
export function segments(text: string): { quoted: boolean; text: string }[] {
  const parts: { quoted: boolean; text: string }[] = []
  let i = 0
  while (i < text.length) {
    if (text[i] === "'") {
      let j = i + 1
      while (j < text.length && !(text[j] === "'" && text[j + 1] !== "'")) j += text[j] === "'" ? 2 : 1
      parts.push({ quoted: true, text: text.slice(i, j + 1) })
      i = j + 1
    } else {
      const j = text.indexOf("'", i)
      const end = j < 0 ? text.length : j
      parts.push({ quoted: false, text: text.slice(i, end) })
      i = end
    }
  }
  return parts
}

function wrappedInParentheses(text: string): boolean {
  if (!text.startsWith('(') || !text.endsWith(')')) return false
  let depth = 0
  let position = 0
  for (const part of segments(text)) {
    for (const ch of part.quoted ? '' : part.text) {
      if (ch === '(') depth++
      if (ch === ')') depth--
      // the first parenthesis closing before the last character does not wrap everything
      if (depth === 0 && position < text.length - 1) return false
      position++
    }
    if (part.quoted) position += part.text.length
  }
  return depth === 0
}

/**
 * A default expression reduced for comparison: code lower-cased without
 * whitespace or `::type` casts, string literals untouched, outer parentheses removed.
 * `('pending'::character varying)` → `'pending'`.
 */
export function normaliseExpression(text: string): string {
  let out = segments(text.trim())
    .map((p) =>
      p.quoted
        ? p.text
        : p.text
            .toLowerCase()
            .replace(/\s+/g, '')
            .replace(/::[a-z_][a-z0-9_]*(\(\d+(,\d+)?\))?(\[\])*/g, ''),
    )
    .join('')
  while (wrappedInParentheses(out)) out = out.slice(1, -1)
  return out
}

/** Check expressions as text: whitespace runs outside string literals collapsed. */
export function normaliseCheck(sql: string): string {
  return segments(sql.trim())
    .map((p) => (p.quoted ? p.text : p.text.replace(/\s+/g, ' ')))
    .join('')
}


/**
 * A CHECK expression reduced to what survives PostgreSQL printing it back:
 * `normaliseExpression` without any parentheses or casts. PostgreSQL does not
 * print a CHECK it was given in its own printed form back identically
 * (`(ARRAY['a'::varchar])::text[]` becomes `ARRAY[('a'::varchar)::text]`), so
 * texts that agree here are taken to be the same rule.
 */
export function checkKey(sql: string): string {
  return segments(normaliseExpression(sql))
    .map((p) => (p.quoted ? p.text : p.text.replace(/[()]/g, '')))
    .join('')
}
