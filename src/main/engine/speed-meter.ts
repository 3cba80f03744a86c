/** Tuning for {@link SpeedMeter}. */
export interface SpeedMeterOptions {
  /** How far back the average looks, in ms. Default 5000. */
  windowMs?: number
  /**
   * Milliseconds from any fixed origin. Default `performance.now()`, which never jumps when the
   * system clock is corrected; a clock that does step back is treated as standing still.
   */
  now?: () => number
}

/** The window is cut into this many buckets: 250 ms each for the default 5 s. */
const bucketCount = 20

/**
 * Below this age a meter has too little to go on: a first chunk 1 ms after the start would read as
 * gigabytes per second. Dividing by at least this long keeps the first figures sane.
 */
const minimumSpanMs = 100

/**
 * Transfer speed as a moving average over a sliding window of fixed time buckets.
 *
 * `add()` is called for every network chunk, so it is O(1) and allocates nothing: the buckets are
 * a preallocated typed array used as a ring, and a running total avoids summing on read. A meter
 * younger than the window divides by its age, so a fresh download shows its real speed at once
 * instead of ramping up over the first five seconds.
 */
export class SpeedMeter {
  private readonly bucketMs: number
  private readonly now: () => number
  private readonly buckets = new Float64Array(bucketCount)
  /** Bytes in all buckets. Byte counts are integers, so the running sum stays exact. */
  private total = 0
  private startedAt: number
  /** Index of the bucket being filled, counted from `startedAt`. */
  private currentBucket = 0
  /** Latest time seen, so a clock stepping back cannot make time run backwards here. */
  private latest: number

  constructor(options: SpeedMeterOptions = {}) {
    const windowMs = options.windowMs ?? 5000
    if (!(windowMs > 0) || !Number.isFinite(windowMs)) {
      throw new RangeError(`windowMs must be a positive number, got ${windowMs}`)
    }
    this.bucketMs = windowMs / bucketCount
    this.now = options.now ?? (() => performance.now())
    this.latest = this.now()
    this.startedAt = this.latest
  }

  /** Records bytes that just arrived. Zero, negative or non-finite counts are ignored. */
  add(bytes: number): void {
    if (!(bytes > 0) || bytes === Number.POSITIVE_INFINITY) return
    this.advance(this.time())
    this.buckets[this.currentBucket % bucketCount]! += bytes
    this.total += bytes
  }

  /** Average bytes per second over the window (or over the meter's age while it is younger). */
  bytesPerSecond(): number {
    const time = this.time()
    this.advance(time)
    if (this.total === 0) return 0
    const windowStart = this.startedAt + (this.currentBucket - (bucketCount - 1)) * this.bucketMs
    const span = Math.max(time - Math.max(this.startedAt, windowStart), minimumSpanMs)
    return (this.total * 1000) / span
  }

  /**
   * Whole seconds until `remainingBytes` are done at the current speed; 0 when nothing remains,
   * `null` when the speed is 0 (no estimate beats "infinity").
   */
  etaSeconds(remainingBytes: number): number | null {
    if (remainingBytes <= 0) return 0
    const speed = this.bytesPerSecond()
    if (speed <= 0) return null
    return Math.ceil(remainingBytes / speed)
  }

  /** Forgets everything; the meter's age starts again from now (for a paused and resumed job). */
  reset(): void {
    this.buckets.fill(0)
    this.total = 0
    this.currentBucket = 0
    this.startedAt = this.time()
  }

  private time(): number {
    const now = this.now()
    if (now > this.latest) this.latest = now
    return this.latest
  }

  /** Moves to the bucket that holds `time`, emptying the ones that fell out of the window. */
  private advance(time: number): void {
    const bucket = Math.floor((time - this.startedAt) / this.bucketMs)
    const steps = bucket - this.currentBucket
    if (steps <= 0) return
    if (steps >= bucketCount) {
      this.buckets.fill(0)
      this.total = 0
    } else {
      for (let step = 1; step <= steps; step++) {
        const slot = (this.currentBucket + step) % bucketCount
        this.total -= this.buckets[slot]!
        this.buckets[slot] = 0
      }
    }
    this.currentBucket = bucket
  }
}
