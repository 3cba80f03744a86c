import type { ErrorCode } from '../../shared/errors'

/** How hard the client retries a failed call before giving the error to its caller. */
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
 * Why a failed call is worth sending again. Every VOD action this app calls only reads, so a
 * repeat changes nothing on the server:
 * - `throttled`: `Throttling`, `Throttling.User`, `Throttling.Api` — the QPS limit passes;
 * - `server-error`: `InternalError`, `ServiceUnavailable` and other 5xx answers — a gateway or
 *   backend hiccup; fewer attempts, since a real outage does not pass in seconds;
 * - `nonce-used`: `SignatureNonceUsed` — the same signed request reached the gateway twice
 *   (a proxy or the network resent it); the SDK signs every attempt with a fresh nonce, so
 *   sending again at once is the whole fix.
 */
export type RetryReason = 'throttled' | 'server-error' | 'nonce-used'

/** The retry policy of each reason; `throttled` is the client's configurable one. */
export function retryPolicyFor(
  reason: RetryReason,
  throttled: ThrottleRetryPolicy,
): ThrottleRetryPolicy {
  switch (reason) {
    case 'throttled':
      return throttled
    case 'server-error':
      return { maxAttempts: 3, baseDelayMs: throttled.baseDelayMs, maxDelayMs: 4000 }
    case 'nonce-used':
      return { maxAttempts: 3, baseDelayMs: 100, maxDelayMs: 400 }
  }
}

/** The codes worth sending a call again for, and why. */
const retryReasons: ReadonlyMap<ErrorCode, RetryReason> = new Map<ErrorCode, RetryReason>([
  ['Throttled', 'throttled'],
  ['ServerError', 'server-error'],
  ['NonceReused', 'nonce-used'],
])

/** The reason to send a failed call again, or undefined when the error is final. */
export function retryReasonOf(code: ErrorCode): RetryReason | undefined {
  return retryReasons.get(code)
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
