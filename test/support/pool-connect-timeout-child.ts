// Run by test/connect-timeout.test.ts in a child process (a hang fails the test).
//   tsx test/support/pool-connect-timeout-child.ts <postgres url> <connectTimeoutMs>
// A TCP proxy to the server forwards connections until told to fall silent;
// then it accepts and never answers. The pool opens every connection anew
// (maxUses 1): the first query after the proxy falls silent must fail with a
// retryable ConnectionError once the connect timeout has passed.
// Prints one line `report <json>`.
import { connect, createServer, type Socket } from 'node:net'
import { sql } from 'kysely'
import { createDatabase } from '../../src/connect.js'
import { ConnectionError } from '../../src/errors.js'

const [target, timeout] = process.argv.slice(2) as [string, string]
const server = new URL(target)
let silent = false
const sockets = new Set<Socket>()
const proxy = createServer((socket) => {
  sockets.add(socket)
  socket.on('error', () => {})
  if (silent) return
  const upstream = connect(Number(server.port || 5432), server.hostname)
  sockets.add(upstream)
  upstream.on('error', () => socket.destroy())
  socket.pipe(upstream).pipe(socket)
})
await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve))
const url = new URL(target)
url.hostname = '127.0.0.1'
url.port = String((proxy.address() as { port: number }).port)

const rdb = await createDatabase({ url: url.toString(), connectTimeoutMs: Number(timeout), poolSize: 1, maxUses: 1 })
const before = (await sql<{ one: number }>`select 1 as one`.execute(rdb.db)).rows[0]!.one
silent = true
const started = performance.now()
const error = await sql`select 1`.execute(rdb.db).then(
  () => undefined,
  (e: unknown) => e,
)
const elapsedMs = Math.round(performance.now() - started)
console.log(
  `report ${JSON.stringify({
    before,
    connectionError: error instanceof ConnectionError,
    retryable: (error as ConnectionError | undefined)?.retryable,
    message: (error as Error | undefined)?.message,
    elapsedMs,
  })}`,
)
await rdb.destroy()
for (const s of sockets) s.destroy()
proxy.close()
