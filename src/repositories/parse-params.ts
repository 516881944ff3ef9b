import type { z } from 'zod'
import { parseInput } from '../parse-input.js'

/**
 * Validates a function's params object, or throws a ValidationError listing every
 * issue with its field path, before anything reaches the database.
 */
export function parseParams<S extends z.ZodType>(fn: string, schema: S, input: unknown): z.output<S> {
  return parseInput(schema, input, `${fn}: invalid params`)
}

/**
 * A module of parameter schemas, imported on the first call that needs it and
 * kept: the package root loads no zod until a query function validates input.
 */
export function lazySchemas<M>(load: () => Promise<M>): () => Promise<M> {
  let loaded: M | undefined
  let loading: Promise<M> | undefined
  return async () => loaded ?? (loaded = await (loading ??= load()))
}

/**
 * The parameter type of a query function: the input type of its zod schema
 * (one source for the check and the type; the schemas are exported by
 * `residency-db/zod`), array fields accepted read-only (the functions never
 * change them).
 */
export type ParamsInput<S extends z.ZodType> = {
  [K in keyof z.input<S>]: z.input<S>[K] extends infer V ? (V extends (infer E)[] ? readonly E[] : V) : never
}
