// Run by test/connect-timeout.test.ts in a child process, so that a hang fails
// the test (the parent kills the child) instead of stalling the runner.
//   tsx test/support/connect-timeout-child.ts <url> [<options json>]
// Prints one line `report <json>`: how createDatabase ended and after how long.
import { createDatabase } from '../../src/connect.js'

const [url, json] = process.argv.slice(2) as [string, string | undefined]
const started = performance.now()
let report: Record<string, unknown>
try {
  const rdb = await createDatabase({ url, ...(json ? (JSON.parse(json) as object) : {}) })
  await rdb.destroy()
  report = { opened: true }
} catch (error) {
  report = { opened: false, name: (error as Error).name, message: (error as Error).message }
}
console.log(`report ${JSON.stringify({ ...report, elapsedMs: Math.round(performance.now() - started) })}`)
