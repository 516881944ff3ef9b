import { expect, it } from 'vitest'
import { startScript } from './support/child-process.js'
import { forEachDriver } from './setup.js'

// destroy() before the first query on db: Kysely closes only a driver it has
// started, so the library must close what createDatabase opened; else a pg
// pool keeps the process alive until its idle timeout, and a SQLite file or a
// PGlite directory stays open. Run in a child process, which must also exit.
forEachDriver('destroy() before any query', ({ driver, persistentTarget }) => {
  it('closes every connection and file that createDatabase opened, and the process exits', async () => {
    const { url } = await persistentTarget()
    const path = driver === 'pg' ? undefined : url.replace(/^(sqlite|pglite):/, '')
    const child = startScript('test/support/destroy-child.ts', path === undefined ? [url] : [url, path])
    const line = await child.waitFor(/^report (.*)$/m, 60_000)
    const report = JSON.parse(line[1]!) as { openFiles: string[] }
    expect(report).toEqual({ openFiles: [] })
    // the process ends by itself: nothing keeps its event loop alive (pg's idle timeout is 10 s)
    const ended = await Promise.race([child.exited, new Promise<'alive'>((resolve) => setTimeout(() => resolve('alive'), 5_000))])
    if (ended === 'alive') child.process.kill('SIGKILL')
    expect(ended).toMatchObject({ code: 0 })
  }, 90_000)
})
