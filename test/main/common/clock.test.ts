import { getEventListeners } from 'node:events'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { systemClock } from '../../../src/main/common/clock'

// systemClock wraps the real timer functions; Vitest's fake timers stand in for them so nothing
// here waits on wall time.
describe('systemClock', () => {
  beforeEach(() => {
    vi.useFakeTimers()
  })

  afterEach(() => {
    vi.useRealTimers()
  })

  it('reads Date.now()', () => {
    vi.setSystemTime(1_700_000_000_000)
    expect(systemClock.now()).toBe(1_700_000_000_000)
  })

  it('resolves only once the time has passed', async () => {
    let done = false
    const sleeping = systemClock.sleep(1000).then(() => {
      done = true
    })
    await vi.advanceTimersByTimeAsync(999)
    expect(done).toBe(false)
    await vi.advanceTimersByTimeAsync(1)
    await sleeping
    expect(done).toBe(true)
  })

  it('rejects with the abort reason and clears its timer', async () => {
    const controller = new AbortController()
    const sleeping = systemClock.sleep(60_000, controller.signal)
    const reason = new Error('stop')
    controller.abort(reason)
    await expect(sleeping).rejects.toBe(reason)
    expect(vi.getTimerCount()).toBe(0)
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0)
  })

  it('rejects at once when the signal has already aborted', async () => {
    const reason = new Error('already')
    await expect(systemClock.sleep(60_000, AbortSignal.abort(reason))).rejects.toBe(reason)
    expect(vi.getTimerCount()).toBe(0)
  })

  it('removes its abort listener when it finishes normally', async () => {
    const controller = new AbortController()
    const sleeping = systemClock.sleep(10, controller.signal)
    await vi.advanceTimersByTimeAsync(10)
    await sleeping
    // A listener left behind would pin the sleep in memory for as long as the job's signal lives.
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0)
  })
})
