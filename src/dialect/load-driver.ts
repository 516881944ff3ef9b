import { ConnectionError } from '../errors.js'

/**
 * Imports an optional peer dependency (a database driver), or explains how to
 * install it: the library does not force drivers a user does not use.
 */
export async function loadDriverModule(name: string, url: string): Promise<unknown> {
  try {
    const module = (await import(name)) as { default?: unknown }
    return module.default ?? module
  } catch (error) {
    throw new ConnectionError(`${url} needs the '${name}' package: npm install ${name}`, { cause: error })
  }
}
