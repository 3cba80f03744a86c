/** Tuning for {@link backoffDelay}. */
export interface BackoffOptions {
  /** Delay before the first retry, in ms. Default 1000. */
  baseMs?: number
  /** Upper bound for any delay, in ms. Default 60000. */
  maxMs?: number
  /**
   * How far below the exponential value a delay may land, as a fraction of it (0..1, default 0.5).
   * Spreading retries out keeps hundreds of jobs that failed together (a network blip) from
   * hitting the server again in the same instant.
   */
  jitter?: number
  /** Source of randomness in [0, 1); injectable so tests are deterministic. Default Math.random. */
  random?: () => number
}

/**
 * Milliseconds to wait before retry number `attempt` (1-based): `baseMs`, doubling with each
 * attempt, capped at `maxMs`, then lowered by a random part of up to `jitter` × that value.
 * Attempts below 1 count as 1. The result is a whole number of ms.
 */
export function backoffDelay(attempt: number, options: BackoffOptions = {}): number {
  const baseMs = Math.max(0, options.baseMs ?? 1000)
  // Also avoids 0 × Infinity = NaN below.
  if (baseMs === 0) return 0
  const maxMs = Math.max(0, options.maxMs ?? 60_000)
  const jitter = Math.min(1, Math.max(0, options.jitter ?? 0.5))
  const random = options.random ?? Math.random
  const exponent = Math.max(0, Math.floor(attempt) - 1)
  // 2 ** exponent becomes Infinity for huge attempts; Math.min then yields the cap.
  const exponential = Math.min(maxMs, baseMs * 2 ** exponent)
  const spread = Math.min(1, Math.max(0, random()))
  return Math.round(exponential * (1 - jitter * spread))
}
