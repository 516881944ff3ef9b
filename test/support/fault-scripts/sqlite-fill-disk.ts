/**
 * Writes into a SQLite database until its storage is full: `sqlite-fill-disk.ts <url> <limit>`,
 * <limit> `disk` when the file system itself is nearly full, `pages` to cap the
 * file with `PRAGMA max_page_count` a few pages above its size (SQLITE_FULL the
 * same way, without a small file system). Prints one JSON line: the error of a
 * transaction that fills the disk, of a single large insert, and of a
 * transaction that swallows the fault and writes on; the row counts before and
 * after; `PRAGMA integrity_check`.
 */
import { sql } from 'kysely'
import { createDatabase, createPerson } from '../../../src/index.js'
import { describeError, type ErrorReport } from './describe-error.js'

const [url, limit] = process.argv.slice(2) as [string, 'disk' | 'pages']
const rdb = await createDatabase(url)
const { db } = rdb
const person = await createPerson(db, { name: 'Absent', type: 'resident', pgyLevel: 1 })
if (limit === 'pages') {
  const { rows } = await sql<{ pageCount: number }>`pragma page_count`.execute(db)
  await sql.raw(`pragma max_page_count = ${rows[0]!.pageCount + 20}`).execute(db)
}

const counts = async () => {
  const n = async (table: 'absences' | 'people' | 'absencesVersion' | 'transaction') =>
    Number((await db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n)
  return { absences: await n('absences'), people: await n('people'), versions: await n('absencesVersion'), transactions: await n('transaction') }
}
const outcome = async (run: () => Promise<unknown>): Promise<'ok' | ErrorReport> =>
  run().then(
    () => 'ok' as const,
    (error: unknown) => describeError(error),
  )
// audited rows of 2 kB each: far more than the space left
const fill = async (trx: typeof db) => {
  for (let i = 0; i < 20_000; i++) {
    await trx
      .insertInto('absences')
      .values({ personId: person.id, startDate: '2025-07-01', endDate: '2025-07-02', absenceType: 'vacation', notes: `${i} ${'x'.repeat(2000)}` })
      .execute()
  }
}

const before = await counts()
const transaction = await outcome(() => db.transaction().execute(fill))
const single = await outcome(() =>
  db
    .insertInto('absences')
    .values({ personId: person.id, startDate: '2025-07-01', endDate: '2025-07-02', absenceType: 'vacation', notes: 'x'.repeat(8_000_000) })
    .execute(),
)
const swallowed = await outcome(() =>
  db.transaction().execute(async (trx) => {
    await trx.insertInto('people').values({ name: 'before the fault', type: 'faculty' }).execute()
    await fill(trx).catch(() => {})
    // SQLite rolled the transaction back: this must not be committed on its own
    await trx.insertInto('people').values({ name: 'after the fault', type: 'faculty' }).execute()
  }),
)
const after = await counts()
const { rows } = await sql<{ integrityCheck: string }>`pragma integrity_check`.execute(db)
console.log(JSON.stringify({ before, transaction, single, swallowed, after, integrity: rows.map((r) => r.integrityCheck) }))
await rdb.destroy()
