import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openDatabase, type SqliteDatabase } from '../../../src/main/database/connection'
import {
  JobRepository,
  type JobRecord,
  type NewJobRecord,
} from '../../../src/main/database/job-repository'
import { migrate } from '../../../src/main/database/migrations'
import { initialSchema } from '../../../src/main/database/migrations/001-initial'

let folder: string
let database: SqliteDatabase
let repository: JobRepository

beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'vod-repository-'))
  database = openDatabase(join(folder, 'jobs.sqlite'))
  repository = new JobRepository(database)
})
afterEach(async () => {
  database.close()
  await rm(folder, { recursive: true, force: true })
})

function newJob(overrides: Partial<NewJobRecord> = {}): NewJobRecord {
  return {
    batchId: null,
    state: 'queued',
    source: { kind: 'url', url: 'https://cdn.example/a.mp4', headers: { referer: 'https://x' } },
    directory: folder,
    requestedName: null,
    connections: 8,
    priority: 0,
    expectedSize: 1234,
    expectedMd5: null,
    expectedCrc64: '42',
    createdAt: 1_000,
    ...overrides,
  }
}

describe('JobRepository', () => {
  it('stores and reads back a job, its source as JSON and its flags as booleans', () => {
    const job = repository.insert(newJob())
    repository.update(job.id, { rangesSupported: true, fileName: 'a.mp4', doneBytes: 10 })
    const read = repository.require(job.id)
    expect(read).toMatchObject({
      state: 'queued',
      source: { kind: 'url', url: 'https://cdn.example/a.mp4', headers: { referer: 'https://x' } },
      rangesSupported: true,
      fileName: 'a.mp4',
      doneBytes: 10,
      expectedSize: 1234,
      expectedCrc64: '42',
      updatedAt: 1_000,
    })
    repository.update(job.id, { rangesSupported: null })
    expect(repository.require(job.id).rangesSupported).toBeNull()
  })

  it('puts new jobs at the end of the queue and lists ids by priority, then position', () => {
    const [first, second, third] = repository.insertMany([newJob(), newJob(), newJob()])
    expect([first?.position, second?.position, third?.position]).toEqual([1, 2, 3])
    repository.update(third?.id ?? 0, { priority: 5 })
    repository.update(first?.id ?? 0, { state: 'paused' })
    expect(repository.idsInStates(['queued'])).toEqual([third?.id, second?.id])
    // Paging: the second of third, first, second.
    expect(repository.idsInStates(['queued', 'paused'], 1, 1)).toEqual([first?.id])
  })

  it('replaces a checkpoint whole: segments and the fields that go with them', () => {
    const job = repository.insert(newJob())
    repository.saveProgress(
      job.id,
      [
        { start: 0, end: 100, done: 100, crc64: '1' },
        { start: 100, end: 200, done: 40, crc64: null },
      ],
      { doneBytes: 140 },
    )
    repository.saveProgress(job.id, [{ start: 0, end: 200, done: 150, crc64: null }], {
      doneBytes: 150,
    })
    expect(repository.segments(job.id)).toEqual([{ start: 0, end: 200, done: 150, crc64: null }])
    expect(repository.require(job.id).doneBytes).toBe(150)
  })

  it('rolls a checkpoint back entirely when a write inside it fails', () => {
    const job = repository.insert(newJob())
    repository.saveProgress(job.id, [{ start: 0, end: 100, done: 10, crc64: null }], {
      doneBytes: 10,
    })
    expect(() =>
      repository.saveProgress(job.id, [{ start: 0, end: 100, done: 20, crc64: null }], {
        // A value SQLite cannot store as a column value makes the last statement fail.
        doneBytes: Symbol('not a number') as unknown as number,
      }),
    ).toThrow()
    expect(repository.segments(job.id)).toEqual([{ start: 0, end: 100, done: 10, crc64: null }])
  })

  it('finds whole rows by state and renews only the claims of the holder that runs them', () => {
    const [held, other, waiting] = repository.insertMany([newJob(), newJob(), newJob()])
    repository.update(held?.id ?? 0, { state: 'downloading', owner: 'me', ownerUntil: 1 })
    repository.update(other?.id ?? 0, { state: 'downloading', owner: 'them', ownerUntil: 1 })
    repository.update(waiting?.id ?? 0, { owner: 'me', ownerUntil: 1 })
    repository.renewOwnership('me', 99)
    expect(repository.require(held?.id ?? 0).ownerUntil).toBe(99)
    expect(repository.require(other?.id ?? 0).ownerUntil).toBe(1)
    expect(repository.require(waiting?.id ?? 0).ownerUntil).toBe(1)
    expect(
      repository
        .recordsInStates(['downloading'])
        .map((record) => record.id)
        .sort(),
    ).toEqual([held?.id, other?.id].sort())
  })

  it('deletes a job together with its segments', () => {
    const job = repository.insert(newJob())
    repository.saveProgress(job.id, [{ start: 0, end: 10, done: 5, crc64: null }], {})
    repository.delete(job.id)
    expect(repository.get(job.id)).toBeUndefined()
    expect(repository.segments(job.id)).toEqual([])
  })
})

describe('migrations', () => {
  it('bring a database of the first schema up to date and keep its jobs', () => {
    const file = join(folder, 'old.sqlite')
    const old = new Database(file)
    initialSchema.up(old)
    old.pragma('user_version = 1')
    old
      .prepare(
        `INSERT INTO jobs (state, source, directory, connections, priority, position, created_at, updated_at)
         VALUES ('paused', '{"kind":"url","url":"https://x/y"}', '/tmp', 1, 0, 1, 1, 1)`,
      )
      .run()
    const latest = migrate(old)
    expect(old.pragma('user_version', { simple: true })).toBe(latest)
    expect(new JobRepository(old).list().map((job) => job.state)).toEqual(['paused'])
    // Migrating again changes nothing.
    expect(migrate(old)).toBe(latest)
    old.close()
  })

  it('refuse a database written by a newer version instead of guessing', () => {
    const file = join(folder, 'newer.sqlite')
    const newer = new Database(file)
    newer.pragma('user_version = 999')
    expect(() => migrate(newer)).toThrowError(/newer version of VOD Downloader/)
    newer.close()
  })
})

describe('getMany', () => {
  it('reads the rows of many ids in one statement, skipping ids that do not exist', () => {
    const [first, second, third] = repository.insertMany([newJob(), newJob(), newJob()])
    const ids = [third?.id, 999_999, first?.id] as number[]
    expect(repository.getMany(ids).map((record) => record.id)).toEqual([first?.id, third?.id])
    expect(repository.getMany([second?.id as number])[0]).toEqual(
      repository.get(second?.id as number),
    )
    expect(repository.getMany([])).toEqual([])
  })
})

describe('a data folder with a long history', () => {
  it('adds a batch after the existing jobs, in order, and returns its rows as given', () => {
    const earlier = repository.insert(newJob())
    const batch = repository.insertMany(
      ['a', 'b', 'c'].map((name) => newJob({ requestedName: `${name}.jpg` })),
    )
    expect(batch.map((record) => record.requestedName)).toEqual(['a.jpg', 'b.jpg', 'c.jpg'])
    expect(batch.map((record) => record.position)).toEqual([
      earlier.position + 1,
      earlier.position + 2,
      earlier.position + 3,
    ])
    expect(repository.insert(newJob()).position).toBe(earlier.position + 4)
  })

  it('reads the names held by unfinished jobs only, without whole rows', () => {
    const [queued, completed, canceled, unnamed] = repository.insertMany([
      newJob(),
      newJob(),
      newJob(),
      newJob(),
    ]) as [JobRecord, JobRecord, JobRecord, JobRecord]
    repository.update(queued.id, { fileName: 'queued.mp4' })
    repository.update(completed.id, { fileName: 'done.mp4', state: 'completed' })
    repository.update(canceled.id, { fileName: 'gone.mp4', state: 'canceled' })
    expect(repository.heldNames()).toEqual([
      { id: queued.id, directory: folder, fileName: 'queued.mp4', state: 'queued' },
    ])
    expect(unnamed.fileName).toBeNull()
  })

  it('reads the change times of the given jobs only', () => {
    const [first, second, third] = repository.insertMany([newJob(), newJob(), newJob()]) as [
      JobRecord,
      JobRecord,
      JobRecord,
    ]
    repository.update(second.id, { updatedAt: 7_000 })
    const versions = repository.versionsAmong([second.id, third.id, 999_999])
    expect(versions.sort((a, b) => a.id - b.id)).toEqual([
      { id: second.id, updatedAt: 7_000 },
      { id: third.id, updatedAt: third.updatedAt },
    ])
    expect(versions.some((version) => version.id === first.id)).toBe(false)
  })
})
