/**
 * Child process of test/swap-concurrency.test.ts: opens the SQLite file
 * argv[2], waits until the time argv[4] (epoch ms) and executes swap argv[3];
 * prints `result executed` or `result <error class>`.
 */
import { createDatabase } from '../../src/connect.js'
import { executeSwap } from '../../src/repositories/execute-swap.js'

const [file, swapId, at] = process.argv.slice(2)
const rdb = await createDatabase(`sqlite:${file}`)
await rdb.db.selectFrom('swapRecords').select('id').execute()
console.log('ready')
await new Promise((resolve) => setTimeout(resolve, Math.max(0, Number(at) - Date.now())))
try {
  await executeSwap(rdb.db, { swapId: swapId! })
  console.log('result executed')
} catch (error) {
  console.log(`result ${(error as Error).name} ${(error as Error).message}`)
}
await rdb.destroy()
