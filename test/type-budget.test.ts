import { execFileSync } from 'node:child_process'
import { readFileSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'

// The type-checking cost of the generated types: a consumer file that queries 20
// of the 100 tables (test/type-budget/consumer.ts) is checked alone, and its
// instantiation count, a deterministic measure unlike time, must stay within 20%
// of the committed budget. Kysely guards its own types the same way.

const root = resolve(import.meta.dirname, '..')
const budgetFile = join(root, 'test', 'type-budget', 'budget.json')
const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc')

interface Budget {
  instantiations: number
  tolerance: number
}

/** The numbers `tsc --extendedDiagnostics` prints. */
export function readDiagnostics(output: string): { instantiations: number; checkSeconds: number } {
  const instantiations = /^Instantiations:\s+(\d+)/m.exec(output)?.[1]
  const check = /^Check time:\s+([\d.]+)s/m.exec(output)?.[1]
  if (instantiations === undefined || check === undefined) throw new Error(`no diagnostics in tsc output:\n${output}`)
  return { instantiations: Number(instantiations), checkSeconds: Number(check) }
}

/** Null when `count` is within budget, else why not. */
export function overBudget(count: number, budget: Budget): string | null {
  const limit = Math.floor(budget.instantiations * (1 + budget.tolerance))
  return count <= limit
    ? null
    : `${count} instantiations is more than ${limit} (budget ${budget.instantiations} + ${budget.tolerance * 100}%)`
}

describe('type-checking cost of the generated types', () => {
  it('reads the budget rule', () => {
    const budget = { instantiations: 1000, tolerance: 0.2 }
    expect(overBudget(1200, budget)).toBeNull()
    expect(overBudget(1201, budget)).toMatch(/1201 instantiations is more than 1200/)
    expect(readDiagnostics('Files: 3\nInstantiations:  4567\nCheck time: 1.25s\n')).toEqual({ instantiations: 4567, checkSeconds: 1.25 })
  })

  it('a consumer querying 20 tables stays within the instantiation budget', () => {
    const output = execFileSync(process.execPath, [tsc, '--extendedDiagnostics', '-p', 'test/type-budget/tsconfig.json'], {
      cwd: root,
      encoding: 'utf8',
    })
    const { instantiations, checkSeconds } = readDiagnostics(output)
    const budget = JSON.parse(readFileSync(budgetFile, 'utf8')) as Budget
    console.log(`type budget: ${instantiations} instantiations (budget ${budget.instantiations}), check time ${checkSeconds}s`)
    if (process.env.UPDATE_TYPE_BUDGET === '1') {
      writeFileSync(budgetFile, `${JSON.stringify({ ...budget, instantiations }, null, 2)}\n`)
      return
    }
    expect(overBudget(instantiations, budget)).toBeNull()
  })
})
