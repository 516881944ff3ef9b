import type { Kysely } from 'kysely'
import { beforeAll, expect, it } from 'vitest'
import {
  certificationStatus,
  markReminderSent,
  NotFoundError,
  refreshCertificationStatuses,
  renewCertification,
  ValidationError,
  type Database,
} from '../src/index.js'
import { forEachDriver } from './setup.js'
import { rejection } from './support/rejection.js'
import { AS_OF, id, loadFixture } from './support/repository-fixture.js'

const cert = (who: string, type: string) => id('person_certifications', `${who} ${type}`)
const missing = id('person_certifications', 'nobody')

forEachDriver('certification writes', (ctx) => {
  let db: Kysely<Database>
  const row = (certId: string) => db.selectFrom('personCertifications').selectAll().where('id', '=', certId).executeTakeFirstOrThrow()

  beforeAll(async () => {
    const rdb = await ctx.open()
    await rdb.migrateToLatest()
    db = rdb.db
    await loadFixture(db)
  })

  it('renewCertification stores the new dates, recomputes the status and clears all five reminders', async () => {
    const zoe = cert('zoe', 'BLS')
    expect((await row(zoe)).reminder180Sent).not.toBeNull()
    const renewed = await renewCertification(db, { id: zoe, issuedDate: '2028-02-01', expirationDate: '2030-03-30', asOf: AS_OF })
    expect(renewed).toMatchObject({
      issuedDate: '2028-02-01',
      expirationDate: '2030-03-30',
      status: 'current',
      reminder180Sent: null,
      reminder90Sent: null,
      reminder30Sent: null,
      reminder14Sent: null,
      reminder7Sent: null,
    })
    expect(await row(zoe)).toEqual(renewed)
    const soon = await renewCertification(db, { id: cert('fay', 'BLS'), issuedDate: '2028-02-01', expirationDate: '2028-06-01', asOf: AS_OF })
    expect(soon.status).toBe('expiring_soon')
    expect(soon.reminder7Sent).toBeNull()
  })

  it('renewCertification refuses an expiration before the issue date and a missing certification', async () => {
    const params = { id: cert('ana', 'BLS'), issuedDate: '2028-03-01', expirationDate: '2028-02-01' }
    expect(await rejection(renewCertification(db, params))).toBeInstanceOf(ValidationError)
    const gone = await rejection(renewCertification(db, { id: missing, issuedDate: '2028-01-01', expirationDate: '2030-01-01' }))
    expect(gone).toBeInstanceOf(NotFoundError)
  })

  it('markReminderSent marks one threshold and is idempotent', async () => {
    const adam = cert('adam', 'PALS')
    const first = new Date('2028-02-29T09:00:00.000Z')
    const marked = await markReminderSent(db, { id: adam, days: 30, sentAt: first })
    expect(marked.reminder30Sent).toEqual(first)
    expect([marked.reminder180Sent, marked.reminder90Sent, marked.reminder14Sent, marked.reminder7Sent]).toEqual([null, null, null, null])
    const again = await markReminderSent(db, { id: adam, days: 30, sentAt: new Date('2028-03-01T09:00:00.000Z') })
    expect(again).toEqual(marked)
    expect(await rejection(markReminderSent(db, { id: adam, days: 60 as 30 }))).toBeInstanceOf(ValidationError)
    expect(await rejection(markReminderSent(db, { id: missing, days: 7 }))).toBeInstanceOf(NotFoundError)
  })

  it('refreshCertificationStatuses changes exactly the rows whose status disagrees, in one statement, and then every row agrees', async () => {
    await db.updateTable('personCertifications').set({ status: 'pending' }).where('id', '=', cert('rob', 'NRP')).execute()
    const before = await db.selectFrom('personCertifications').selectAll().execute()
    const disagree = before.filter((c) => c.status !== certificationStatus({ expirationDate: c.expirationDate, asOf: AS_OF }))
    expect(disagree.length).toBeGreaterThan(1)
    expect(await refreshCertificationStatuses(db, { asOf: AS_OF })).toBe(disagree.length)
    const after = await db.selectFrom('personCertifications').selectAll().execute()
    for (const c of after) expect(c.status, c.id).toBe(certificationStatus({ expirationDate: c.expirationDate, asOf: AS_OF }))
    for (const c of before.filter((b) => !disagree.includes(b))) expect(after.find((a) => a.id === c.id)).toEqual(c)
    expect(await refreshCertificationStatuses(db, { asOf: AS_OF })).toBe(0)
    // a year later everything in the fixture has expired
    expect(await refreshCertificationStatuses(db, { asOf: '2031-01-01' })).toBe(after.filter((c) => c.status !== 'expired').length)
  })
})
