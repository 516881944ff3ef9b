import { randomBytes } from 'node:crypto'
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { maskUrl, parseDatabaseUrl } from '../database-url.js'
import { ConnectionError } from '../errors.js'
import type { DatabaseImage, DriverName } from './dialect.js'
import { createFromTemplate, dropTestDatabase, ensurePgTemplate, TEST_DATABASE_PREFIX, templateName } from './postgres/pg-template.js'

/** One migrated database for one test: how to open it, and what removes it once it is closed. */
export interface TestCopy {
  readonly driver: DriverName
  /** The URL to open (createDatabase's `url`). */
  readonly url: string
  /** In-memory drivers: the migrated image the copy starts from (createDatabase's `image`). */
  readonly image?: DatabaseImage
  /** PostgreSQL: the copy's database name on the server. */
  readonly name?: string
  /** Removes the copy (PostgreSQL: drops its database); call after its connections are closed. */
  dispose(): Promise<void>
}

/** Makes migrated copies of one kind of database, migrating only once. */
export interface TestCopySource {
  /** Migrates the original (a template database, or an image) if that was not done yet. */
  prepare(): Promise<void>
  /** A new copy of the migrated original. */
  copy(): Promise<TestCopy>
}

export interface TestCopySourceOptions {
  /** `sqlite::memory:`, `pglite:` or `postgres://…` (a database on the server to connect to for creating the others). */
  url: string
  /** The migrations' hash (a new migration, a new template or image). */
  hash: string
  /**
   * Migrates the fresh, empty database at `url`; with `snapshot`, returns its
   * image (`createDatabase(…).snapshot()`), for in-memory drivers.
   */
  migrate(url: string, snapshot: boolean): Promise<DatabaseImage | undefined>
  /** Where images are kept between processes (false: only in this process). */
  cacheDir: string | false
}

// per process: the migrated originals already made, by driver and hash
const images = new Map<string, Promise<DatabaseImage>>()
const templates = new Map<string, Promise<void>>()
let copies = 0

/** A source of migrated copies for the database `options.url` names. */
export function testCopySource(options: TestCopySourceOptions): TestCopySource {
  const target = parseDatabaseUrl(options.url)
  const masked = maskUrl(options.url)
  switch (target.kind) {
    case 'sqlite':
      if (target.path !== ':memory:') throw notInMemory(masked)
      return imageSource('better-sqlite3', 'sqlite::memory:', options, (image) => image)
    case 'pglite':
      if (target.dir !== undefined) throw notInMemory(masked)
      return imageSource('pglite', 'pglite:', options, (image) => new Blob([image]))
    case 'pg':
      return templateSource(options)
  }
}

function notInMemory(url: string): ConnectionError {
  return new ConnectionError(
    `test databases are copies made in memory or on a PostgreSQL server: use sqlite::memory:, pglite: or postgres://…, not ${url}`,
  )
}

/**
 * In-memory drivers: migrate one database, keep its image, open each copy
 * from the image (better-sqlite3 deserializes it, PGlite loads the data
 * directory's tarball). The image is also kept in `cacheDir` for the next
 * processes and test files (vitest gives each its own modules).
 */
function imageSource(
  driver: 'better-sqlite3' | 'pglite',
  url: string,
  options: TestCopySourceOptions,
  fromFile: (bytes: Buffer) => DatabaseImage,
): TestCopySource {
  const key = `${driver}:${options.hash}`
  const fileName = driver === 'pglite' ? `pglite-${pgliteVersion()}-${options.hash}.tar` : `sqlite-${options.hash}.db`
  const cacheFile = options.cacheDir === false ? undefined : join(options.cacheDir, fileName)
  const prepare = () => {
    let image = images.get(key)
    if (!image) {
      image = loadOrMake(cacheFile, fromFile, async () => (await options.migrate(url, true))!)
      images.set(key, image)
      image.catch(() => images.delete(key))
    }
    return image
  }
  return {
    prepare: async () => {
      await prepare()
    },
    copy: async () => ({ driver, url, image: await prepare(), dispose: async () => {} }),
  }
}

async function loadOrMake(file: string | undefined, fromFile: (bytes: Buffer) => DatabaseImage, make: () => Promise<DatabaseImage>): Promise<DatabaseImage> {
  if (file !== undefined) {
    try {
      return fromFile(readFileSync(file))
    } catch {
      // not made yet
    }
  }
  const image = await make()
  if (file !== undefined) {
    // written whole, then renamed: a process reading it never sees half a file
    const bytes = image instanceof Blob ? new Uint8Array(await image.arrayBuffer()) : image
    const partial = `${file}.${process.pid}.partial`
    try {
      mkdirSync(dirname(file), { recursive: true })
      writeFileSync(partial, bytes)
      renameSync(partial, file)
    } catch {
      rmSync(partial, { force: true })
    }
  }
  return image
}

/** PGlite's version, for the cache file's name: another PGlite may not read this one's data directory. */
function pgliteVersion(): string {
  try {
    const require = createRequire(import.meta.url)
    let dir = dirname(require.resolve('@electric-sql/pglite'))
    for (let i = 0; i < 4; i++, dir = dirname(dir)) {
      try {
        const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: string; version?: string }
        if (pkg.name === '@electric-sql/pglite' && pkg.version) return pkg.version
      } catch {
        // no package.json at this level
      }
    }
  } catch {
    // not installed: createDatabase says so
  }
  return 'unknown'
}

/** PostgreSQL: a template database per migrations hash, and per test a database created from it. */
function templateSource(options: TestCopySourceOptions): TestCopySource {
  const template = templateName(options.hash)
  const key = `${new URL(options.url).host}/${template}`
  const prepare = () => {
    let ready = templates.get(key)
    if (!ready) {
      ready = ensurePgTemplate(options.url, template, async (url) => {
        await options.migrate(url, false)
      })
      templates.set(key, ready)
      ready.catch(() => templates.delete(key))
    }
    return ready
  }
  return {
    prepare,
    copy: async () => {
      await prepare()
      const name = `${TEST_DATABASE_PREFIX}${options.hash.slice(0, 8)}_${process.pid}_${++copies}_${randomBytes(3).toString('hex')}`
      const url = await createFromTemplate(options.url, template, name)
      return { driver: 'pg', url, name, dispose: () => dropTestDatabase(options.url, name) }
    },
  }
}
