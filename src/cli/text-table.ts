/**
 * Formats rows as an aligned plain-text table: a header, a rule of dashes under
 * it, then one line per row; columns are separated by two spaces and padded to
 * their widest cell. Columns listed in `alignRight` (by index) are right-aligned.
 *
 * @example
 * formatTable(['name', 'pgy'], [['Ana', '2']])
 * // ['name  pgy', '----  ---', 'Ana   2']
 */
export function formatTable(header: readonly string[], rows: ReadonlyArray<readonly string[]>, alignRight: readonly number[] = []): string[] {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)))
  const line = (cells: readonly string[]) =>
    widths
      .map((w, i) => (alignRight.includes(i) ? (cells[i] ?? '').padStart(w) : (cells[i] ?? '').padEnd(w)))
      .join('  ')
      .trimEnd()
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)]
}
