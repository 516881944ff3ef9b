import { createServer, type Server, type Socket } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runScript } from './support/child-process.js'
import { POSTGRES_URL } from './setup.js'

// A PostgreSQL URL whose server accepts the TCP connection and never writes a
// byte: createDatabase must give up with a ConnectionError once the connect
// timeout has passed, not hang. The server runs here; createDatabase runs in a
// child process (test/support/connect-timeout-child.ts), killed if it hangs, so
// a hang fails the test instead of stalling the runner. The elapsed time is a
// correctness bound (the configured timeout, plus a margin for starting the
// child process and loading the driver), not a speed measurement.

const CHILD = 'test/support/connect-timeout-child.ts'
/** Loading tsx and pg in the child, and a loaded machine. */
const MARGIN_MS = 5_000

let server: Server
let port: number
const sockets = new Set<Socket>()

beforeAll(async () => {
  server = createServer((socket) => {
    // accepted, never answered
    sockets.add(socket)
    socket.on('error', () => {})
    socket.on('close', () => sockets.delete(socket))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  port = (server.address() as { port: number }).port
})

afterAll(async () => {
  for (const s of sockets) s.destroy()
  await new Promise((resolve) => server.close(resolve))
})

interface Report {
  opened: boolean
  name?: string
  message?: string
  elapsedMs: number
}

async function open(query: string, options?: object): Promise<Report> {
  const url = `postgres://someone:s3cret@127.0.0.1:${port}/somedb${query}`
  const result = await runScript(CHILD, options ? [url, JSON.stringify(options)] : [url], {}, 60_000)
  expect(result.signal, `the child hung and was killed; stderr: ${result.stderr}`).toBeNull()
  expect(result.code, result.stderr).toBe(0)
  const line = /^report (.*)$/m.exec(result.stdout)
  expect(line, result.stdout).not.toBeNull()
  return JSON.parse(line![1]!) as Report
}

function expectTimedOut(report: Report, timeoutMs: number): void {
  expect(report.opened).toBe(false)
  expect(report.name).toBe('ConnectionError')
  expect(report.message).toContain(`did not complete the connection within ${timeoutMs} ms`)
  expect(report.message).not.toContain('s3cret')
  // it waited the configured time (pg's timer), and not much longer
  expect(report.elapsedMs).toBeGreaterThanOrEqual(timeoutMs - 50)
  expect(report.elapsedMs).toBeLessThan(timeoutMs + MARGIN_MS)
}

describe('pg: a server that accepts the connection and never answers', () => {
  it.concurrent('?connect_timeout=1 (seconds, as libpq) ends createDatabase with a ConnectionError after 1 s', async () => {
    expectTimedOut(await open('?connect_timeout=1'), 1000)
  })

  it.concurrent('the connectTimeoutMs option wins over the URL', async () => {
    expectTimedOut(await open('?connect_timeout=30', { connectTimeoutMs: 1500 }), 1500)
  })

  it.concurrent('sslmode=prefer (TLS tried first) still ends within the one connect timeout', async () => {
    expectTimedOut(await open('?connect_timeout=1&sslmode=prefer'), 1000)
  })

  it.concurrent('with neither, the default connect timeout of 10 s applies', async () => {
    expectTimedOut(await open(''), 10_000)
  })

  it.concurrent('a connect_timeout that is not a number is a ConnectionError at once', async () => {
    const report = await open('?connect_timeout=soon')
    expect(report.name).toBe('ConnectionError')
    expect(report.message).toMatch(/connect_timeout=soon .* is not a number of seconds/)
  })
})

describe.skipIf(POSTGRES_URL === undefined || new URL(POSTGRES_URL).searchParams.has('pooler'))('pg: the server falls silent after createDatabase', () => {
  it('a connection the pool opens later fails with a retryable ConnectionError after the connect timeout', async () => {
    const result = await runScript('test/support/pool-connect-timeout-child.ts', [POSTGRES_URL!, '1500'], {}, 60_000)
    expect(result.signal, `the child hung and was killed; stderr: ${result.stderr}`).toBeNull()
    expect(result.code, result.stderr).toBe(0)
    const report = JSON.parse(/^report (.*)$/m.exec(result.stdout)![1]!) as { before: number; connectionError: boolean; retryable: boolean; message: string; elapsedMs: number }
    expect(report.before).toBe(1)
    expect(report.connectionError, report.message).toBe(true)
    expect(report.retryable).toBe(true)
    expect(report.message).toMatch(/did not complete a new connection within the connect timeout.*may be retried/)
    expect(report.elapsedMs).toBeGreaterThanOrEqual(1450)
    expect(report.elapsedMs).toBeLessThan(1500 + MARGIN_MS)
  })
})
