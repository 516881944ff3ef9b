/**
 * The generated zod schemas per table (`personSchema`, `newPersonSchema`,
 * `personUpdateSchema`, `tableSchemas`, …) and the validators built on them.
 * A separate entry so that importing `residency-db` never loads zod.
 *
 * @module residency-db/zod
 */

export * from './schema/zod/index.js'
export { parseInput, parseInsert, parseUpdate, type InsertRow, type TableName, type UpdateRow } from './validation.js'
