import type { Clock } from '../common/clock'
import type { Disposable } from '../common/disposable'
import { toDisposable } from '../common/disposable'

/**
 * Time as a dependency. Everything in the shell that waits (notification batches, the power
 * policy's stall grace, tray throttling, the quit timeout) asks a `Scheduler`, so tests drive
 * time with a fake instead of sleeping. It reads the time as a `Clock` does, but schedules
 * callbacks rather than awaiting a sleep: the shell reacts to events and never blocks a task.
 */
export interface Scheduler extends Pick<Clock, 'now'> {
  /** Runs `callback` once after `delayMs`; disposing cancels it. */
  schedule(delayMs: number, callback: () => void): Disposable
}

/** The real clock and timers. */
export function createSystemScheduler(): Scheduler {
  return {
    now: () => Date.now(),
    schedule(delayMs, callback) {
      const timer = setTimeout(callback, Math.max(0, delayMs))
      return toDisposable(() => clearTimeout(timer))
    },
  }
}

/**
 * Runs `action` at most once per `intervalMs`: the first request runs at once, later requests
 * inside the interval collapse into one trailing run. Used for the tray and taskbar, which must
 * not be rebuilt on every 100 ms progress tick (a Linux tray menu rebuilt while open can close
 * under the pointer).
 */
export class Throttle implements Disposable {
  private lastRunAt = Number.NEGATIVE_INFINITY
  private pending: Disposable | null = null

  constructor(
    private readonly scheduler: Scheduler,
    private readonly intervalMs: number,
    private readonly action: () => void,
  ) {}

  request(): void {
    if (this.pending) return
    const wait = this.lastRunAt + this.intervalMs - this.scheduler.now()
    if (wait <= 0) {
      this.run()
      return
    }
    this.pending = this.scheduler.schedule(wait, () => {
      this.pending = null
      this.run()
    })
  }

  /** Runs now if a trailing run is waiting (e.g. before quitting). */
  flush(): void {
    if (!this.pending) return
    this.pending.dispose()
    this.pending = null
    this.run()
  }

  dispose(): void {
    this.pending?.dispose()
    this.pending = null
  }

  private run(): void {
    this.lastRunAt = this.scheduler.now()
    this.action()
  }
}
