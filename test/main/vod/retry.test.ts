import { describe, expect, it } from 'vitest'
import { throttleDelayMs, type ThrottleRetryPolicy } from '../../../src/main/vod/retry'

const policy: ThrottleRetryPolicy = { maxAttempts: 5, baseDelayMs: 500, maxDelayMs: 8000 }

describe('throttleDelayMs', () => {
  it.each([
    [1, 0, 250],
    [1, 0.999999, 500],
    [2, 0, 500],
    [3, 0.5, 1500],
    [5, 1, 8000],
    [9, 1, 8000],
  ])('retry %i with random %f waits %i ms', (retry, random, expected) => {
    expect(throttleDelayMs(retry, policy, () => random)).toBe(expected)
  })

  it('follows the server hint, capped', () => {
    expect(throttleDelayMs(1, policy, () => 0, 1200)).toBe(1200)
    expect(throttleDelayMs(1, policy, () => 0, 60_000)).toBe(8000)
  })
})
