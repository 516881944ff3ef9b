import type { Kysely } from 'kysely'
import type { Database } from '../../src/schema/generated/database.js'

export interface BenchData {
  personId: string
  firstDate: string
  addDays(date: string, days: number): string
}

const PEOPLE = 20
const DAYS = 730

function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`)
  d.setUTCDate(d.getUTCDate() + days)
  return d.toISOString().slice(0, 10)
}

/** Two years of half-day blocks and 20 people assigned to every one: 29,200 assignments. */
export async function seedBenchData(db: Kysely<Database>): Promise<BenchData> {
  const firstDate = '2025-07-01'
  const people = await db
    .insertInto('people')
    .values(Array.from({ length: PEOPLE }, (_, i) => ({ name: `Resident ${i + 1}`, type: 'resident', pgyLevel: (i % 3) + 1 })))
    .returning('id')
    .execute()
  const blocks: { id: string }[] = []
  for (let start = 0; start < DAYS; start += 200) {
    const rows = []
    for (let d = start; d < Math.min(DAYS, start + 200); d++) {
      const date = addDays(firstDate, d)
      const weekend = [0, 6].includes(new Date(`${date}T00:00:00Z`).getUTCDay())
      for (const timeOfDay of ['AM', 'PM'] as const) rows.push({ date, timeOfDay, blockNumber: Math.floor(d / 28), isWeekend: weekend })
    }
    blocks.push(...(await db.insertInto('blocks').values(rows).returning('id').execute()))
  }
  await db.transaction().execute(async (trx) => {
    for (const person of people) {
      for (let i = 0; i < blocks.length; i += 400) {
        await trx
          .insertInto('assignments')
          .values(
            blocks.slice(i, i + 400).map((b, k) => ({
              blockId: b.id,
              personId: person.id,
              role: 'primary',
              notes: k % 7 === 0 ? 'clinic' : null,
              explainJson: k % 5 === 0 ? { rule: 'coverage', weight: k } : null,
            })),
          )
          .execute()
      }
    }
  })
  return { personId: people[0]!.id, firstDate, addDays }
}
