import type { AppError } from '../../shared/errors'
import { backoffDelay } from '../common/backoff'
import type { Clock } from '../common/clock'

/**
 * The retry budget of one connection: transient failures in a row, without a byte of progress
 * in between, are retried after a growing, jittered pause until the budget is spent. Any
 * progress refills it, so a flaky but working connection never gives up.
 */
export class ConnectionRetries {
  private failures = 0

  constructor(
    private readonly limit: number,
    private readonly baseMs: number,
    private readonly clock: Clock,
    private readonly signal: AbortSignal,
  ) {}

  /** Bytes arrived: the next failure starts a fresh budget. */
  progressed(): void {
    this.failures = 0
  }

  /**
   * A transient failure without progress: waits out the backoff, or throws `error` when the
   * budget is spent. Returns the attempt number, for the log.
   */
  async failed(error: AppError): Promise<number> {
    this.failures += 1
    if (this.failures > this.limit) throw error
    await this.clock.sleep(
      backoffDelay(this.failures, { baseMs: this.baseMs, maxMs: 15_000 }),
      this.signal,
    )
    return this.failures
  }
}
