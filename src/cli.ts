#!/usr/bin/env node
import { errorLine } from './cli/error-line.js'
import { runCli } from './cli/run-cli.js'

// `residency-db demo | head`: a reader that stops early ends the run quietly, as SIGPIPE would
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error
  process.exit(process.exitCode ?? 0)
})

try {
  await runCli(process.argv.slice(2))
} catch (error) {
  process.stderr.write(`${errorLine(error)}\n`)
  process.exitCode = 1
}
