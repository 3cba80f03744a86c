import { describe, expect, it } from 'vitest'
import { toErrorData } from '../../../../src/shared/errors'
import type {
  FinishedJob,
  NotificationBatchState,
  NotificationGroupingOptions,
} from '../../../../src/main/desktop/policies/notification-grouping'
import {
  emptyNotificationBatch,
  stepNotifications,
  summarizeFinishedJobs,
} from '../../../../src/main/desktop/policies/notification-grouping'

const options: NotificationGroupingOptions = {
  mode: 'batch',
  language: 'en',
  settleMs: 2_000,
  maximumDelayMs: 60_000,
}

function done(id: number, fileName = `clip-${id}.mp4`): FinishedJob {
  return { id, fileName, outcome: 'completed', error: null }
}

function failed(id: number, fileName = `clip-${id}.mp4`): FinishedJob {
  return {
    id,
    fileName,
    outcome: 'failed',
    error: toErrorData('DiskFull', '/Volumes/Edit/secret-path'),
  }
}

describe('stepNotifications in batch mode', () => {
  it('collects a batch and announces it once the engine has been idle for the settle time', () => {
    let state: NotificationBatchState = emptyNotificationBatch
    for (let id = 1; id <= 11; id++) {
      const step = stepNotifications(
        state,
        { kind: 'finished', job: done(id), now: 1_000 + id, idle: false },
        options,
      )
      expect(step.deliver).toEqual([])
      expect(step.wakeAt).toBe(1_001 + 60_000)
      state = step.state
    }
    const last = stepNotifications(
      state,
      { kind: 'finished', job: done(12), now: 5_000, idle: true },
      options,
    )
    expect(last.deliver).toEqual([])
    expect(last.wakeAt).toBe(7_000)
    const flushed = stepNotifications(last.state, { kind: 'tick', now: 7_000, idle: true }, options)
    expect(flushed.deliver).toHaveLength(1)
    expect(flushed.deliver[0]).toMatchObject({
      title: 'Downloads finished',
      body: '12 files downloaded',
      outcome: 'completed',
    })
    expect(flushed.deliver[0]?.jobIds).toHaveLength(12)
    expect(flushed.state).toEqual(emptyNotificationBatch)
    expect(flushed.wakeAt).toBeNull()
  })

  it('reports a long-running queue at most once per maximum delay', () => {
    const first = stepNotifications(
      emptyNotificationBatch,
      { kind: 'finished', job: done(1), now: 0, idle: false },
      options,
    )
    const early = stepNotifications(
      first.state,
      { kind: 'tick', now: 59_999, idle: false },
      options,
    )
    expect(early.deliver).toEqual([])
    const due = stepNotifications(early.state, { kind: 'tick', now: 60_000, idle: false }, options)
    expect(due.deliver.map((model) => model.body)).toEqual(['Downloaded clip-1.mp4'])
  })

  it('counts a job reported twice only once', () => {
    const first = stepNotifications(
      emptyNotificationBatch,
      { kind: 'finished', job: done(1), now: 0, idle: false },
      options,
    )
    const again = stepNotifications(
      first.state,
      { kind: 'finished', job: done(1), now: 10, idle: true },
      options,
    )
    const flushed = stepNotifications(
      again.state,
      { kind: 'tick', now: 10_000, idle: true },
      options,
    )
    expect(flushed.deliver[0]?.body).toBe('Downloaded clip-1.mp4')
  })

  it('names failed files in a mixed batch', () => {
    let state = emptyNotificationBatch
    for (const job of [done(1), failed(2, 'a.mp4'), done(3), failed(4, 'b.mp4')]) {
      state = stepNotifications(
        state,
        { kind: 'finished', job, now: 0, idle: false },
        options,
      ).state
    }
    const flushed = stepNotifications(state, { kind: 'tick', now: 60_000, idle: false }, options)
    expect(flushed.deliver[0]).toMatchObject({
      title: 'Some downloads failed',
      body: '2 files downloaded, 2 failed: a.mp4, b.mp4',
      outcome: 'mixed',
    })
  })
})

describe('stepNotifications in each and none modes', () => {
  it('delivers each job at once', () => {
    const step = stepNotifications(
      emptyNotificationBatch,
      { kind: 'finished', job: done(1), now: 0, idle: false },
      { ...options, mode: 'each' },
    )
    expect(step.deliver.map((model) => model.body)).toEqual(['Downloaded clip-1.mp4'])
    expect(step.wakeAt).toBeNull()
  })

  it('flushes what a batch had pending when switched to each', () => {
    const pending = stepNotifications(
      emptyNotificationBatch,
      { kind: 'finished', job: done(1), now: 0, idle: false },
      options,
    )
    const step = stepNotifications(
      pending.state,
      { kind: 'finished', job: done(2), now: 1, idle: false },
      { ...options, mode: 'each' },
    )
    expect(step.deliver).toHaveLength(2)
  })

  it('stays silent and drops anything pending in none mode', () => {
    const pending = stepNotifications(
      emptyNotificationBatch,
      { kind: 'finished', job: done(1), now: 0, idle: false },
      options,
    )
    const step = stepNotifications(
      pending.state,
      { kind: 'tick', now: 1, idle: true },
      { ...options, mode: 'none' },
    )
    expect(step).toEqual({ state: emptyNotificationBatch, deliver: [], wakeAt: null })
  })
})

describe('summarizeFinishedJobs', () => {
  it('explains a single failure with the localized reason and no engine detail', () => {
    const model = summarizeFinishedJobs([failed(1, 'master.mov')], 'en')
    expect(model.title).toBe('Some downloads failed')
    expect(model.body).toMatch(/^master\.mov failed: The disk is full/)
    expect(model.body).not.toContain('secret-path')
  })

  it('lists at most three failed names', () => {
    const jobs = [1, 2, 3, 4, 5].map((id) => failed(id, `f${id}.mp4`))
    expect(summarizeFinishedJobs(jobs, 'en').body).toBe(
      '5 downloads failed: f1.mp4, f2.mp4, f3.mp4 and 2 more',
    )
    expect(summarizeFinishedJobs(jobs, 'zh-CN').body).toBe(
      '5 个下载失败：f1.mp4、f2.mp4、f3.mp4 等 5 个',
    )
  })

  it('speaks Chinese', () => {
    expect(summarizeFinishedJobs([done(1), done(2)], 'zh-CN')).toMatchObject({
      title: '下载完成',
      body: '2 个文件下载完成',
    })
  })
})
