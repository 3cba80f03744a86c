import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openDatabase, type SqliteDatabase } from '../../../src/main/database/connection'
import {
  JobRepository,
  type JobRecord,
  type NewJobRecord,
} from '../../../src/main/database/job-repository'
import {
  JobScheduler,
  queueHeadSize,
  type LaneMember,
} from '../../../src/main/engine/job-scheduler'
import { newUrlJob } from '../../support/job-records'

let folder: string
let database: SqliteDatabase
let repository: JobRepository

beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'vod-scheduler-'))
  database = openDatabase(join(folder, 'jobs.sqlite'))
  repository = new JobRepository(database)
})
afterEach(async () => {
  database.close()
  await rm(folder, { recursive: true, force: true })
})

const smallFileBytes = 1024 * 1024

function job(size: number, overrides: Partial<NewJobRecord> = {}): NewJobRecord {
  return newUrlJob(folder, {
    source: { kind: 'url', url: `https://cdn.example/${size}.bin` },
    connections: 4,
    expectedSize: size,
    ...overrides,
  })
}

/**
 * A scheduler over the real job table. Starting a job claims its row the way the job manager
 * does (only if it is still queued); `finish` ends a running job. Reads of the queue's head
 * are counted.
 */
function harness(
  options: { maxConcurrentJobs?: number; smallLimit?: number; only?: readonly number[] } = {},
) {
  const running = new Map<number, LaneMember>()
  const started: number[] = []
  let reads = 0
  let transactions = 0
  const scheduler = new JobScheduler({
    queue: {
      queuedRecords: (limit, among) => {
        reads += 1
        return repository.queuedRecords(limit, among)
      },
    },
    running,
    settings: { maxConcurrentJobs: options.maxConcurrentJobs ?? 2, smallFileBytes },
    smallLimit: () => options.smallLimit ?? 4,
    scope: () => options.only,
    together: (work) => {
      transactions += 1
      repository.transaction(work)
    },
    launch: (record: JobRecord, small) => {
      const current = repository.get(record.id)
      if (current?.state !== 'queued') return false
      repository.update(record.id, { state: 'downloading' })
      running.set(record.id, { small })
      started.push(record.id)
      return true
    },
  })
  const finish = (id: number): void => {
    repository.update(id, { state: 'completed' })
    running.delete(id)
    scheduler.fillSlots()
  }
  return {
    scheduler,
    running,
    started,
    finish,
    reads: () => reads,
    transactions: () => transactions,
  }
}

describe('JobScheduler', () => {
  it('starts hundreds of small files in queue order from a few reads of the queue', () => {
    const ids = repository.insertMany(Array.from({ length: 600 }, () => job(64 * 1024)))
    const { scheduler, running, started, finish, reads } = harness()
    scheduler.fillSlots()
    expect(started).toEqual(ids.slice(0, 4).map((record) => record.id))
    while (running.size > 0) finish([...running.keys()][0] as number)
    expect(started).toEqual(ids.map((record) => record.id))
    // One read per head of 256 (the last one short), not one per finished file.
    expect(reads()).toBe(Math.ceil(600 / queueHeadSize))
  })

  it('sees a job added with a higher priority once told the queue changed', () => {
    repository.insertMany(Array.from({ length: 10 }, () => job(64 * 1024)))
    const { scheduler, running, started, finish } = harness({ smallLimit: 1 })
    scheduler.fillSlots()
    const [urgent] = repository.insertMany([job(64 * 1024, { priority: 5 })])
    scheduler.queueChanged()
    finish([...running.keys()][0] as number)
    expect(started.at(-1)).toBe(urgent?.id)
  })

  it('drops a job that was paused after the head was read and starts the next one', () => {
    const ids = repository.insertMany(Array.from({ length: 3 }, () => job(64 * 1024)))
    const { scheduler, running, started, finish } = harness({ smallLimit: 1 })
    scheduler.fillSlots()
    // Another process pauses the second job; the scheduler's copy still lists it as queued.
    repository.update(ids[1]?.id as number, { state: 'paused' })
    finish([...running.keys()][0] as number)
    expect(started).toEqual([ids[0]?.id, ids[2]?.id])
  })

  it('reads further when its copy has only large jobs left that the busy large lane cannot take', () => {
    // Large jobs waiting in the copy of the head must not hide the small files queued after it.
    const large = repository.insertMany(Array.from({ length: 10 }, () => job(64 * 1024 * 1024)))
    const small = repository.insertMany(
      Array.from({ length: queueHeadSize + 40 }, () => job(64 * 1024)),
    )
    const { scheduler, running, started, finish } = harness({ maxConcurrentJobs: 1, smallLimit: 2 })
    scheduler.fillSlots()
    for (;;) {
      const smallRunning = [...running].find(([, member]) => member.small)
      if (!smallRunning) break
      finish(smallRunning[0])
    }
    expect(started.filter((id) => id !== large[0]?.id)).toEqual(small.map((record) => record.id))
  })

  it('claims the jobs of one pass in one transaction, and opens none when it starts nothing', () => {
    repository.insertMany(Array.from({ length: 10 }, () => job(64 * 1024)))
    const { scheduler, running, started, transactions } = harness({ smallLimit: 3 })
    scheduler.fillSlots()
    expect([started.length, transactions()]).toEqual([3, 1])
    // Three files end in one turn; the next pass claims three more with one commit.
    for (const id of [...running.keys()]) {
      repository.update(id, { state: 'completed' })
      running.delete(id)
    }
    scheduler.fillSlots()
    expect([started.length, transactions()]).toEqual([6, 2])
    scheduler.fillSlots()
    expect([started.length, transactions()]).toEqual([6, 2])
  })

  it("starts a command's own jobs queued behind more than a head's worth of other jobs", () => {
    // A killed command left 300 jobs queued; a second command's files come after them.
    repository.insertMany(Array.from({ length: queueHeadSize + 44 }, () => job(64 * 1024)))
    const own = repository.insertMany(Array.from({ length: 5 }, () => job(64 * 1024)))
    const ids = own.map((record) => record.id)
    const { scheduler, started } = harness({ smallLimit: 3, only: ids })
    scheduler.fillSlots()
    expect(started).toEqual(ids.slice(0, 3))
  })

  it('does not read the queue again for a free large slot when no large job is queued', () => {
    repository.insertMany(Array.from({ length: 300 }, () => job(64 * 1024)))
    const { scheduler, running, finish, reads } = harness({ maxConcurrentJobs: 3, smallLimit: 2 })
    scheduler.fillSlots()
    const before = reads()
    for (let index = 0; index < 20; index++) finish([...running.keys()][0] as number)
    expect(reads()).toBe(before)
  })
})
