// One cold start of the library: import the built package, open a SQLite file,
// run one query, print how long it took since the process started and its peak RSS.
const { createDatabase } = await import('../../../dist/index.js')
const rdb = await createDatabase(`sqlite:${process.argv[2]}`)
const rows = await rdb.db
  .selectFrom('assignments')
  .innerJoin('blocks', 'blocks.id', 'assignments.blockId')
  .select(['assignments.id', 'assignments.role', 'assignments.createdAt', 'blocks.date', 'blocks.timeOfDay'])
  .where('blocks.date', '>=', '2025-07-01')
  .orderBy('blocks.date')
  .limit(60)
  .execute()
const ms = performance.now()
console.log(JSON.stringify({ ms, rows: rows.length, maxRssKiB: process.resourceUsage().maxRSS }))
await rdb.destroy()
