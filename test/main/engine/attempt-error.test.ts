import { describe, expect, it } from 'vitest'
import { classifyAttemptError } from '../../../src/main/engine/attempt-error'
import { CheckpointSchedule } from '../../../src/main/engine/checkpoint-schedule'
import { AppError } from '../../../src/shared/errors'

describe('classifyAttemptError (files and HLS streams alike)', () => {
  it.each([
    ['DiskFull', 'paused'],
    ['ContentChanged', 'restart'],
    ['ChecksumMismatch', 'restart'],
    ['NetworkError', 'retry'],
    ['Timeout', 'retry'],
    ['Forbidden', 'failed'],
    ['NotFound', 'failed'],
  ] as const)('%s → %s', (code, kind) => {
    expect(classifyAttemptError(new AppError(code, 'x'), false).kind).toBe(kind)
  })

  it('says stopped whatever the error once the attempt was stopped from outside', () => {
    expect(classifyAttemptError(new AppError('DiskFull', 'x'), true)).toEqual({ kind: 'stopped' })
  })

  it('treats a socket error as a network problem to retry', () => {
    const error = Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' })
    expect(classifyAttemptError(error, false)).toMatchObject({
      kind: 'retry',
      error: { code: 'NetworkError' },
    })
  })
})

describe('CheckpointSchedule', () => {
  it('never runs two checkpoints at once: a request while one runs shares it', async () => {
    let runs = 0
    let release: () => void = () => undefined
    const schedule = new CheckpointSchedule(async () => {
      runs += 1
      await new Promise<void>((resolve) => (release = resolve))
    }, 60_000)
    const first = schedule.now()
    const second = schedule.now()
    expect(second).toBe(first)
    release()
    await first
    const third = schedule.now()
    release()
    await third
    expect(runs).toBe(2)
  })

  it('runs on its interval until stopped, and stop waits for the one in progress', async () => {
    let runs = 0
    const schedule = new CheckpointSchedule(async () => {
      runs += 1
      await new Promise((resolve) => setTimeout(resolve, 5))
    }, 20)
    schedule.start()
    await new Promise((resolve) => setTimeout(resolve, 130))
    await schedule.stop()
    const counted = runs
    expect(counted).toBeGreaterThanOrEqual(2)
    await new Promise((resolve) => setTimeout(resolve, 60))
    expect(runs).toBe(counted)
  })
})
