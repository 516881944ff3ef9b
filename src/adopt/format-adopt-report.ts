import type { AdoptReport } from './adopt-database.js'

/** The kind of a change, for the summary, by how its action starts. */
const KINDS: [RegExp, string][] = [
  [/^rename table/, 'rename table'],
  [/^rename column/, 'rename column'],
  [/^create table/, 'create table'],
  [/^add column/, 'add column'],
  [/^change type/, 'change type'],
  [/^(set|drop) default/, 'default'],
  [/^make \S+ an identity/, 'identity'],
  [/^rewrite/, 'enum values'],
  [/_mod flag/, 'history _mod flags'],
  [/NOT NULL$|^allow NULL/, 'NOT NULL'],
  [/^primary key/, 'primary key'],
  [/^add unique/, 'unique'],
  [/^add index/, 'index'],
  [/foreign key/, 'foreign key'],
  [/check /, 'check'],
  [/audit triggers/, 'audit triggers'],
  [/baseline/, 'baseline'],
]
const kindOf = (action: string): string => KINDS.find(([pattern]) => pattern.test(action))?.[1] ?? 'other'

/** The report as lines a person reads: a summary, the changes, what is kept, what stops it. */
export function formatAdoptReport(report: AdoptReport): string[] {
  const lines: string[] = []
  const counts = new Map<string, number>()
  for (const c of report.changes) counts.set(kindOf(c.action), (counts.get(kindOf(c.action)) ?? 0) + 1)
  if (report.changes.length === 0 && report.problems.length === 0) lines.push('nothing to do: the schema is ours and every migration is recorded')
  else {
    lines.push(`${report.changes.length} changes: ${[...counts].map(([kind, n]) => `${kind} ${n}`).join(', ')}`)
    for (const c of report.changes) lines.push(`  ${c.table}: ${c.action}`)
  }
  if (report.notes.length > 0) {
    lines.push(`kept as it is (${report.notes.length}):`)
    for (const n of report.notes) lines.push(`  ${n.table}: ${n.note}`)
  }
  if (report.problems.length > 0) {
    lines.push(`cannot bridge safely (${report.problems.length}): fix these, then run adopt again; nothing was changed`)
    for (const p of report.problems) lines.push(`  ${p.table}: ${p.action}: ${p.rows === undefined ? '' : `${p.rows} `}${p.problem}`)
  }
  return lines
}

/** The bridging migration as one SQL script (what a dry run prints). */
export function adoptSql(report: AdoptReport): string[] {
  const lines = ['BEGIN;']
  for (const c of report.changes) {
    lines.push(`-- ${c.table}: ${c.action}`)
    for (const s of c.sql) lines.push(s.startsWith('--') ? s : `${s};`)
  }
  lines.push('COMMIT;')
  return lines
}
