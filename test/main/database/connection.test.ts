import { spawn } from 'node:child_process'
import { mkdtemp, rm, stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { AppError } from '../../../src/shared/errors'
import { openDatabase } from '../../../src/main/database/connection'
import { JobRepository } from '../../../src/main/database/job-repository'
import { newUrlJob } from '../../support/job-records'

const child = resolve(import.meta.dirname, '../../support/database-child.ts')
const tsx = resolve(import.meta.dirname, '../../../node_modules/.bin/tsx')

interface ChildLine {
  ok?: boolean
  version?: number
  code?: string
  message?: string
  waits?: string[]
  holding?: boolean
}

/** Runs the database child; resolves with its first line once it printed one. */
function startChild(args: string[]): { firstLine: Promise<ChildLine>; exited: Promise<void> } {
  const process = spawn(tsx, [child, ...args], { stdio: ['ignore', 'pipe', 'inherit'] })
  let output = ''
  const firstLine = new Promise<ChildLine>((resolveLine, reject) => {
    process.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString()
      const end = output.indexOf('\n')
      if (end >= 0) resolveLine(JSON.parse(output.slice(0, end)) as ChildLine)
    })
    process.on('close', (code) => reject(new Error(`child exited ${code} without output`)))
  })
  const exited = new Promise<void>((resolveExit) => process.on('close', () => resolveExit()))
  return { firstLine, exited }
}

let folder: string
beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'vod-database-'))
})
afterEach(async () => {
  await rm(folder, { recursive: true, force: true })
})

describe('openDatabase with several processes', () => {
  it('lets processes that open a new database at the same moment all migrate it once', async () => {
    const file = join(folder, 'jobs.sqlite')
    // Far enough ahead for every child to have started (tsx takes about a second on 2 cores).
    const startAt = String(Date.now() + 4_000)
    const children = Array.from({ length: 6 }, () => startChild(['open', file, '60000', startAt]))
    const outcomes = await Promise.all(children.map((started) => started.firstLine))
    await Promise.all(children.map((started) => started.exited))
    for (const outcome of outcomes) expect(outcome).toMatchObject({ ok: true })
    const versions = new Set(outcomes.map((outcome) => outcome.version))
    expect(versions.size).toBe(1)
    const database = openDatabase(file)
    expect(database.pragma('user_version', { simple: true })).toBe([...versions][0])
    database.close()
  })

  // The holder creates the file and keeps it locked past one busy timeout (5 s), as a process
  // creating the database would: waiting inside SQLite is not enough, the retry around it is.
  it('waits for a database another process keeps locked, says so, and opens it when freed', async () => {
    const file = join(folder, 'jobs.sqlite')
    const holder = startChild(['hold', file, '6500'])
    expect(await holder.firstLine).toEqual({ holding: true })
    const waits: string[] = []
    const started = Date.now()
    const database = openDatabase(file, { onWait: (message) => waits.push(message) })
    database.close()
    await holder.exited
    expect(Date.now() - started).toBeGreaterThan(5_000)
    expect(waits).toHaveLength(1)
    expect(waits[0]).toContain('another VOD Downloader process')
  }, 30_000)

  it('gives up after its bounded wait with DatabaseBusy, not a raw SQLite error', async () => {
    const file = join(folder, 'jobs.sqlite')
    const holder = startChild(['hold', file, '9000'])
    await holder.firstLine
    const opener = startChild(['open', file, '300'])
    const outcome = await opener.firstLine
    expect(outcome.ok).toBe(false)
    expect(outcome.code).toBe('DatabaseBusy')
    expect(outcome.message).toContain('locked by another VOD Downloader process')
    expect(new AppError('DatabaseBusy').toData().messageZh).toContain('数据库')
  }, 30_000)

  it.runIf(process.platform !== 'win32')(
    'creates the database files readable by the user only',
    async () => {
      const file = join(folder, 'jobs.sqlite')
      const database = openDatabase(file)
      database.exec('CREATE TABLE IF NOT EXISTS probe (x)')
      for (const path of [file, `${file}-wal`, `${file}-shm`]) {
        expect((await stat(path)).mode & 0o777).toBe(0o600)
      }
      database.close()
    },
  )
})

describe('transactions that read and then write', () => {
  it('hold the write lock from the start, so another process committing in between waits instead of failing them', () => {
    const file = join(folder, 'jobs.sqlite')
    const database = openDatabase(file)
    const repository = new JobRepository(database)
    const job = repository.insert(
      newUrlJob(folder, { source: { kind: 'url', url: 'http://127.0.0.1/x' }, createdAt: 1 }),
    )
    // Another connection plays the other process; it gives up quickly instead of waiting.
    const other = new Database(file, { timeout: 50 })
    let otherWrite: 'committed' | 'busy' | undefined
    repository.transaction(() => {
      repository.get(job.id)
      try {
        other.prepare('UPDATE jobs SET priority = 5 WHERE id = ?').run(job.id)
        otherWrite = 'committed'
      } catch (error) {
        otherWrite = (error as { code?: string }).code?.startsWith('SQLITE_BUSY')
          ? 'busy'
          : undefined
      }
      // With a deferred transaction this write fails with SQLITE_BUSY_SNAPSHOT.
      repository.update(job.id, { state: 'paused' })
    })
    expect(otherWrite).toBe('busy')
    expect(repository.get(job.id)?.state).toBe('paused')
    other.close()
    database.close()
  })
})
