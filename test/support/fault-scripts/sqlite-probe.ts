/**
 * Opens a SQLite database, reads a table and writes a row: `sqlite-probe.ts <url>`.
 * Prints one JSON line: the outcome of each step, `"ok"` or the error report.
 */
import { createDatabase } from '../../../src/index.js'
import { describeError, type ErrorReport } from './describe-error.js'

const [url] = process.argv.slice(2) as [string]
const outcome: Record<string, 'ok' | ErrorReport> = {}
try {
  const rdb = await createDatabase(url)
  outcome.open = 'ok'
  try {
    await rdb.db.selectFrom('people').selectAll().execute()
    outcome.read = 'ok'
  } catch (error) {
    outcome.read = describeError(error)
  }
  try {
    await rdb.db.insertInto('people').values({ name: 'probe', type: 'faculty' }).execute()
    outcome.write = 'ok'
  } catch (error) {
    outcome.write = describeError(error)
  }
  await rdb.destroy()
} catch (error) {
  outcome.open = describeError(error)
}
console.log(JSON.stringify(outcome))
