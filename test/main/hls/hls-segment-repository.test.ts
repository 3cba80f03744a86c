import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openDatabase, type SqliteDatabase } from '../../../src/main/database/connection'
import { HlsSegmentRepository } from '../../../src/main/database/hls-segment-repository'
import { JobRepository } from '../../../src/main/database/job-repository'
import { newUrlJob } from '../../support/job-records'

let folder: string
let database: SqliteDatabase
let jobId: number

beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'vod-hls-db-'))
  database = openDatabase(join(folder, 'jobs.sqlite'))
  jobId = new JobRepository(database).insert(
    newUrlJob(folder, {
      source: { kind: 'url', url: 'https://example.com/a.m3u8' },
      connections: 4,
      createdAt: 0,
    }),
  ).id
})

afterEach(async () => {
  database.close()
  await rm(folder, { recursive: true, force: true })
})

const plan = [0, 1, 2].map((position) => ({
  sequence: 10 + position,
  position,
  size: null,
  received: 0,
  done: false,
}))

describe('HlsSegmentRepository', () => {
  it('is schema version 3', () => {
    expect(database.pragma('user_version', { simple: true })).toBe(3)
  })

  it('keeps the output a job was first given', () => {
    const repository = new HlsSegmentRepository(database)
    expect(repository.stream(jobId)).toBeUndefined()
    expect(repository.chooseOutput(jobId, 'folder')).toEqual({
      output: 'folder',
      segmentCount: null,
    })
    expect(repository.chooseOutput(jobId, 'mp4').output).toBe('folder')
  })

  it('records the plan, flushed bytes and commits; a late checkpoint never undoes a commit', () => {
    const repository = new HlsSegmentRepository(database)
    repository.chooseOutput(jobId, 'auto')
    repository.replaceSegments(jobId, plan)
    expect(repository.stream(jobId)?.segmentCount).toBe(3)
    repository.saveReceived(jobId, [
      { sequence: 10, received: 500 },
      { sequence: 11, received: 70 },
    ])
    repository.markDone(jobId, 10, 900)
    repository.saveReceived(jobId, [{ sequence: 10, received: 500 }])
    expect(repository.segments(jobId)).toEqual([
      { sequence: 10, position: 0, size: 900, received: 900, done: true },
      { sequence: 11, position: 1, size: null, received: 70, done: false },
      { sequence: 12, position: 2, size: null, received: 0, done: false },
    ])
    repository.markPending(jobId, 10)
    expect(repository.segments(jobId)[0]).toMatchObject({ received: 0, done: false })
  })

  it('forgets segments on a start over, and everything with the job', () => {
    const repository = new HlsSegmentRepository(database)
    repository.chooseOutput(jobId, 'mp4')
    repository.replaceSegments(jobId, plan)
    repository.clearSegments(jobId)
    expect(repository.segments(jobId)).toEqual([])
    expect(repository.stream(jobId)).toEqual({ output: 'mp4', segmentCount: null })
    repository.replaceSegments(jobId, plan)
    new JobRepository(database).delete(jobId)
    expect(repository.segments(jobId)).toEqual([])
    expect(repository.stream(jobId)).toBeUndefined()
  })
})
