/**
 * Names the original backend's Alembic migrations gave to what our schema
 * calls otherwise (see shared/schema decisions). A rename is applied only when
 * the old name exists and the new one does not.
 */
export const TABLE_RENAMES: Readonly<Record<string, string>> = {
  // SQLAlchemy-Continuum named the history table after the model (Absence), not the table
  absence_version: 'absences_version',
}

/** Per table (our name): old column name → ours. */
export const COLUMN_RENAMES: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  // `metadata` is reserved on SQLAlchemy models; the model's attribute was event_metadata
  resilience_events: { metadata: 'event_metadata' },
}
