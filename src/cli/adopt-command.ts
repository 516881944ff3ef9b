import { adoptDatabase } from '../adopt/adopt-database.js'
import { adoptSql, formatAdoptReport } from '../adopt/format-adopt-report.js'
import type { ResidencyDatabase } from '../connect.js'
import { MigrationError } from '../errors.js'
import type { CliArgs } from './cli-args.js'
import type { Print } from './with-database.js'

/**
 * `residency-db migrate adopt [--dry-run]`: prints the report; with --dry-run
 * also the bridging migration's SQL, changing nothing. A refusal (data in the
 * way) prints the report and fails.
 */
export async function adoptCommand(rdb: ResidencyDatabase, print: Print, args: CliArgs): Promise<void> {
  const report = await adoptDatabase(rdb, { dryRun: args.dryRun })
  for (const line of formatAdoptReport(report)) print(line)
  if (report.problems.length > 0) {
    throw new MigrationError(`adopt refused: ${report.problems.length} change(s) cannot be made safely (listed above); nothing was changed`, undefined)
  }
  if (args.dryRun) {
    if (report.changes.length > 0) {
      print('-- the bridging migration (dry run: nothing was changed):')
      for (const line of adoptSql(report)) print(line)
    }
    return
  }
  if (report.applied) print(`adopted: ${report.changes.length} changes committed in one transaction; migrate latest goes on from here`)
}
