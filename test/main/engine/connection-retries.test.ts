import { describe, expect, it } from 'vitest'
import { AppError } from '../../../src/shared/errors'
import type { Clock } from '../../../src/main/common/clock'
import { ConnectionRetries } from '../../../src/main/engine/connection-retries'

/** A clock whose sleeps return at once and are recorded. */
function recordingClock(): Clock & { sleeps: number[] } {
  const sleeps: number[] = []
  return {
    sleeps,
    now: () => 0,
    sleep: (ms) => {
      sleeps.push(ms)
      return Promise.resolve()
    },
  }
}

describe('ConnectionRetries', () => {
  it('waits longer after each failure and gives up with the error once the budget is spent', async () => {
    const clock = recordingClock()
    const retries = new ConnectionRetries(3, 100, clock, new AbortController().signal)
    const error = new AppError('NetworkError', 'reset')
    expect(await retries.failed(error)).toBe(1)
    expect(await retries.failed(error)).toBe(2)
    expect(await retries.failed(error)).toBe(3)
    await expect(retries.failed(error)).rejects.toBe(error)
    expect(clock.sleeps).toHaveLength(3)
    expect(clock.sleeps[2]).toBeGreaterThan(clock.sleeps[0] ?? Infinity)
  })

  it('refills the budget when bytes arrive', async () => {
    const retries = new ConnectionRetries(1, 100, recordingClock(), new AbortController().signal)
    const error = new AppError('Timeout')
    await retries.failed(error)
    retries.progressed()
    expect(await retries.failed(error)).toBe(1)
  })
})
