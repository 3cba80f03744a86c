import { describe, expect, it } from 'vitest'
import { backoffDelay } from '../../../src/main/common/backoff'

const noJitter = { jitter: 0 }

describe('backoffDelay', () => {
  it('starts at the base and doubles', () => {
    expect([1, 2, 3, 4, 5].map((attempt) => backoffDelay(attempt, noJitter))).toEqual([
      1000, 2000, 4000, 8000, 16_000,
    ])
  })

  it('is capped at the maximum, even for absurd attempt numbers', () => {
    expect(backoffDelay(7, noJitter)).toBe(60_000)
    expect(backoffDelay(10_000, noJitter)).toBe(60_000)
    expect(backoffDelay(3, { baseMs: 500, maxMs: 1500, jitter: 0 })).toBe(1500)
  })

  it('counts attempts below 1 as the first', () => {
    expect(backoffDelay(0, noJitter)).toBe(1000)
    expect(backoffDelay(-5, noJitter)).toBe(1000)
  })

  it('spreads each delay down by up to jitter × value', () => {
    expect(backoffDelay(3, { random: () => 0 })).toBe(4000)
    expect(backoffDelay(3, { random: () => 0.5 })).toBe(3000)
    expect(backoffDelay(3, { random: () => 0.999_999 })).toBe(2000)
    expect(backoffDelay(3, { jitter: 1, random: () => 0.75 })).toBe(1000)
  })

  it('keeps jittered delays inside [value × (1 − jitter), value]', () => {
    let seed = 1
    const random = (): number => {
      seed = (seed * 16_807) % 2_147_483_647
      return (seed - 1) / 2_147_483_646
    }
    const delays = Array.from({ length: 1000 }, () => backoffDelay(4, { jitter: 0.3, random }))
    expect(Math.min(...delays)).toBeGreaterThanOrEqual(5600)
    expect(Math.max(...delays)).toBeLessThanOrEqual(8000)
    // Spread out, not clumped: a herd of 1000 retries lands on many different milliseconds.
    expect(new Set(delays).size).toBeGreaterThan(500)
  })

  it('clamps a jitter outside 0..1 and a random value outside [0, 1)', () => {
    expect(backoffDelay(1, { jitter: 2, random: () => 0.5 })).toBe(500)
    expect(backoffDelay(1, { jitter: -1, random: () => 0.5 })).toBe(1000)
    expect(backoffDelay(1, { random: () => 7 })).toBe(500)
  })

  it('returns 0 for a zero base', () => {
    expect(backoffDelay(100, { baseMs: 0 })).toBe(0)
  })
})
