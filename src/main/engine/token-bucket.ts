import { AppError } from '../../shared/errors'
import { systemClock, type Clock } from '../common/clock'

/** Settings for {@link TokenBucket}. */
export interface TokenBucketOptions {
  /** The limit in bytes per second; 0 means unlimited. */
  bytesPerSecond: number
  /**
   * How many bytes may pass at once after an idle spell. Default: a fiftieth of a second's worth,
   * at least 16 KiB, following the rate when it changes (see `burstFraction`).
   */
  burstBytes?: number
  clock?: Clock
}

/** Smallest default burst: one typical network chunk, so a low limit still moves whole chunks. */
const minimumDefaultBurst = 16 * 1024

/**
 * The default burst as a share of a second's worth. It was a quarter: after any idle spell (a
 * small file's VOD lookup, a job between attempts) a quarter second of bytes passed at once, so
 * in the next 100 ms (the shortest span a speed meter divides by) up to 3.5 times the limit
 * arrived, and a batch under a 4 MB/s limit showed 7–8 MB/s. A fiftieth keeps any 100 ms at
 * most 1.2 times the limit and any second within 2 % of it; a take still waits for its own bytes
 * only, so the number of timers does not grow.
 */
const burstFraction = 1 / 50

interface Waiter {
  bytes: number
  /** Whether `bytes` have been taken from the bucket (only ever true for the head). */
  charged: boolean
  outcome: 'granted' | 'aborted' | undefined
  wake: () => void
  signal: AbortSignal | undefined
  onAbort: (() => void) | undefined
}

/**
 * The global download speed limit, shared by every connection and adjustable while running.
 *
 * Callers `await take(n)` for every chunk they read. The bucket refills at the rate up to the
 * burst size. The caller at the head of the queue takes its bytes, possibly into debt, and is
 * released once the bucket is back at zero; so a take larger than the burst is allowed and simply
 * waits in proportion to its size. Waiters are served strictly first in, first out, so no
 * connection starves. Rate changes apply at once, also to callers already waiting.
 */
export class TokenBucket {
  private readonly clock: Clock
  private readonly fixedBurst: number | undefined
  private bytesPerSecond: number
  private burst: number
  /** Bytes that may pass now; negative while in debt. */
  private tokens: number
  private updatedAt: number
  private readonly waiters: Waiter[] = []
  /** Cancels the sleep that wakes the head waiter. */
  private timer: AbortController | undefined

  constructor(options: TokenBucketOptions) {
    checkRate(options.bytesPerSecond)
    if (options.burstBytes !== undefined && !(options.burstBytes > 0)) {
      throw new AppError('InvalidInput', `burst must be positive, got ${options.burstBytes}`)
    }
    this.clock = options.clock ?? systemClock
    this.fixedBurst = options.burstBytes
    this.bytesPerSecond = options.bytesPerSecond
    this.burst = this.burstFor(options.bytesPerSecond)
    this.tokens = this.burst
    this.updatedAt = this.clock.now()
  }

  /** The current limit in bytes per second; 0 means unlimited. */
  get rate(): number {
    return this.bytesPerSecond
  }

  /**
   * Changes the limit now. Waiters are rescheduled for the new rate; 0 (unlimited) releases them
   * all at once.
   */
  setRate(bytesPerSecond: number): void {
    checkRate(bytesPerSecond)
    this.refill()
    const wasUnlimited = this.bytesPerSecond === 0
    this.bytesPerSecond = bytesPerSecond
    this.burst = this.burstFor(bytesPerSecond)
    if (bytesPerSecond === 0) {
      this.cancelTimer()
      for (const waiter of this.waiters.splice(0)) finish(waiter, 'granted')
      return
    }
    // Coming back from unlimited starts with a full bucket, as a fresh bucket would.
    this.tokens = wasUnlimited ? this.burst : Math.min(this.tokens, this.burst)
    this.drain()
  }

  /**
   * Resolves when `bytes` may pass. With no limit it returns an already-resolved promise and
   * sets no timer. An abort rejects with `signal.reason`, takes the caller out of the queue and
   * gives back any bytes it had taken, so the callers behind it move up.
   */
  async take(bytes: number, signal?: AbortSignal): Promise<void> {
    if (!(bytes >= 0) || !Number.isFinite(bytes)) {
      throw new AppError('InvalidInput', `cannot take ${bytes} bytes`)
    }
    signal?.throwIfAborted()
    if (this.bytesPerSecond === 0 || bytes === 0) return
    const waiter: Waiter = {
      bytes,
      charged: false,
      outcome: undefined,
      wake: () => undefined,
      signal,
      onAbort: undefined,
    }
    if (this.waiters.length === 0) {
      this.refill()
      this.tokens -= bytes
      if (this.tokens >= 0) return
      waiter.charged = true
    }
    // The abort path resolves this wait too (with outcome "aborted") and the rejection is
    // raised below through `throwIfAborted`, which throws exactly `signal.reason`.
    await new Promise<void>((resolve) => {
      waiter.wake = resolve
      if (signal) {
        waiter.onAbort = () => this.abort(waiter)
        signal.addEventListener('abort', waiter.onAbort, { once: true })
      }
      this.waiters.push(waiter)
      if (this.waiters.length === 1) this.schedule()
    })
    if (waiter.outcome === 'aborted') signal?.throwIfAborted()
  }

  private burstFor(bytesPerSecond: number): number {
    return this.fixedBurst ?? Math.max(minimumDefaultBurst, bytesPerSecond * burstFraction)
  }

  /** Adds what the rate earned since the last update, up to the burst. */
  private refill(): void {
    const now = this.clock.now()
    const elapsed = Math.max(0, now - this.updatedAt)
    this.updatedAt = now
    if (this.bytesPerSecond === 0) return
    this.tokens = Math.min(this.burst, this.tokens + (elapsed * this.bytesPerSecond) / 1000)
  }

  /** Releases waiters from the head while the bucket is out of debt, then rearms the timer. */
  private drain(): void {
    this.refill()
    for (;;) {
      const head = this.waiters[0]
      if (!head) break
      if (!head.charged) {
        this.tokens -= head.bytes
        head.charged = true
      }
      if (this.tokens < 0) break
      this.waiters.shift()
      finish(head, 'granted')
    }
    this.schedule()
  }

  /** Sleeps until the debt is paid at the current rate, then drains. */
  private schedule(): void {
    this.cancelTimer()
    if (this.waiters.length === 0 || this.bytesPerSecond === 0) return
    // At least 1 ms, so a rounding remainder cannot spin; the drain re-checks and sleeps again.
    const delay = Math.max(1, Math.ceil((-this.tokens * 1000) / this.bytesPerSecond))
    const timer = new AbortController()
    this.timer = timer
    this.clock.sleep(delay, timer.signal).then(
      () => {
        if (this.timer !== timer) return
        this.timer = undefined
        this.drain()
      },
      // Cancelled because the rate or the head changed; whoever cancelled has rescheduled.
      () => undefined,
    )
  }

  private cancelTimer(): void {
    this.timer?.abort()
    this.timer = undefined
  }

  private abort(waiter: Waiter): void {
    const index = this.waiters.indexOf(waiter)
    if (index === -1) return
    this.waiters.splice(index, 1)
    if (waiter.charged) {
      this.refill()
      this.tokens = Math.min(this.burst, this.tokens + waiter.bytes)
    }
    finish(waiter, 'aborted')
    if (index === 0) this.drain()
  }
}

function finish(waiter: Waiter, outcome: 'granted' | 'aborted'): void {
  waiter.outcome = outcome
  if (waiter.signal && waiter.onAbort) waiter.signal.removeEventListener('abort', waiter.onAbort)
  waiter.wake()
}

function checkRate(bytesPerSecond: number): void {
  if (!(bytesPerSecond >= 0) || !Number.isFinite(bytesPerSecond)) {
    throw new AppError('InvalidInput', `speed limit must be 0 or more, got ${bytesPerSecond}`)
  }
}
