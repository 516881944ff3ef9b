import { describe, expect, it } from 'vitest'
import { parseCreateTable } from '../src/dialect/sqlite/sqlite-create-table.js'

describe('parseCreateTable', () => {
  const parsed = parseCreateTable(`create table "t" (
    "id" integer primary key autoincrement,
    "note" varchar(20) default 'a, (b) autoincrement',
    [odd "name"] text,
    constraint "t_pkey" primary key ("id"),
    constraint "uq_t_note" unique ("note", [odd "name"]),
    constraint "fk_t_note" foreign key ("note") references "u" ("id") on delete cascade,
    constraint "check_t_note" check (note IN ('x)', 'y''s') AND (length(note) > 0)),
    check (id > 0)
  )`)

  it('finds columns, and AUTOINCREMENT only where it is a keyword', () => {
    expect(parsed.columns).toEqual([
      { name: 'id', autoincrement: true },
      { name: 'note', autoincrement: false },
      { name: 'odd "name"', autoincrement: false },
    ])
  })

  it('reads named constraints with balanced parentheses and quoted parentheses', () => {
    expect(parsed.constraints).toEqual([
      { name: 't_pkey', kind: 'primary key', expression: '', columns: ['id'] },
      { name: 'uq_t_note', kind: 'unique', expression: '', columns: ['note', 'odd "name"'] },
      { name: 'fk_t_note', kind: 'foreign key', expression: '', columns: ['note'] },
      { name: 'check_t_note', kind: 'check', expression: "note IN ('x)', 'y''s') AND (length(note) > 0)", columns: [] },
      { name: null, kind: 'check', expression: 'id > 0', columns: [] },
    ])
  })
})
