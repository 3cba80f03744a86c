import type { Disposable } from '../../../../src/main/common/disposable'
import type { Scheduler } from '../../../../src/main/desktop/scheduler'

/** A clock that only moves when a test says so; timers fire in order inside `advance`. */
export class FakeScheduler implements Scheduler {
  private time: number
  private nextId = 0
  private readonly timers = new Map<number, { at: number; callback: () => void }>()

  constructor(start = 1_000_000) {
    this.time = start
  }

  now(): number {
    return this.time
  }

  schedule(delayMs: number, callback: () => void): Disposable {
    const id = this.nextId++
    this.timers.set(id, { at: this.time + Math.max(0, delayMs), callback })
    return { dispose: () => this.timers.delete(id) }
  }

  /** Moves time forward, firing due timers (including ones scheduled while advancing). */
  advance(ms: number): void {
    const end = this.time + ms
    for (;;) {
      let nextId: number | null = null
      let nextAt = Number.POSITIVE_INFINITY
      for (const [id, timer] of this.timers) {
        if (timer.at <= end && timer.at < nextAt) {
          nextAt = timer.at
          nextId = id
        }
      }
      if (nextId === null) break
      const timer = this.timers.get(nextId)
      this.timers.delete(nextId)
      this.time = nextAt
      timer?.callback()
    }
    this.time = end
  }

  get pendingTimers(): number {
    return this.timers.size
  }
}
