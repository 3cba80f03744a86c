import { ApiError, defaultMessage } from './errors'

/** An error a test wants the next call(s) of an action to fail with. */
export interface InjectedFault {
  code: string
  status: number
  message?: string
  /** How many consecutive calls fail (default 1). */
  count?: number
}

/** Matches any action. */
export const anyAction = '*'

/**
 * Queued API failures (Throttling, InternalError, …). A call that passes the gateway takes the
 * oldest fault queued for its action (or for `*`) instead of running the action, so retries and
 * backoff can be tested deterministically.
 */
export class FaultInjector {
  private readonly queues = new Map<string, Array<{ fault: InjectedFault; remaining: number }>>()

  failNext(action: string, fault: InjectedFault): void {
    const count = fault.count ?? 1
    if (!Number.isInteger(count) || count < 1) {
      throw new RangeError(`fault count must be a positive integer: ${count}`)
    }
    if (!Number.isInteger(fault.status) || fault.status < 400 || fault.status > 599) {
      throw new RangeError(`fault status must be an HTTP error status: ${fault.status}`)
    }
    const queue = this.queues.get(action) ?? []
    queue.push({ fault, remaining: count })
    this.queues.set(action, queue)
  }

  /** The error for this call of `action`, if one is queued. */
  take(action: string): ApiError | undefined {
    for (const key of [action, anyAction]) {
      const queue = this.queues.get(key)
      const next = queue?.[0]
      if (!queue || !next) continue
      next.remaining--
      if (next.remaining === 0) queue.shift()
      if (queue.length === 0) this.queues.delete(key)
      return new ApiError(
        next.fault.code,
        next.fault.status,
        next.fault.message ?? defaultMessage(next.fault.code),
      )
    }
    return undefined
  }
}
