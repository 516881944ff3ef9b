// Measures the peak RSS of reading every assignment of a seeded database, in a
// process of its own: `stream` reads them with .stream(chunkSize), `execute`
// with execute(). Prints one JSON line: { mode, rows, baselineBytes, peakBytes, baselineLive, peakLive }.
//   stream-rss-child.ts <url> stream|execute <chunkSize>
import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'
import { createDatabase } from '../../src/connect.js'

setFlagsFromString('--expose-gc')
const gc = runInNewContext('gc') as () => void

const [url, mode, chunkArg] = process.argv.slice(2)
if (!url || (mode !== 'stream' && mode !== 'execute')) throw new Error('usage: stream-rss-child.ts <url> stream|execute <chunkSize>')
const chunkSize = Number(chunkArg ?? 1000)

const rdb = await createDatabase({ url })
const query = () => rdb.db.selectFrom('assignments').selectAll().orderBy('id')

// warm up both paths (modules loaded, code compiled, caches filled) on a few rows
await query().limit(2 * chunkSize).execute()
for await (const _ of query().limit(2 * chunkSize).stream(chunkSize));
gc()
await new Promise((resolve) => setTimeout(resolve, 50))
gc()
// live memory (after a full collection: what the process holds, whatever the
// collector's appetite on this Node line) and RSS (reported; a lazy collector
// leaves garbage in it), both as peaks over the read
const live = () => {
  gc()
  const { heapUsed, external } = process.memoryUsage()
  return heapUsed + external
}
const baselineBytes = process.memoryUsage.rss()
const baselineLive = live()
let peakBytes = baselineBytes
let peakLive = baselineLive
const sample = (collect: boolean) => {
  const rss = process.memoryUsage.rss()
  if (rss > peakBytes) peakBytes = rss
  if (collect) peakLive = Math.max(peakLive, live())
}
const sampler = setInterval(() => sample(false), 2)

let rows = 0
if (mode === 'stream') {
  for await (const _ of query().stream(chunkSize)) {
    if (++rows % chunkSize === 0) sample(true)
  }
} else {
  const all = await query().execute()
  sample(true)
  rows = all.length
}
sample(true)
clearInterval(sampler)
await rdb.destroy()
console.log(JSON.stringify({ mode, rows, baselineBytes, peakBytes, baselineLive, peakLive }))
