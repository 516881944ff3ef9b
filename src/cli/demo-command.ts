import { demoReport } from '../demo/demo-report.js'
import { demoSwapWalkthrough } from '../demo/demo-swap-walkthrough.js'
import { seedDemoProgram } from '../demo/seed-demo-program.js'
import { type CliArgs, OPTIONS_HELP, UsageError } from './cli-args.js'
import { progressPrinter } from './migrate-command.js'
import { withDatabase, type Print } from './with-database.js'

export const DEMO_HELP = `Usage: residency-db demo [--url URL]

Migrates the database to the latest schema, loads a small demo residency
program (academic year 2025: residents, faculty, rotations, three weeks of
assignments, absences, certifications, FMIT swaps) unless it is already there,
and prints what the four core queries answer: a resident's week, one half-day,
certifications expiring within 90 days of 2025-10-01, and a faculty member's
swap history; then walks one swap through its life (request, approval,
execution, rollback). Safe to run again on the same database.

${OPTIONS_HELP}`

/** 'rotationTemplates' → 'rotation templates'. */
function words(camel: string): string {
  return camel.replace(/[A-Z]/g, (c) => ` ${c.toLowerCase()}`)
}

/** `residency-db demo`. */
export async function demoCommand(args: CliArgs, print: Print): Promise<void> {
  if (args.help) return print(DEMO_HELP)
  const extra = args.subcommand ?? args.extra[0]
  if (extra !== undefined) throw new UsageError(`unexpected argument '${extra}' (see residency-db demo --help)`)
  await withDatabase(args, print, async (rdb) => {
    await rdb.migrateToLatest({ onProgress: await progressPrinter(rdb, print) })
    const inserted = await seedDemoProgram(rdb.db)
    const added = Object.entries(inserted).filter(([, n]) => n > 0)
    print(
      added.length === 0
        ? 'demo program already loaded: nothing to add'
        : `loaded demo program: ${added.map(([table, n]) => `${n} ${words(table)}`).join(', ')}`,
    )
    for (const line of await demoReport(rdb.db)) print(line)
    for (const line of await demoSwapWalkthrough(rdb.db)) print(line)
  })
}
