import { ResidencyDbError } from '../errors.js'

/**
 * Checks the `chunkSize` of `.stream(chunkSize)`: Kysely passes it to the
 * driver unchecked, and a cursor asked for 0 rows would return every row at once.
 */
export function checkChunkSize(chunkSize: number): void {
  if (!Number.isInteger(chunkSize) || chunkSize < 1) {
    throw new ResidencyDbError(`.stream(chunkSize) takes a positive integer number of rows, not ${String(chunkSize)}`)
  }
}
