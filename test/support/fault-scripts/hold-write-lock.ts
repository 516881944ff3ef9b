/**
 * Holds SQLite's write lock: `hold-write-lock.ts <url> <release-file>` opens the
 * database, begins a transaction that writes, prints `holding`, and commits
 * once <release-file> exists, then prints `released`.
 */
import { createDatabase } from '../../../src/index.js'
import { waitForFile } from './wait-for-file.js'

const [url, releaseFile] = process.argv.slice(2) as [string, string]
const rdb = await createDatabase(url)
await rdb.db.transaction().execute(async (trx) => {
  await trx.insertInto('people').values({ name: 'lock holder', type: 'faculty' }).execute()
  console.log('holding')
  await waitForFile(releaseFile)
})
console.log('released')
await rdb.destroy()
