import { describe, expect, it } from 'vitest'
import type { Clock } from '../../../src/main/common/clock'
import { TokenBucket } from '../../../src/main/engine/token-bucket'
import { AppError } from '../../../src/shared/errors'

/** Lets every pending promise callback run (they all run before a setImmediate callback). */
function settle(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve))
}

interface Timer {
  at: number
  fire: () => void
}

/** A clock that only moves when the test says so. */
class FakeClock implements Clock {
  time = 1_000_000
  private timers: Timer[] = []

  now(): number {
    return this.time
  }

  async sleep(ms: number, signal?: AbortSignal): Promise<void> {
    signal?.throwIfAborted()
    await new Promise<void>((resolve) => {
      const timer: Timer = { at: this.time + ms, fire: resolve }
      this.timers.push(timer)
      signal?.addEventListener(
        'abort',
        () => {
          this.timers = this.timers.filter((other) => other !== timer)
          resolve()
        },
        { once: true },
      )
    })
    signal?.throwIfAborted()
  }

  get pendingTimers(): number {
    return this.timers.length
  }

  /** Moves time forward, firing due timers in order and letting their callbacks run. */
  async advance(ms: number): Promise<void> {
    const end = this.time + ms
    await settle()
    for (;;) {
      const next = this.timers.reduce<Timer | undefined>(
        (earliest, timer) => (!earliest || timer.at < earliest.at ? timer : earliest),
        undefined,
      )
      if (!next || next.at > end) break
      this.timers = this.timers.filter((timer) => timer !== next)
      this.time = Math.max(this.time, next.at)
      next.fire()
      await settle()
    }
    this.time = end
    await settle()
  }
}

/** Tracks when a take resolves or rejects, in fake time. */
function track(
  clock: FakeClock,
  promise: Promise<void>,
): { doneAt: number | undefined; error: unknown } {
  const state: { doneAt: number | undefined; error: unknown } = {
    doneAt: undefined,
    error: undefined,
  }
  promise.then(
    () => {
      state.doneAt = clock.time
    },
    (error: unknown) => {
      state.error = error
    },
  )
  return state
}

function setup(
  bytesPerSecond: number,
  burstBytes?: number,
): { clock: FakeClock; bucket: TokenBucket } {
  const clock = new FakeClock()
  const bucket = new TokenBucket({
    bytesPerSecond,
    clock,
    ...(burstBytes === undefined ? {} : { burstBytes }),
  })
  return { clock, bucket }
}

describe('TokenBucket', () => {
  it('passes everything at once and sets no timer when unlimited', async () => {
    const { clock, bucket } = setup(0)
    const first = await Promise.race([
      bucket.take(10 * 2 ** 30).then(() => 'granted'),
      settle().then(() => 'still waiting'),
    ])
    expect(first).toBe('granted')
    expect(clock.pendingTimers).toBe(0)
    expect(bucket.rate).toBe(0)
  })

  it('lets the burst through at once, then paces', async () => {
    const { clock, bucket } = setup(1000, 1000)
    await bucket.take(1000)
    const next = track(clock, bucket.take(500))
    await clock.advance(499)
    expect(next.doneAt).toBeUndefined()
    await clock.advance(1)
    expect(next.doneAt).toBe(clock.time)
  })

  it('holds concurrent takers to the rate over simulated seconds', async () => {
    const rate = 1_000_000
    const { clock, bucket } = setup(rate)
    const stop = new AbortController()
    let granted = 0
    const taker = async (chunk: number): Promise<void> => {
      for (;;) {
        await bucket.take(chunk, stop.signal)
        granted += chunk
      }
    }
    const takers = [16_384, 65_536, 10_000, 1_500].map((chunk) =>
      taker(chunk).catch(() => undefined),
    )
    await clock.advance(1000)
    const before = granted
    await clock.advance(10_000)
    const perSecond = (granted - before) / 10
    stop.abort(new Error('done'))
    await Promise.all(takers)
    expect(perSecond).toBeGreaterThan(rate * 0.97)
    expect(perSecond).toBeLessThan(rate * 1.03)
  })

  it('holds the limit over short spans after an idle spell, as a speed meter sees them', async () => {
    const rate = 4 * 1024 * 1024
    const { clock, bucket } = setup(rate)
    // Idle for a while: the bucket is as full as it gets.
    await clock.advance(5_000)
    const startedAt = clock.time
    const stop = new AbortController()
    const grants: Array<{ at: number; bytes: number }> = []
    const taker = async (chunk: number): Promise<void> => {
      for (;;) {
        await bucket.take(chunk, stop.signal)
        grants.push({ at: clock.time - startedAt, bytes: chunk })
      }
    }
    // Three large files over eight connections each start at once.
    const takers = Array.from({ length: 24 }, () => taker(64 * 1024).catch(() => undefined))
    await clock.advance(1_000)
    stop.abort(new Error('done'))
    await Promise.all(takers)
    const grantedWithin = (ms: number): number =>
      grants.filter((grant) => grant.at <= ms).reduce((sum, grant) => sum + grant.bytes, 0)
    // What a meter that divides by 100 ms, 250 ms or a second reads, as a share of the limit.
    expect(grantedWithin(100) / (rate * 0.1)).toBeLessThanOrEqual(1.2)
    expect(grantedWithin(250) / (rate * 0.25)).toBeLessThanOrEqual(1.1)
    expect(grantedWithin(1_000) / rate).toBeLessThanOrEqual(1.03)
  })

  it('serves waiters first in, first out', async () => {
    const { clock, bucket } = setup(1000, 100)
    await bucket.take(100)
    const order: string[] = []
    const takes = [
      bucket.take(300).then(() => order.push('large')),
      bucket.take(1).then(() => order.push('tiny')),
      bucket.take(50).then(() => order.push('small')),
    ]
    await clock.advance(10_000)
    await Promise.all(takes)
    expect(order).toEqual(['large', 'tiny', 'small'])
  })

  it('lets a take larger than the burst through into debt, waiting in proportion', async () => {
    const { clock, bucket } = setup(1000, 1000)
    const large = track(clock, bucket.take(5000))
    await clock.advance(3999)
    expect(large.doneAt).toBeUndefined()
    await clock.advance(1)
    expect(large.doneAt).toBe(clock.time)
    // The bucket is empty now, not full: the next byte waits too.
    const after = track(clock, bucket.take(1000))
    await clock.advance(999)
    expect(after.doneAt).toBeUndefined()
    await clock.advance(1)
    expect(after.doneAt).toBeDefined()
  })

  it('applies a rate change to a caller already waiting', async () => {
    const { clock, bucket } = setup(100, 100)
    await bucket.take(100)
    const waiting = track(clock, bucket.take(1000))
    await clock.advance(2000)
    expect(waiting.doneAt).toBeUndefined()
    const changedAt = clock.time
    // 200 of the 1000 bytes are paid; the other 800 at 1000 B/s take 0.8 s, not 8 s.
    bucket.setRate(1000)
    expect(bucket.rate).toBe(1000)
    await clock.advance(5000)
    expect(waiting.doneAt).toBe(changedAt + 800)
  })

  it('slows waiting callers down when the rate is lowered', async () => {
    const { clock, bucket } = setup(1000, 1000)
    await bucket.take(1000)
    const waiting = track(clock, bucket.take(1000))
    await clock.advance(500)
    bucket.setRate(100)
    await clock.advance(4999)
    expect(waiting.doneAt).toBeUndefined()
    await clock.advance(1)
    expect(waiting.doneAt).toBeDefined()
  })

  it('releases every waiter when the limit is lifted, and can limit again', async () => {
    const { clock, bucket } = setup(10, 1000)
    await bucket.take(1000)
    const waiters = [track(clock, bucket.take(1e6)), track(clock, bucket.take(1e6))]
    bucket.setRate(0)
    await settle()
    expect(waiters.every((waiter) => waiter.doneAt === clock.time)).toBe(true)
    expect(clock.pendingTimers).toBe(0)

    bucket.setRate(1000)
    await bucket.take(1000) // a fresh full bucket
    const limited = track(clock, bucket.take(1000))
    await clock.advance(999)
    expect(limited.doneAt).toBeUndefined()
    await clock.advance(1)
    expect(limited.doneAt).toBeDefined()
  })

  it('rejects an aborted waiter with the reason and moves the queue up', async () => {
    const { clock, bucket } = setup(1000, 1000)
    await bucket.take(1000)
    const controller = new AbortController()
    const aborted = track(clock, bucket.take(1000, controller.signal))
    const behind = track(clock, bucket.take(1000))
    await clock.advance(500)
    const reason = new Error('canceled by user')
    controller.abort(reason)
    await settle()
    expect(aborted.error).toBe(reason)
    expect(aborted.doneAt).toBeUndefined()
    // The aborted bytes are given back, so the next waiter finishes at 1 s instead of 2 s.
    await clock.advance(499)
    expect(behind.doneAt).toBeUndefined()
    await clock.advance(1)
    expect(behind.doneAt).toBe(clock.time)
  })

  it('removes an aborted waiter from the middle of the queue', async () => {
    const { clock, bucket } = setup(1000, 1000)
    await bucket.take(1000)
    const controller = new AbortController()
    const head = track(clock, bucket.take(1000))
    const middle = track(clock, bucket.take(1000, controller.signal))
    const last = track(clock, bucket.take(1000))
    controller.abort('stop')
    await clock.advance(2000)
    expect(middle.error).toBe('stop')
    expect(head.doneAt).toBe(clock.time - 1000)
    expect(last.doneAt).toBe(clock.time)
  })

  it('rejects at once for a signal that has already aborted, taking nothing', async () => {
    const { clock, bucket } = setup(1000, 1000)
    const reason = new Error('gone')
    await expect(bucket.take(1000, AbortSignal.abort(reason))).rejects.toBe(reason)
    const full = track(clock, bucket.take(1000))
    await settle()
    expect(full.doneAt).toBe(clock.time)
  })

  it('does not fail a granted take when its signal aborts afterwards', async () => {
    const { clock, bucket } = setup(1000, 1000)
    await bucket.take(1000)
    const controller = new AbortController()
    const waiting = bucket.take(1000, controller.signal)
    await clock.advance(1000)
    controller.abort(new Error('late'))
    await expect(waiting).resolves.toBeUndefined()
  })

  it('refills no further than the burst while idle', async () => {
    const { clock, bucket } = setup(1000, 2000)
    await bucket.take(2000)
    await clock.advance(60_000)
    await bucket.take(2000)
    const next = track(clock, bucket.take(1000))
    await clock.advance(999)
    expect(next.doneAt).toBeUndefined()
  })

  it('rejects invalid rates, bursts and sizes', async () => {
    expect(() => new TokenBucket({ bytesPerSecond: -1 })).toThrow(AppError)
    expect(() => new TokenBucket({ bytesPerSecond: 1, burstBytes: 0 })).toThrow(AppError)
    const { bucket } = setup(1000)
    expect(() => bucket.setRate(Number.NaN)).toThrow(AppError)
    await expect(bucket.take(-1)).rejects.toThrow(AppError)
  })
})
