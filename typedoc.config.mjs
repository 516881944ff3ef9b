// TypeDoc (`npm run docs`): the API reference of every entry point that
// package.json "exports" publishes, built from the doc comments into docs/api/.
import { existsSync, readFileSync } from 'node:fs'

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'))

/** The source file of a published entry: ./dist/<name>.js is built from src/<name>.ts or src/<name>/index.ts. */
function sourceOf(subpath, target) {
  const built = typeof target === 'string' ? target : (target.import ?? target.default)
  const name = /^\.\/dist\/(.+)\.js$/.exec(built)?.[1]
  const candidates = name ? [`src/${name}.ts`, `src/${name}/index.ts`] : []
  const source = candidates.find((file) => existsSync(new URL(file, import.meta.url)))
  if (!source) throw new Error(`package.json exports ${subpath} (${built}): no source file to document (tried ${candidates.join(', ')})`)
  return source
}

/** @type {Partial<import('typedoc').TypeDocOptions>} */
export default {
  name: 'residency-db',
  entryPoints: Object.entries(pkg.exports)
    .filter(([subpath]) => subpath !== './package.json')
    .map(([subpath, target]) => sourceOf(subpath, target)),
  out: 'docs/api',
  tsconfig: 'tsconfig.json',
  readme: 'none',
  excludeInternal: true,
  excludePrivate: true,
  excludeProtected: true,
  excludeExternals: true,
  sort: ['source-order'],
  validation: { notExported: true, invalidLink: true, notDocumented: false },
  // a public type that refers to one not exported, or a broken {@link}, fails the build
  treatWarningsAsErrors: true,
  // npm run typecheck checks the types
  skipErrorChecking: true,
  // no "Defined in" source links: the package publishes no repository to link
  // to, and typedoc's guess from the checkout's git remote warned (so failed the
  // build) in a clone without one
  disableSources: true,
}
