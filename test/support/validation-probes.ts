import { expect } from 'vitest'
import { ValidationError } from '../../src/errors.js'
import type { Executor } from '../../src/index.js'

/** An executor that fails the test if a function touches it: validation must come first. */
export const untouchable = new Proxy(
  {},
  {
    get() {
      throw new Error('the database was touched')
    },
  },
) as Executor

/** The field paths of the ValidationError `promise` rejects with. */
export async function issuePaths(promise: Promise<unknown>): Promise<string[]> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  )
  expect(error).toBeInstanceOf(ValidationError)
  return (error as ValidationError).issues.map((i) => i.path.join('.'))
}
