/**
 * One of several processes writing one SQLite file: `sqlite-writer.ts <url> <name> <ms> <go-file>`.
 * Opens the database, prints `ready`, waits for <go-file>, then for <ms> calls
 * in turn: createPerson (one statement), updatePerson with a PGY change and a
 * user's transaction (both read, then write), createAbsence, and an audited
 * transaction under withAuditContext({ userId: <name> }) that reads, then
 * writes. Prints one JSON line: calls, failures by error class and code, and
 * how many audited transactions committed.
 */
import { withAuditContext } from '../../../src/audit.js'
import { createAbsence, createDatabase, createPerson, updatePerson } from '../../../src/index.js'
import { waitForFile } from './wait-for-file.js'

const [url, name, msText, goFile] = process.argv.slice(2) as [string, string, string, string]
const rdb = await createDatabase(url)
const { db } = rdb
const people = (await db.selectFrom('people').select('id').execute()).map((r) => r.id)
const absences = (await db.selectFrom('absences').select('id').execute()).map((r) => r.id)
let i = 0
let audited = 0
const pick = (ids: string[]) => ids[i % ids.length]!

const operations: Array<() => Promise<unknown>> = [
  () => createPerson(db, { name: `${name} person ${i}`, type: 'resident', pgyLevel: 1 }),
  () => updatePerson(db, { id: pick(people), changes: { pgyLevel: (i % 3) + 1 } }),
  () =>
    createAbsence(db, { personId: pick(people), startDate: '2025-08-01', endDate: '2025-08-03', absenceType: 'conference' }),
  async () => {
    await withAuditContext(db, { userId: name }, async (trx) => {
      const { n } = await trx
        .selectFrom('absences')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
      await trx.updateTable('absences').set({ notes: `${name} saw ${n}` }).where('id', '=', pick(absences)).execute()
    })
    audited++
  },
  () =>
    db.transaction().execute(async (trx) => {
      const person = await trx.selectFrom('people').select(['id', 'name']).where('id', '=', pick(people)).executeTakeFirstOrThrow()
      await trx.updateTable('people').set({ name: `${person.name.slice(0, 60)}.` }).where('id', '=', person.id).execute()
    }),
]

const failures: Record<string, number> = {}
console.log('ready')
await waitForFile(goFile)
const end = Date.now() + Number(msText)
for (; Date.now() < end; i++) {
  try {
    await operations[i % operations.length]!()
  } catch (error) {
    const e = error as Error & { code?: string; cause?: { code?: string } }
    const key = `${e.constructor.name}:${e.code ?? e.cause?.code ?? ''}`
    failures[key] = (failures[key] ?? 0) + 1
  }
}
console.log(JSON.stringify({ name, calls: i, failures, audited }))
await rdb.destroy()
