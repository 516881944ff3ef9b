/** Where the committed SQL of one migration under one dialect variant lives. */
export function snapshotPath(variant: string, migration: string): URL {
  return new URL(`../../migrations/snapshots/${variant}/${migration}.sql`, import.meta.url)
}
