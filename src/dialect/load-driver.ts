import { ConnectionError } from '../errors.js'

/**
 * Imports an optional peer dependency, or throws what `missing` makes of the
 * import's failure: the library does not force packages a user does not use.
 */
export async function loadOptionalModule(name: string, missing: (cause: unknown) => Error): Promise<unknown> {
  try {
    const module = (await import(name)) as { default?: unknown }
    return module.default ?? module
  } catch (error) {
    throw missing(error)
  }
}

/** Imports a database driver, or explains how to install it. */
export function loadDriverModule(name: string, url: string): Promise<unknown> {
  return loadOptionalModule(name, (cause) => new ConnectionError(`${url} needs the '${name}' package: npm install ${name}`, { cause }))
}
