import { describe, expect, it, vi } from 'vitest'
import { validate, version } from 'uuid'
import { uuidv7 } from '../src/codec/uuid-v7.js'

/** The 48-bit millisecond field of a UUIDv7. */
const msOf = (id: string) => parseInt(id.slice(0, 8) + id.slice(9, 13), 16)

describe('uuidv7', () => {
  it('makes RFC 9562 version 7 ids, variant 10, lower-case, carrying the current millisecond', () => {
    const before = Date.now()
    const ids = Array.from({ length: 5000 }, () => uuidv7())
    const after = Date.now()
    for (const id of ids) {
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
      expect(validate(id) && version(id)).toBe(7)
      expect(msOf(id)).toBeGreaterThanOrEqual(before)
      expect(msOf(id)).toBeLessThanOrEqual(after + 1)
    }
  })

  it('sorts in the order the ids were made, across refills of its random pool, and never repeats', () => {
    const ids = Array.from({ length: 100_000 }, () => uuidv7())
    expect(new Set(ids).size).toBe(ids.length)
    for (let i = 1; i < ids.length; i++) if (!(ids[i - 1]! < ids[i]!)) expect.fail(`id ${i} sorts before id ${i - 1}: ${ids[i - 1]} ${ids[i]}`)
  })

  it('stays in order when the clock steps back', () => {
    const first = uuidv7()
    const spy = vi.spyOn(Date, 'now').mockReturnValue(msOf(first) - 60_000)
    try {
      const later = Array.from({ length: 10 }, () => uuidv7())
      expect([first, ...later]).toEqual([first, ...later].sort())
      expect(later.every((id) => msOf(id) === msOf(first))).toBe(true)
    } finally {
      spy.mockRestore()
    }
  })

  it('draws its random bits afresh: the last 40 bits of ids made in one millisecond (past the counter) differ', () => {
    const spy = vi.spyOn(Date, 'now').mockReturnValue(Date.now() + 3_600_000)
    try {
      const tails = new Set(Array.from({ length: 1000 }, () => uuidv7().slice(26)))
      expect(tails.size).toBe(1000)
    } finally {
      spy.mockRestore()
    }
  })
})
