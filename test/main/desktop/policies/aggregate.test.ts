import { describe, expect, it } from 'vitest'
import type { JobProgress } from '../../../../src/shared/jobs'
import {
  aggregateDownloads,
  isMovingBytes,
  runningJobCount,
} from '../../../../src/main/desktop/policies/aggregate'
import { makeJob, makeProgress } from '../fakes/downloads'

describe('aggregateDownloads', () => {
  it('counts states and sums speed over running jobs only', () => {
    const downloading = makeJob({ state: 'downloading', totalBytes: 1000, doneBytes: 100 })
    const probing = makeJob({ state: 'probing', totalBytes: null })
    const jobs = [
      downloading,
      probing,
      makeJob({ state: 'queued', totalBytes: 3000, doneBytes: 0 }),
      makeJob({ state: 'paused', totalBytes: 1000, doneBytes: 500 }),
      makeJob({ state: 'failed' }),
      makeJob({ state: 'completed', totalBytes: 10_000, doneBytes: 10_000 }),
    ]
    const progress = new Map<number, JobProgress>([
      [
        downloading.id,
        makeProgress({ id: downloading.id, doneBytes: 400, totalBytes: 1000, speed: 2048 }),
      ],
    ])
    const aggregate = aggregateDownloads(jobs, progress)
    expect(aggregate).toMatchObject({
      active: 2,
      moving: 2,
      downloading: 1,
      queued: 1,
      paused: 1,
      failed: 1,
      speed: 2048,
      // Completed history is left out; live progress beats the stored snapshot.
      totalBytes: 5000,
      doneBytes: 900,
      unknownSizeJobs: 1,
    })
    expect(aggregate.progress).toBeCloseTo(0.18)
    expect(runningJobCount(aggregate)).toBe(3)
  })

  it('reports null progress when no size is known', () => {
    const aggregate = aggregateDownloads(
      [makeJob({ state: 'queued', totalBytes: null })],
      new Map(),
    )
    expect(aggregate.progress).toBeNull()
    expect(aggregate.unknownSizeJobs).toBe(1)
  })

  it('ignores stale progress of jobs that stopped running', () => {
    const paused = makeJob({ state: 'paused', doneBytes: 10 })
    const aggregate = aggregateDownloads(
      [paused],
      new Map([[paused.id, makeProgress({ id: paused.id, speed: 999, doneBytes: 900 })]]),
    )
    expect(aggregate.speed).toBe(0)
    expect(aggregate.doneBytes).toBe(10)
  })
})

describe('isMovingBytes', () => {
  it('needs a positive speed while downloading', () => {
    const job = makeJob({ state: 'downloading' })
    expect(isMovingBytes(job, undefined)).toBe(false)
    expect(isMovingBytes(job, makeProgress({ id: job.id, speed: 0 }))).toBe(false)
    expect(isMovingBytes(job, makeProgress({ id: job.id, speed: 1 }))).toBe(true)
  })

  it('counts probing and refreshing, not retrying, verifying or paused', () => {
    expect(isMovingBytes(makeJob({ state: 'probing' }), undefined)).toBe(true)
    expect(isMovingBytes(makeJob({ state: 'refreshing' }), undefined)).toBe(true)
    for (const state of [
      'retrying',
      'verifying',
      'paused',
      'failed',
      'queued',
      'completed',
      'canceled',
    ] as const) {
      expect(isMovingBytes(makeJob({ state }), undefined)).toBe(false)
    }
  })
})
