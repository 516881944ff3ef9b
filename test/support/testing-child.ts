/**
 * Child process of test/testing.test.ts: gets a test database for the URL
 * argv[2] with the note service of migration table argv[3] (image
 * cache in argv[4]), starting at the time argv[5] (epoch ms, optional), writes
 * a note and prints `ok <database name>` or `error <message>`.
 */
import { testDatabaseFactory } from '../../src/testing/test-database.js'
import { insert } from '../../src/testing/factories.js'
import { type NoteTables, noteService } from './testing-service.js'

const [url, table, cacheDir, at] = process.argv.slice(2)
await new Promise((resolve) => setTimeout(resolve, Math.max(0, Number(at ?? 0) - Date.now())))
try {
  const t = await testDatabaseFactory<NoteTables>({ url, service: noteService(table!), cacheDir: cacheDir! }).create()
  const person = await insert.person(t.db)
  await t.db.insertInto('testNotes').values({ personId: person.id, body: 'from a child' }).execute()
  await t.destroy()
  console.log(`ok ${t.name ?? t.driver}`)
} catch (error) {
  console.log(`error ${(error as Error).message}`)
}
