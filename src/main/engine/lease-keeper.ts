import { AppError } from '../../shared/errors'
import type { JobSource } from '../../shared/jobs'
import type { Clock } from '../common/clock'
import { classifyDenial, type ResponseHead, type ResponseVerdict } from './response-check'
import type { Lease, LeaseReason, SourceResolver } from './source'

export interface LeaseKeeperOptions {
  /** Refresh when less than this share of the lease's lifetime is left (default 20 %). */
  refreshShare?: number
  /** …but never earlier than this many ms before expiry (default 60 s). */
  maximumMarginMs?: number
  /** Renewals allowed in a row without any new byte arriving before giving up (default 3). */
  maximumRefreshesWithoutProgress?: number
  onRefreshing?: (refreshing: boolean) => void
  onLease?: (lease: Lease) => void
}

/**
 * Holds one job's current URL lease and renews it: before a known expiry, and when a connection
 * reports the URL expired. Renewal is single-flight: every connection of the job that notices
 * shares the one API call, and one that reports an already replaced lease gets the new one.
 */
export class LeaseKeeper {
  private lease: Lease | undefined
  private obtainedAt = 0
  private pending: Promise<Lease> | undefined
  private refreshesWithoutProgress = 0
  /** A refusal that is not plainly an expiry was answered with a renewal since the last byte. */
  private renewedForRefusal = false
  private readonly options: Required<Omit<LeaseKeeperOptions, 'onRefreshing' | 'onLease'>>

  constructor(
    private readonly resolver: SourceResolver,
    private readonly source: JobSource,
    private readonly clock: Clock,
    private readonly signal: AbortSignal,
    private readonly hooks: LeaseKeeperOptions = {},
  ) {
    this.options = {
      refreshShare: hooks.refreshShare ?? 0.2,
      maximumMarginMs: hooks.maximumMarginMs ?? 60_000,
      maximumRefreshesWithoutProgress: hooks.maximumRefreshesWithoutProgress ?? 3,
    }
  }

  get canRefresh(): boolean {
    return this.resolver.canRefresh
  }

  /** The lease to use for a new request, renewing it first when it is about to expire. */
  async current(): Promise<Lease> {
    if (this.pending) return this.pending
    if (!this.lease) return this.renew('initial')
    if (this.resolver.canRefresh && this.isExpiring()) return this.renew('expiring')
    return this.lease
  }

  /** A connection found `stale` expired: renew once for everybody and hand out the result. */
  async refresh(stale: Lease): Promise<Lease> {
    if (this.pending) return this.pending
    if (this.lease && this.lease !== stale) return this.lease
    if (!this.resolver.canRefresh) {
      throw new AppError('UrlExpired', 'this source has no way to renew its address')
    }
    this.refreshesWithoutProgress += 1
    if (this.refreshesWithoutProgress > this.options.maximumRefreshesWithoutProgress) {
      throw new AppError(
        'UrlExpired',
        `renewed the address ${this.options.maximumRefreshesWithoutProgress} times without receiving data`,
      )
    }
    return this.renew('expired')
  }

  /** Bytes arrived: the current lease works, so renewals count from zero again. */
  noteProgress(): void {
    this.refreshesWithoutProgress = 0
    this.renewedForRefusal = false
  }

  /**
   * A request with `lease` was refused: a 401/403/410 (`denied`) or an error page sent as data
   * (`error`). Decides, for every kind of download alike, whether renewing the address can help:
   * an expiry is renewed (within the renewals allowed without progress); an error page, an
   * object in archive storage (asking the source again lets it restore the object or say why
   * not) and a refusal with no stated reason on an address whose expiry is unknown are renewed
   * once until bytes arrive again; anything else is final and thrown as the reason. When it
   * returns, the caller renews with `refresh(lease)`; the answer is what to log, if anything.
   */
  judgeRefusal(
    lease: Lease,
    refusal: { verdict: ResponseVerdict; head: ResponseHead; body: string },
  ): string | undefined {
    const { verdict } = refusal
    if (verdict.kind === 'error') {
      this.renewOnce(new AppError('ErrorPage', verdict.detail))
      return undefined
    }
    const { denial, detail } = classifyDenial(refusal.head, refusal.body, this.isExpired())
    if (denial === 'archived') this.renewOnce(new AppError('Archived', detail))
    else if (denial === 'forbidden') {
      if (lease.expiresAt !== undefined) throw new AppError('Forbidden', detail)
      this.renewOnce(new AppError('Forbidden', detail))
    } else if (!this.resolver.canRefresh) throw new AppError('UrlExpired', detail)
    return detail
  }

  /** Allows one renewal for a refusal that renewing may not cure; the second one fails. */
  private renewOnce(reason: AppError): void {
    if (!this.resolver.canRefresh || this.renewedForRefusal) throw reason
    this.renewedForRefusal = true
  }

  /** Whether the current lease is past its known expiry. */
  isExpired(): boolean {
    const expiresAt = this.lease?.expiresAt
    return expiresAt !== undefined && this.clock.now() >= expiresAt
  }

  private isExpiring(): boolean {
    const expiresAt = this.lease?.expiresAt
    if (expiresAt === undefined) return false
    const lifetime = Math.max(0, expiresAt - this.obtainedAt)
    const margin = Math.min(this.options.maximumMarginMs, lifetime * this.options.refreshShare)
    return this.clock.now() >= expiresAt - margin
  }

  private renew(reason: LeaseReason): Promise<Lease> {
    const reporting = reason !== 'initial'
    if (reporting) this.hooks.onRefreshing?.(true)
    const pending = this.resolver
      .resolve(this.source, { reason, signal: this.signal })
      .then((lease) => {
        this.lease = lease
        this.obtainedAt = this.clock.now()
        this.hooks.onLease?.(lease)
        return lease
      })
      .finally(() => {
        this.pending = undefined
        if (reporting) this.hooks.onRefreshing?.(false)
      })
    this.pending = pending
    return pending
  }
}
