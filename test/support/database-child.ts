// A second process on a job database, for tests of what happens when processes share one:
//   tsx test/support/database-child.ts open FILE [WAIT_MS [START_AT]]
//       opens (and migrates) it at the epoch millisecond START_AT, prints the outcome
//   tsx test/support/database-child.ts hold FILE MS          holds its write lock for MS milliseconds
// Prints one line of JSON and exits 0, so the parent reads outcomes, not exit codes.
import Database from 'better-sqlite3'
import { openDatabase } from '../../src/main/database/connection'

const [command, file, milliseconds, startAt] = process.argv.slice(2)
if (!file) throw new Error('usage: database-child open|hold FILE [MS [START_AT]]')

// Processes started one after another are lined up on one instant, so they really collide.
const start = Number(startAt ?? 0)
while (Date.now() < start) {
  // Spinning keeps the start within a millisecond; the wait is short.
}

if (command === 'open') {
  const waits: string[] = []
  try {
    const database = openDatabase(file, {
      openWaitMs:
        milliseconds === undefined || milliseconds === '' ? undefined : Number(milliseconds),
      onWait: (message) => waits.push(message),
    })
    const version = database.pragma('user_version', { simple: true }) as number
    database.close()
    process.stdout.write(`${JSON.stringify({ ok: true, version, waits })}\n`)
  } catch (error) {
    const code = (error as { code?: unknown }).code
    const message = error instanceof Error ? error.message : String(error)
    process.stdout.write(`${JSON.stringify({ ok: false, code, message, waits })}\n`)
  }
} else if (command === 'hold') {
  const database = new Database(file)
  database.exec('BEGIN EXCLUSIVE')
  process.stdout.write(`${JSON.stringify({ holding: true })}\n`)
  setTimeout(() => {
    database.exec('COMMIT')
    database.close()
  }, Number(milliseconds))
} else {
  throw new Error(`unknown command ${command}`)
}
