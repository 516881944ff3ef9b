import type { DialectMigration } from './migration-dialect.js'
import * as users from './20260101T0000-users.js'
import * as core from './20260101T0100-core.js'
import * as credentials from './20260101T0200-credentials.js'
import * as swaps from './20260101T0300-swaps.js'
import * as audit from './20260101T0400-audit.js'
import * as auth from './20260101T0500-auth.js'
import * as notifications from './20260101T0600-notifications.js'
import * as admin from './20260101T0700-admin.js'
import * as resilience from './20260101T0800-resilience.js'
import * as wellness from './20260101T0900-wellness.js'
import * as gameTheory from './20260101T1000-game-theory.js'
import * as ai from './20260101T1100-ai.js'
import * as auditTriggers from './20260101T1200-audit-triggers.js'
import * as absorbSwapUnique from './20261202T0100-absorb-swap-unique.js'

/**
 * Every migration, by name, listed statically because a bundled package cannot
 * discover files on disk. The Migrator runs them in name order, so names start
 * with their timestamp.
 *
 * Frozen: a released migration and the helpers it imports (`support/v1/`) are
 * never edited; `test/migration-sql.test.ts` compares the SQL each emits with
 * the committed snapshots in `migrations/snapshots/`. A change to the schema
 * is a new migration (and, when a helper must change, a new helper version).
 */
export const migrations: Record<string, DialectMigration> = {
  '20260101T0000-users': users,
  '20260101T0100-core': core,
  '20260101T0200-credentials': credentials,
  '20260101T0300-swaps': swaps,
  '20260101T0400-audit': audit,
  '20260101T0500-auth': auth,
  '20260101T0600-notifications': notifications,
  '20260101T0700-admin': admin,
  '20260101T0800-resilience': resilience,
  '20260101T0900-wellness': wellness,
  '20260101T1000-game-theory': gameTheory,
  '20260101T1100-ai': ai,
  '20260101T1200-audit-triggers': auditTriggers,
  '20261202T0100-absorb-swap-unique': absorbSwapUnique,
}
