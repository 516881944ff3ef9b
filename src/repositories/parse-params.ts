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

/** `readonly E[]` for an array type (so a function that never changes an array accepts a read-only one), else `V`. */
type AcceptReadonly<V> = V extends (infer E)[] ? readonly E[] : V

/**
 * The parameter type of a query function: the input type of its zod schema
 * (one source for the check and the type), array fields accepted read-only.
 */
export type ParamsInput<S extends z.ZodType> = { [K in keyof z.input<S>]: AcceptReadonly<z.input<S>[K]> }
