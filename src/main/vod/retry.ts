/** How hard the client retries a throttled call before giving the error to its caller. */
export interface ThrottleRetryPolicy {
  /** Total attempts, the first one included. */
  maxAttempts: number
  /** Delay before the first retry, doubled for each later one. */
  baseDelayMs: number
  /** No single wait is longer than this, even when the server asks for more. */
  maxDelayMs: number
}

/** Five attempts spread over about eight seconds: well inside a job's patience, enough for a QPS burst to pass. */
export const defaultThrottleRetryPolicy: ThrottleRetryPolicy = {
  maxAttempts: 5,
  baseDelayMs: 500,
  maxDelayMs: 8000,
}

/**
 * The wait before retry number `retry` (1 for the first retry). A server hint
 * (x-acs-retry-after, milliseconds) wins when present; otherwise exponential backoff with
 * "equal jitter" (half fixed, half random) so that parallel jobs throttled together do not
 * retry in lockstep.
 */
export function throttleDelayMs(
  retry: number,
  policy: ThrottleRetryPolicy,
  random: () => number,
  retryAfterMs?: number,
): number {
  if (retryAfterMs !== undefined && retryAfterMs > 0)
    return Math.min(retryAfterMs, policy.maxDelayMs)
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, retry - 1))
  const half = ceiling / 2
  return Math.round(half + half * random())
}
