import { describe, expect, it } from 'vitest'
import type { ColumnDefinition } from '../migrations/support/v1/add-columns.js'
import { versionColumns } from '../migrations/support/v1/version-table.js'
import {
  absencesColumns,
  assignmentsColumns,
  scheduleRunsColumns,
  swapRecordsColumns,
} from '../migrations/support/v1/versioned-columns.js'
import { loadSchemaSpec, type SpecColumn } from './support/schema-spec.js'

const spec = loadSchemaSpec()

/** The frozen column list each audited table was created from. */
const FROZEN: Record<string, readonly ColumnDefinition[]> = {
  absences: absencesColumns,
  assignments: assignmentsColumns,
  schedule_runs: scheduleRunsColumns,
  swap_records: swapRecordsColumns,
}

// `enum` documents the CHECK constraint; the column itself does not carry it
const withoutEnum = ({ enum: _enum, ...column }: SpecColumn) => column

const versionTables = Object.entries(spec.tables).filter(([, t]) => t.versionOf !== undefined)

describe('version tables', () => {
  it('exist for exactly the audited tables, and each has a frozen column list', () => {
    const audited = Object.keys(spec.tables).filter((t) => spec.tables[t]!.versioned).sort()
    expect(versionTables.map(([, t]) => t.versionOf).sort()).toEqual(audited)
    expect(Object.keys(FROZEN).sort()).toEqual(audited)
  })

  for (const [name, table] of versionTables) {
    const parentName = table.versionOf!
    const parent = spec.tables[parentName]!
    const frozen = FROZEN[parentName]!

    it(`${parentName}: the frozen list is the table's columns`, () => {
      expect(frozen).toEqual(parent.columns.map(withoutEnum))
    })

    it(`${name}: keeps every parent column and flags every non-key one`, () => {
      const derived = versionColumns(frozen, parent.primaryKey).map((c) => c.name)
      for (const column of frozen) {
        expect(derived).toContain(column.name)
        if (!parent.primaryKey.includes(column.name)) expect(derived).toContain(`${column.name}_mod`)
      }
    })

    it(`${name}: derives exactly the spec's columns`, () => {
      expect(versionColumns(frozen, parent.primaryKey)).toEqual(table.columns.map(withoutEnum))
    })
  }
})
