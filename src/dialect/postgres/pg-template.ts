import type pg from 'pg'
import { maskUrl } from '../../database-url.js'
import { ConnectionError } from '../../errors.js'
import { loadDriverModule } from '../load-driver.js'
import { readPoolerMode } from './pg-pooler.js'

/**
 * Test databases on a PostgreSQL server: a template database migrated once
 * per set of migrations, and per test a database created from it
 * (`CREATE DATABASE … TEMPLATE …`, a file-level copy, no migration run) and
 * dropped after. Every name here starts with TEST_DATABASE_PREFIX.
 */
export const TEST_DATABASE_PREFIX = 'rdbt_'

/** The template database for a migrations hash: a new migration gives a new template. */
export const templateName = (hash: string): string => `${TEST_DATABASE_PREFIX}template_${hash}`

const NAME = /^[a-z_][a-z0-9_]{0,62}$/

function quoted(name: string): string {
  if (!NAME.test(name)) throw new Error(`not a plain database name: ${name}`)
  return `"${name}"`
}

/** `serverUrl` naming database `name` instead (same host, user, options). */
export function databaseUrl(serverUrl: string, name: string): string {
  const url = new URL(serverUrl)
  url.pathname = `/${name}`
  return url.toString()
}

/** Runs `fn` on a short-lived client connected to the database `serverUrl` names; errors say what failed. */
async function withAdmin<T>(serverUrl: string, what: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const masked = maskUrl(serverUrl)
  const { connectionString, mode } = readPoolerMode(serverUrl, undefined, masked)
  if (mode === 'transaction') {
    throw new ConnectionError(`test databases need a direct connection to PostgreSQL, not a transaction-mode pooler (${masked})`)
  }
  const driver = (await loadDriverModule('pg', masked)) as typeof pg
  const client = new driver.Client({ connectionString })
  try {
    await client.connect()
    return await fn(client)
  } catch (error) {
    if (error instanceof ConnectionError) throw error
    const code = (error as { code?: string }).code
    const hint = code === '42501' ? ' (the role needs the CREATEDB privilege)' : ''
    throw new ConnectionError(`cannot ${what} on ${masked}: ${(error as Error).message}${hint}`, { cause: error })
  } finally {
    await client.end().catch(() => {})
  }
}

type TemplateState = 'ready' | 'unfinished' | 'missing'

async function templateState(client: pg.Client, name: string): Promise<TemplateState> {
  const { rows } = await client.query<{ datistemplate: boolean }>('select datistemplate from pg_database where datname = $1', [name])
  if (rows.length === 0) return 'missing'
  return rows[0]!.datistemplate ? 'ready' : 'unfinished'
}

/**
 * Makes sure the template `name` exists and is migrated, building it with
 * `migrate(url)` when it is missing. Safe when several processes (vitest
 * workers) call it at once: the builder holds an advisory lock (keyed by the
 * name) while the others wait for it, and a template counts as built only once
 * it is marked `IS_TEMPLATE` (after the migrations committed), so a build that
 * died half-way is dropped and made again. The finished template refuses
 * connections, which would block copying it.
 */
export async function ensurePgTemplate(serverUrl: string, name: string, migrate: (url: string) => Promise<void>): Promise<void> {
  await withAdmin(serverUrl, `prepare the test template database ${name}`, async (client) => {
    if ((await templateState(client, name)) === 'ready') return
    const key = `residency-db:${name}`
    await client.query('select pg_advisory_lock(hashtext($1))', [key])
    try {
      const state = await templateState(client, name)
      if (state === 'ready') return
      if (state === 'unfinished') await client.query(`drop database if exists ${quoted(name)} with (force)`)
      await client.query(`create database ${quoted(name)}`)
      try {
        await migrate(databaseUrl(serverUrl, name))
        await client.query(`alter database ${quoted(name)} with is_template true allow_connections false`)
      } catch (error) {
        await client.query(`drop database if exists ${quoted(name)} with (force)`).catch(() => {})
        throw error
      }
    } finally {
      await client.query('select pg_advisory_unlock(hashtext($1))', [key])
    }
  })
}

/** Creates database `name` as a copy of `template`; returns its URL. */
export async function createFromTemplate(serverUrl: string, template: string, name: string): Promise<string> {
  await withAdmin(serverUrl, `create test database ${name}`, (client) =>
    client.query(`create database ${quoted(name)} template ${quoted(template)}`),
  )
  return databaseUrl(serverUrl, name)
}

/** Drops database `name`, closing any connection still open to it. */
export async function dropTestDatabase(serverUrl: string, name: string): Promise<void> {
  await withAdmin(serverUrl, `drop test database ${name}`, (client) => client.query(`drop database if exists ${quoted(name)} with (force)`))
}

/**
 * Drops every database whose name starts with TEST_DATABASE_PREFIX (templates
 * and test databases a killed process left behind) and returns their names.
 * Also those of test runs still going: call it when none is.
 */
export async function dropTestDatabasesOn(serverUrl: string): Promise<string[]> {
  return withAdmin(serverUrl, 'drop test databases', async (client) => {
    const { rows } = await client.query<{ datname: string }>(
      `select datname from pg_database where datname like $1 escape '!' order by datname`,
      [`${TEST_DATABASE_PREFIX.replace(/_/g, '!_')}%`],
    )
    for (const { datname } of rows) {
      await client.query(`alter database ${quoted(datname)} with is_template false allow_connections true`)
      await client.query(`drop database if exists ${quoted(datname)} with (force)`)
    }
    return rows.map((r) => r.datname)
  })
}
