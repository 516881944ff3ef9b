// Run by test/destroy.test.ts in a child process:
//   tsx test/support/destroy-child.ts <url>
// Opens the database, destroys it before any query on db, and prints one line
// `report <json>`: the database files this process still holds; a socket left
// open shows as a process that does not exit.
import { readdirSync, readlinkSync } from 'node:fs'
import { createDatabase } from '../../src/connect.js'

const [url, path] = process.argv.slice(2) as [string, string | undefined]
const rdb = await createDatabase(url)
await rdb.destroy()
const openFiles = readdirSync('/proc/self/fd')
  .map((fd) => {
    try {
      return readlinkSync(`/proc/self/fd/${fd}`)
    } catch {
      return ''
    }
  })
  .filter((target) => path !== undefined && target.startsWith(path))
console.log(`report ${JSON.stringify({ openFiles })}`)
