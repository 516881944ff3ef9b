import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { quickCancelParams } from '../src/repositories/cancel-swap.js'
import { cancelParams } from '../src/repositories/cancel-swap-params.js'
import { quickExecuteParams } from '../src/repositories/execute-swap.js'
import { executeParams } from '../src/repositories/execute-swap-params.js'

const UUID = 'A0B1C2D3-e4f5-4a6b-8c7d-9E0F1a2b3c4d'

/** Values a params field may hold: ids in any case, near-ids, other types. */
const fieldValue = fc.oneof(
  fc.uuid().map((u) => u.toUpperCase()),
  fc.uuid(),
  fc.constantFrom(UUID, `${UUID} `, UUID.slice(1), UUID.replace(/-/g, ''), '', 'not an id', null, undefined, 0, true, [UUID], { id: UUID }),
  fc.string(),
)

const cases = [
  { name: 'executeSwap', quick: quickExecuteParams, schema: executeParams, keys: ['swapId', 'executedById'] },
  { name: 'cancelSwap', quick: quickCancelParams, schema: cancelParams, keys: ['swapId'] },
] as const

describe.each(cases)('$name: the quick id check before zod', ({ quick, schema, keys }) => {
  const params = fc.dictionary(fc.constantFrom(...keys, 'other', 'toString', '__proto__'), fieldValue, { maxKeys: 4 })

  it('gives exactly what zod gives, or leaves the decision to zod', () => {
    fc.assert(
      fc.property(fc.oneof(params, fc.anything()), (input) => {
        const fast = quick(input)
        const parsed = schema.safeParse(input)
        if (fast !== undefined) {
          expect(parsed.success).toBe(true)
          expect(fast).toStrictEqual(parsed.data)
        }
      }),
      { numRuns: 2000 },
    )
  })

  it('takes every well-formed params object itself', () => {
    fc.assert(
      fc.property(fc.uuid(), fc.option(fc.uuid(), { nil: undefined }), fc.boolean(), (id, other, upper) => {
        const input: Record<string, string> = { swapId: upper ? id.toUpperCase() : id }
        if (keys.length > 1 && other !== undefined) input[keys[1]!] = other
        const fast = quick(input)
        expect(fast).toStrictEqual(schema.parse(input))
        expect(fast?.swapId).toBe(id.toLowerCase())
      }),
    )
  })

  it('leaves to zod a missing id, an unknown key, a class instance, an array, a bad id', () => {
    class Params {
      swapId = UUID
    }
    for (const input of [{}, { swapId: UUID, other: 1 }, new Params(), [UUID], { swapId: 'x' }, null, UUID]) {
      expect(quick(input)).toBeUndefined()
    }
    expect(schema.safeParse({ swapId: UUID, other: 1 }).success).toBe(false)
  })
})
