/**
 * Notices responses that stopped sending. One timer for every response of the process instead
 * of one per response: with thousands of small files, a timer created, refreshed on every chunk
 * and cleared per file costs more than the check itself. Each watched response only notes the
 * time of its last chunk; a sweep a few times per timeout drops the ones that went quiet. A
 * stall is noticed between `timeoutMs` and `timeoutMs` × 1.25 after the last chunk.
 */
export class StallWatch {
  private readonly watched = new Set<Watched>()
  private timer: NodeJS.Timeout | undefined
  private sweepMs = Infinity

  constructor(private readonly now: () => number = () => performance.now()) {}

  /** Starts watching; `onStall` runs once if no `touch()` comes for `timeoutMs`. */
  watch(timeoutMs: number, onStall: () => void): StallGuard {
    const entry: Watched = { last: this.now(), timeoutMs, onStall }
    this.watched.add(entry)
    this.schedule(Math.max(10, Math.min(1000, timeoutMs / 4)))
    return {
      touch: () => {
        entry.last = this.now()
      },
      stop: () => {
        this.watched.delete(entry)
        if (this.watched.size === 0) this.cancel()
      },
    }
  }

  private schedule(sweepMs: number): void {
    if (this.timer && sweepMs >= this.sweepMs) return
    this.cancel()
    this.sweepMs = sweepMs
    this.timer = setInterval(() => this.sweep(), sweepMs)
    // Watching never keeps a process alive by itself: the sockets it watches do.
    this.timer.unref()
  }

  private cancel(): void {
    if (this.timer) clearInterval(this.timer)
    this.timer = undefined
    this.sweepMs = Infinity
  }

  private sweep(): void {
    const now = this.now()
    for (const entry of [...this.watched]) {
      if (now - entry.last < entry.timeoutMs) continue
      this.watched.delete(entry)
      entry.onStall()
    }
    if (this.watched.size === 0) this.cancel()
  }
}

interface Watched {
  last: number
  timeoutMs: number
  onStall: () => void
}

export interface StallGuard {
  /** Data arrived. */
  touch(): void
  /** The response is done (or failed): stop watching it. */
  stop(): void
}

/** The process's watch, shared by every body pump. */
export const sharedStallWatch = new StallWatch()
