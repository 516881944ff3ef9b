import type { Kysely } from 'kysely'
import { insertAssignments } from '../../src/repositories/assignments.js'
import { generateAcademicYearBlocks } from '../../src/repositories/blocks.js'
import type { Database } from '../../src/schema/database.js'

/** How many assignments the streaming tests read: about a program's year. */
export const STREAM_ROWS = 100_000

const BLOCKS_PER_YEAR = 730

/**
 * Fills an empty database with `count` assignments through the library's bulk
 * insert (a year of blocks, as many residents as it takes), every assignment
 * with values of each kind the codecs decode: uuids, text, a timestamp, json
 * (an object and an array), floats; its block has a date, a boolean and an
 * integer, its person a text array.
 */
export async function seedAssignments(db: Kysely<Database>, count = STREAM_ROWS): Promise<void> {
  await generateAcademicYearBlocks(db, { academicYear: 2025 })
  const blocks = await db.selectFrom('blocks').select('id').orderBy('date').orderBy('timeOfDay').execute()
  const peopleNeeded = Math.ceil(count / BLOCKS_PER_YEAR)
  const people = await db
    .insertInto('people')
    .values(
      Array.from({ length: peopleNeeded }, (_, i) => ({
        name: `Resident ${i}`,
        type: 'resident' as const,
        pgyLevel: (i % 3) + 1,
        specialties: i % 2 === 0 ? ['peds', `track ${i}`] : null,
      })),
    )
    .returning('id')
    .execute()
  const batch = 10_000
  for (let start = 0; start < count; start += batch) {
    const assignments = []
    for (let n = start; n < Math.min(count, start + batch); n++) {
      const person = people[Math.floor(n / BLOCKS_PER_YEAR)]!
      const block = blocks[n % BLOCKS_PER_YEAR]!
      assignments.push({
        blockId: block.id,
        personId: person.id,
        role: 'primary' as const,
        notes: n % 7 === 0 ? null : `note ${n} é`,
        overrideAcknowledgedAt: n % 5 === 0 ? new Date(Date.UTC(2025, 6, 1, 8, 30, 0, n % 1000)) : null,
        explainJson: { n, tags: ['a', n % 2 === 0], nested: { score: n / 7 } },
        alternativesJson: n % 3 === 0 ? [n, 'x'] : null,
        confidence: n % 11 === 0 ? null : (n % 100) / 100,
        score: n * 0.25,
      })
    }
    await insertAssignments(db, { assignments })
  }
}
