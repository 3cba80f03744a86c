/**
 * Time as a dependency of main-side code (the engine, VOD, HLS). Everything that waits or measures
 * time takes a `Clock` (or `Pick<Clock, 'now'>` when it only reads the time), so tests can drive
 * retries, rate limits and expiry with a fake one instead of sleeping. The shell's timers are a
 * `Scheduler` (desktop/scheduler.ts) and the progress coalescer's a `CoalescerClock`
 * (src/shared): both schedule callbacks rather than await a sleep.
 */
export interface Clock {
  /** Milliseconds since the Unix epoch. */
  now(): number
  /**
   * Resolves after `ms` milliseconds. Rejects with `signal.reason` as soon as the signal aborts
   * (at once if it already has), and then leaves no timer behind.
   */
  sleep(ms: number, signal?: AbortSignal): Promise<void>
}

/** The real clock: `Date.now()` and `setTimeout`. */
export const systemClock: Clock = {
  now(): number {
    return Date.now()
  },
  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    return sleepWithTimer(ms, signal)
  },
}

async function sleepWithTimer(ms: number, signal?: AbortSignal): Promise<void> {
  signal?.throwIfAborted()
  // The wait ends on the timer or on abort, whichever comes first; `throwIfAborted` then turns an
  // abort into a rejection with exactly `signal.reason`.
  await new Promise<void>((resolve) => {
    const onAbort = (): void => {
      clearTimeout(timer)
      resolve()
    }
    const timer = setTimeout(
      () => {
        signal?.removeEventListener('abort', onAbort)
        resolve()
      },
      Math.max(0, ms),
    )
    signal?.addEventListener('abort', onAbort, { once: true })
  })
  signal?.throwIfAborted()
}
