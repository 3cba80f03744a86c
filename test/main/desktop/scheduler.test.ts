import { describe, expect, it } from 'vitest'
import { Throttle, createSystemScheduler } from '../../../src/main/desktop/scheduler'
import { FakeScheduler } from './fakes/scheduler'

describe('Throttle', () => {
  it('runs at once, then collapses requests into one trailing run per interval', () => {
    const scheduler = new FakeScheduler()
    let runs = 0
    const throttle = new Throttle(scheduler, 1000, () => runs++)
    throttle.request()
    expect(runs).toBe(1)
    throttle.request()
    throttle.request()
    expect(runs).toBe(1)
    scheduler.advance(999)
    expect(runs).toBe(1)
    scheduler.advance(1)
    expect(runs).toBe(2)
    scheduler.advance(5000)
    expect(runs).toBe(2)
    throttle.request()
    expect(runs).toBe(3)
  })

  it('flushes a waiting run and cancels on dispose', () => {
    const scheduler = new FakeScheduler()
    let runs = 0
    const throttle = new Throttle(scheduler, 1000, () => runs++)
    throttle.request()
    throttle.request()
    throttle.flush()
    expect(runs).toBe(2)
    throttle.request()
    throttle.dispose()
    scheduler.advance(10_000)
    expect(runs).toBe(2)
    expect(scheduler.pendingTimers).toBe(0)
  })
})

describe('createSystemScheduler', () => {
  it('runs and cancels real timers', async () => {
    const scheduler = createSystemScheduler()
    expect(Math.abs(scheduler.now() - Date.now())).toBeLessThan(1000)
    let canceledRan = false
    scheduler.schedule(0, () => (canceledRan = true)).dispose()
    await new Promise<void>((resolve) => scheduler.schedule(0, resolve))
    expect(canceledRan).toBe(false)
  })
})
