import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { inspect } from 'node:util'
import { protocol } from '@electric-sql/pglite'
import BetterSqlite3 from 'better-sqlite3'
import type { Kysely } from 'kysely'
import pg from 'pg'
import { beforeAll, describe, expect, it } from 'vitest'
import { createDatabase } from '../src/connect.js'
import { maskUrl } from '../src/database-url.js'
import type { DriverName } from '../src/dialect/dialect.js'
import {
  CheckViolationError,
  ConnectionError,
  ConstraintViolationError,
  ForeignKeyViolationError,
  NotNullViolationError,
  ResidencyDbError,
  StorageError,
  UniqueViolationError,
} from '../src/errors.js'
import type { Database } from '../src/schema/generated/database.js'
import { forEachDriver } from './setup.js'

// Constraint violations on the real schema, once per driver: the library's class,
// what the database names (table, constraint, columns), the driver's error as
// cause, and a database the failed write did not change.

/** What the violation carries, as each driver can tell it. */
interface Expected {
  table?: string
  constraint?: string
  columns?: string[]
}

type ViolationClass = typeof UniqueViolationError

/** The driver's own error class, and its code for each kind of violation. */
const DRIVER_ERROR: Record<DriverName, abstract new (...args: never[]) => Error> = {
  'better-sqlite3': BetterSqlite3.SqliteError,
  pglite: protocol.messages.DatabaseError,
  pg: pg.DatabaseError,
}
const POSTGRES_CODES = { unique: '23505', primaryKey: '23505', foreignKey: '23503', check: '23514', notNull: '23502' }
const CODES: Record<DriverName, Record<keyof typeof POSTGRES_CODES, string>> = {
  'better-sqlite3': {
    unique: 'SQLITE_CONSTRAINT_UNIQUE',
    primaryKey: 'SQLITE_CONSTRAINT_PRIMARYKEY',
    foreignKey: 'SQLITE_CONSTRAINT_FOREIGNKEY',
    check: 'SQLITE_CONSTRAINT_CHECK',
    notNull: 'SQLITE_CONSTRAINT_NOTNULL',
  },
  pglite: POSTGRES_CODES,
  pg: POSTGRES_CODES,
}

/** The same on every driver: what one names, the schema's constraint list completes. */
function everywhere(details: Expected): Record<DriverName, Expected> {
  return { 'better-sqlite3': details, pglite: details, pg: details }
}

/** A foreign key: SQLite's error names nothing of it. */
function foreignKey(details: Expected): Record<DriverName, Expected> {
  return { 'better-sqlite3': {}, pglite: details, pg: details }
}

const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000'

forEachDriver('constraint errors', (ctx) => {
  let db: Kysely<Database>
  let personId: string
  let blockId: string
  let templateId: string

  beforeAll(async () => {
    const rdb = await ctx.open()
    await rdb.migrateToLatest()
    db = rdb.db
    const person = await db.insertInto('people').values({ name: 'Ada', type: 'resident', email: 'ada@example.org', pgyLevel: 1 }).returning('id').executeTakeFirstOrThrow()
    const block = await db.insertInto('blocks').values({ date: '2025-01-15', timeOfDay: 'AM', blockNumber: 1 }).returning('id').executeTakeFirstOrThrow()
    const template = await db.insertInto('rotationTemplates').values({ name: 'Clinic', activityType: 'clinic' }).returning('id').executeTakeFirstOrThrow()
    personId = person.id
    blockId = block.id
    templateId = template.id
    await db.insertInto('assignments').values({ blockId, personId, role: 'primary', rotationTemplateId: templateId }).execute()
  })

  /** Row counts of the tables a violation could touch. */
  const snapshot = async () => {
    const count = async (table: 'people' | 'assignments' | 'rotationTemplates') =>
      Number((await db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n)
    const ada = await db.selectFrom('people').select(['name', 'type', 'email', 'pgyLevel']).where('id', '=', personId).executeTakeFirstOrThrow()
    return { people: await count('people'), assignments: await count('assignments'), templates: await count('rotationTemplates'), ada }
  }

  /** Runs the write, checks the error it raises, and that nothing changed. */
  async function violates(
    write: () => Promise<unknown>,
    Class: ViolationClass,
    code: keyof typeof POSTGRES_CODES,
    details: Record<DriverName, Expected>,
  ): Promise<void> {
    const before = await snapshot()
    const error = await write().then(
      () => undefined,
      (e: unknown) => e,
    )
    expect(error).toBeInstanceOf(Class)
    expect(error).toBeInstanceOf(ConstraintViolationError)
    expect(error).toBeInstanceOf(ResidencyDbError)
    const violation = error as ConstraintViolationError
    expect(violation.name).toBe(Class.name)
    const want = details[ctx.driver]
    expect({ table: violation.table, constraint: violation.constraint, columns: violation.columns }).toEqual({
      table: want.table,
      constraint: want.constraint,
      columns: want.columns,
    })
    expect(violation.cause).toBeInstanceOf(DRIVER_ERROR[ctx.driver])
    expect((violation.cause as { code?: string }).code).toBe(CODES[ctx.driver][code])
    expect(violation.message).toBe((violation.cause as Error).message)
    expect(await snapshot()).toEqual(before)
  }

  it('a duplicate email is a UniqueViolationError (uq_people_email)', () =>
    violates(
      () => db.insertInto('people').values({ name: 'Bea', type: 'resident', email: 'ada@example.org' }).execute(),
      UniqueViolationError,
      'unique',
      everywhere({ table: 'people', constraint: 'uq_people_email', columns: ['email'] }),
    ))

  it('a duplicate primary key is a UniqueViolationError (people_pkey)', () =>
    violates(
      () => db.insertInto('people').values({ id: personId.toUpperCase(), name: 'Bea', type: 'resident' }).execute(),
      UniqueViolationError,
      'primaryKey',
      everywhere({ table: 'people', constraint: 'people_pkey', columns: ['id'] }),
    ))

  it('a duplicate (block, person) is a UniqueViolationError (unique_person_per_block)', () =>
    violates(
      () => db.insertInto('assignments').values({ blockId, personId, role: 'backup' }).execute(),
      UniqueViolationError,
      'unique',
      everywhere({ table: 'assignments', constraint: 'unique_person_per_block', columns: ['block_id', 'person_id'] }),
    ))

  it('a duplicate made by an update is a UniqueViolationError', async () => {
    const other = await db.insertInto('people').values({ name: 'Cy', type: 'faculty', email: 'cy@example.org' }).returning('id').executeTakeFirstOrThrow()
    await violates(
      () => db.updateTable('people').set({ email: 'ada@example.org' }).where('id', '=', other.id).execute(),
      UniqueViolationError,
      'unique',
      everywhere({ table: 'people', constraint: 'uq_people_email', columns: ['email'] }),
    )
  })

  it('an assignment for an unknown person is a ForeignKeyViolationError (fk_assignments_person_id)', () =>
    violates(
      () => db.insertInto('assignments').values({ blockId, personId: UNKNOWN_ID, role: 'backup' }).execute(),
      ForeignKeyViolationError,
      'foreignKey',
      foreignKey({ table: 'assignments', constraint: 'fk_assignments_person_id', columns: ['person_id'] }),
    ))

  it('deleting a referenced rotation template is a ForeignKeyViolationError naming the referencing table', () =>
    violates(
      () => db.deleteFrom('rotationTemplates').where('id', '=', templateId).execute(),
      ForeignKeyViolationError,
      'foreignKey',
      foreignKey({ table: 'assignments', constraint: 'fk_assignments_rotation_template_id', columns: ['rotation_template_id'] }),
    ))

  it("an unknown person type is a CheckViolationError (check_person_type)", () =>
    violates(
      () => db.insertInto('people').values({ name: 'Dee', type: 'visitor' as 'resident' }).execute(),
      CheckViolationError,
      'check',
      everywhere({ table: 'people', constraint: 'check_person_type', columns: ['type'] }),
    ))

  it('an update out of range is a CheckViolationError (check_pgy_level)', () =>
    violates(
      () => db.updateTable('people').set({ pgyLevel: 7 }).where('id', '=', personId).execute(),
      CheckViolationError,
      'check',
      everywhere({ table: 'people', constraint: 'check_pgy_level', columns: ['pgy_level'] }),
    ))

  it('a duplicate username names the unique constraint, not the unique index on the same column', async () => {
    await db.insertInto('users').values({ username: 'ada', email: 'ada@example.org', hashedPassword: 'x', role: 'admin' }).execute()
    await violates(
      () => db.insertInto('users').values({ username: 'ada', email: 'ada2@example.org', hashedPassword: 'x', role: 'admin' }).execute(),
      UniqueViolationError,
      'unique',
      everywhere({ table: 'users', constraint: 'uq_users_username', columns: ['username'] }),
    )
  })

  it('a CHECK whose name two tables share: SQLite names only the constraint', () =>
    violates(
      () => db.updateTable('people').set({ facultyRole: 'dean' as 'pd' }).where('id', '=', personId).execute(),
      CheckViolationError,
      'check',
      {
        'better-sqlite3': { constraint: 'check_faculty_role' },
        pglite: { table: 'people', constraint: 'check_faculty_role', columns: ['faculty_role'] },
        pg: { table: 'people', constraint: 'check_faculty_role', columns: ['faculty_role'] },
      },
    ))

  it('a missing name is a NotNullViolationError naming the column', () =>
    violates(
      () => db.insertInto('people').values({ name: null as never, type: 'resident' }).execute(),
      NotNullViolationError,
      'notNull',
      everywhere({ table: 'people', columns: ['name'] }),
    ))

  it('an update to null is a NotNullViolationError', () =>
    violates(
      () => db.updateTable('people').set({ name: null as never }).where('id', '=', personId).execute(),
      NotNullViolationError,
      'notNull',
      everywhere({ table: 'people', columns: ['name'] }),
    ))

  it('a multi-row insert with one bad row inserts none of them', () =>
    violates(
      () =>
        db
          .insertInto('people')
          .values([
            { name: 'Eve', type: 'resident', email: 'eve@example.org' },
            { name: 'Flo', type: 'resident', email: 'ada@example.org' },
          ])
          .execute(),
      UniqueViolationError,
      'unique',
      everywhere({ table: 'people', constraint: 'uq_people_email', columns: ['email'] }),
    ))

  it('a violation inside a transaction rolls the whole transaction back', () =>
    violates(
      () =>
        db.transaction().execute(async (tx) => {
          await tx.insertInto('people').values({ name: 'Gus', type: 'faculty', email: 'gus@example.org' }).execute()
          await tx.insertInto('people').values({ name: 'Hal', type: 'nobody' as 'resident' }).execute()
        }),
      CheckViolationError,
      'check',
      everywhere({ table: 'people', constraint: 'check_person_type', columns: ['type'] }),
    ))

  it('leaves the connection usable after a violation', async () => {
    await db.insertInto('people').values({ name: 'Ada 2', type: 'resident', email: 'ada@example.org' }).execute().catch(() => {})
    const row = await db.insertInto('people').values({ name: 'Ivy', type: 'resident', email: 'ivy@example.org' }).returning('name').executeTakeFirstOrThrow()
    expect(row).toEqual({ name: 'Ivy' })
  })
})

describe('ConnectionError', () => {
  /** The error createDatabase raises for `url`. */
  const failure = (url: string) => createDatabase(url).then(
    () => expect.unreachable(`${url} opened`),
    (e: unknown) => e as Error,
  )

  it('is raised for a malformed postgres URL, password masked', async () => {
    const error = await failure('postgres://user:secret@[::1')
    expect(error).toBeInstanceOf(ConnectionError)
    expect(error.message).toMatch(/^malformed database URL postgres:\/\/user:\*\*\*@\[::1: expected postgres:\/\//)
    expect(inspect(error, { depth: 10 })).not.toContain('secret')
  })

  it('is raised for text that is no URL', async () => {
    const error = await failure('not a url')
    expect(error).toBeInstanceOf(ConnectionError)
    expect(error.message).toMatch(/^malformed database URL not a url: expected /)
  })

  it('is raised for a postgres URL without a host', async () => {
    const error = await failure('postgres:///residency')
    expect(error).toBeInstanceOf(ConnectionError)
    expect(error.message).toMatch(/names no host/)
  })

  it('is raised for an unknown scheme, password masked', async () => {
    const error = await failure('mysql://root:secret@localhost/residency')
    expect(error).toBeInstanceOf(ConnectionError)
    expect(error.message).toMatch(/^unknown database URL scheme 'mysql:' in mysql:\/\/root:\*\*\*@localhost\/residency/)
    expect(error.message).not.toContain('secret')
  })

  it('is raised for an unreachable server, password masked, driver error as cause', async () => {
    const error = await failure('postgres://user:secret@127.0.0.1:1/x')
    expect(error).toBeInstanceOf(ConnectionError)
    expect(error.message).toMatch(/^cannot reach PostgreSQL at postgres:\/\/user:\*\*\*@127\.0\.0\.1:1\/x: .*ECONNREFUSED/)
    expect(error.message).not.toContain('secret')
    expect(error.cause).toBeInstanceOf(Error)
    expect(inspect(error, { depth: 10 })).not.toContain('secret')
  })

  it('is raised for a SQLite file in a directory that does not exist', async () => {
    const error = await failure('sqlite:/nonexistent-residency-dir/sub/db.sqlite')
    expect(error).toBeInstanceOf(ConnectionError)
    expect(error.message).toMatch(/^cannot open SQLite database sqlite:\/nonexistent-residency-dir\/sub\/db\.sqlite: /)
    // better-sqlite3 raises a TypeError for a missing directory
    expect(error.cause).toBeInstanceOf(Error)
  })

  it('is raised for a sqlite URL without a file', async () => {
    const error = await failure('sqlite:')
    expect(error).toBeInstanceOf(ConnectionError)
    expect(error.message).toMatch(/names no file/)
  })
})

describe('StorageError at open', () => {
  it('is raised (reason corrupt) for a file that is not a SQLite database, and the file is left as it was', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rdb-not-a-db-'))
    const file = join(dir, 'notes.txt')
    writeFileSync(file, 'not a database, just text that happens to be long enough to read a header from')
    const error = (await createDatabase(`sqlite:${file}`).then(
      () => expect.unreachable('opened'),
      (e: unknown) => e,
    )) as StorageError
    expect(error).toBeInstanceOf(StorageError)
    expect(error.reason).toBe('corrupt')
    expect(error.retryable).toBe(false)
    expect(error.message).toMatch(/^cannot open SQLite database sqlite:.*notes\.txt: the file is not a SQLite database.*SQLITE_NOTADB/)
    expect(readFileSync(file, 'utf8')).toMatch(/^not a database/)
    rmSync(dir, { recursive: true, force: true })
  })
})

describe('maskUrl', () => {
  it.each([
    ['postgres://user:secret@host:5432/db', 'postgres://user:***@host:5432/db'],
    ['postgresql://user:se@cret@host/db', 'postgresql://user:***@host/db'],
    ['postgres://host/db?user=u&password=secret&sslmode=require', 'postgres://host/db?user=u&password=***&sslmode=require'],
    ['postgres://user@host/db', 'postgres://user@host/db'],
    ['postgres://host:5432/db', 'postgres://host:5432/db'],
    ['sqlite:./residency.db', 'sqlite:./residency.db'],
  ])('%s → %s', (url, masked) => expect(maskUrl(url)).toBe(masked))
})
