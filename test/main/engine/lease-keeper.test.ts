import { describe, expect, it } from 'vitest'
import type { Clock } from '../../../src/main/common/clock'
import { LeaseKeeper } from '../../../src/main/engine/lease-keeper'
import type { Lease, LeaseReason, SourceResolver } from '../../../src/main/engine/source'
import type { UrlSource } from '../../../src/shared/jobs'

/** A clock the test moves by hand. */
class ManualClock implements Clock {
  time = 1_000_000
  now(): number {
    return this.time
  }
  sleep(): Promise<void> {
    return Promise.resolve()
  }
}

/** Hands out numbered leases that live `lifetimeMs`; each resolve can be held open by the test. */
class CountingResolver implements SourceResolver<UrlSource> {
  readonly kind = 'url' as const
  reasons: LeaseReason[] = []
  release: (() => void) | undefined
  hold = false
  constructor(
    readonly canRefresh: boolean,
    private readonly clock: ManualClock,
    private readonly lifetimeMs: number | undefined,
  ) {}
  async resolve(_source: UrlSource, context: { reason: LeaseReason }): Promise<Lease> {
    this.reasons.push(context.reason)
    const number = this.reasons.length
    if (this.hold) await new Promise<void>((resolve) => (this.release = resolve))
    return {
      url: `https://cdn.example/file?v=${number}`,
      ...(this.lifetimeMs === undefined ? {} : { expiresAt: this.clock.now() + this.lifetimeMs }),
    }
  }
  describe(): string {
    return 'file'
  }
}

const source: UrlSource = { kind: 'url', url: 'https://cdn.example/file' }

function setup(options: { canRefresh?: boolean; lifetimeMs?: number } = {}) {
  const clock = new ManualClock()
  const resolver = new CountingResolver(options.canRefresh ?? true, clock, options.lifetimeMs)
  const refreshing: boolean[] = []
  const keeper = new LeaseKeeper(resolver, source, clock, new AbortController().signal, {
    onRefreshing: (value) => refreshing.push(value),
  })
  return { clock, resolver, keeper, refreshing }
}

describe('LeaseKeeper', () => {
  it('resolves once and hands the same lease out while it is fresh', async () => {
    const { keeper, resolver } = setup({ lifetimeMs: 600_000 })
    const first = await keeper.current()
    expect(await keeper.current()).toBe(first)
    expect(resolver.reasons).toEqual(['initial'])
  })

  it('renews before a known expiry: at 20 % of the lifetime left, at most a minute ahead', async () => {
    const short = setup({ lifetimeMs: 100_000 })
    await short.keeper.current()
    short.clock.time += 79_000
    await short.keeper.current()
    expect(short.resolver.reasons).toEqual(['initial'])
    short.clock.time += 2_000
    await short.keeper.current()
    expect(short.resolver.reasons).toEqual(['initial', 'expiring'])
    expect(short.refreshing).toEqual([true, false])

    const long = setup({ lifetimeMs: 3_600_000 })
    await long.keeper.current()
    long.clock.time += 3_600_000 - 61_000
    await long.keeper.current()
    expect(long.resolver.reasons).toEqual(['initial'])
    long.clock.time += 2_000
    await long.keeper.current()
    expect(long.resolver.reasons).toEqual(['initial', 'expiring'])
  })

  it('shares one renewal among all connections that find the lease expired', async () => {
    const { keeper, resolver } = setup({ lifetimeMs: 600_000 })
    const stale = await keeper.current()
    resolver.hold = true
    const renewals = [keeper.refresh(stale), keeper.refresh(stale), keeper.refresh(stale)]
    resolver.release?.()
    const leases = await Promise.all(renewals)
    expect(new Set(leases).size).toBe(1)
    expect(resolver.reasons).toEqual(['initial', 'expired'])
    // A connection that reports the old lease after the renewal gets the new one, no new call.
    expect(await keeper.refresh(stale)).toBe(leases[0])
    expect(resolver.reasons).toHaveLength(2)
  })

  it('gives up with UrlExpired after three renewals without a byte, and counts again after progress', async () => {
    const { keeper } = setup({ lifetimeMs: 600_000 })
    let lease = await keeper.current()
    for (let renewal = 0; renewal < 3; renewal++) lease = await keeper.refresh(lease)
    keeper.noteProgress()
    for (let renewal = 0; renewal < 3; renewal++) lease = await keeper.refresh(lease)
    await expect(keeper.refresh(lease)).rejects.toMatchObject({ code: 'UrlExpired' })
  })

  it('cannot renew a source that has no way to, and knows when a lease is past its expiry', async () => {
    const { keeper, clock } = setup({ canRefresh: false, lifetimeMs: 10_000 })
    const lease = await keeper.current()
    expect(keeper.isExpired()).toBe(false)
    clock.time += 10_000
    expect(keeper.isExpired()).toBe(true)
    await expect(keeper.refresh(lease)).rejects.toMatchObject({ code: 'UrlExpired' })
  })

  it('never counts a lease without a known expiry as expired', async () => {
    const { keeper, clock, resolver } = setup()
    await keeper.current()
    clock.time += 365 * 24 * 3_600_000
    expect(keeper.isExpired()).toBe(false)
    await keeper.current()
    expect(resolver.reasons).toEqual(['initial'])
  })
})

describe('LeaseKeeper.judgeRefusal (one policy for files and HLS segments)', () => {
  const head = (status: number, headers: Record<string, string> = {}) => ({ status, headers })
  const ossError = (code: string, message: string) =>
    `<?xml version="1.0" encoding="UTF-8"?><Error><Code>${code}</Code><Message>${message}</Message></Error>`
  const denied = (status: number) => ({ kind: 'denied', status }) as const

  it('renews an expired address as often as bytes keep arriving', async () => {
    const { keeper } = setup({ lifetimeMs: 600_000 })
    const lease = await keeper.current()
    const refusal = {
      verdict: denied(403),
      head: head(403),
      body: ossError('AccessDenied', 'Request has expired.'),
    }
    expect(keeper.judgeRefusal(lease, refusal)).toBe('AccessDenied: Request has expired.')
    const second = await keeper.refresh(lease)
    keeper.noteProgress()
    expect(keeper.judgeRefusal(second, refusal)).toBe('AccessDenied: Request has expired.')
  })

  it('fails at once on a plain 403 for an address whose expiry is known (an access rule)', async () => {
    const { keeper } = setup({ lifetimeMs: 600_000 })
    const lease = await keeper.current()
    expect(() =>
      keeper.judgeRefusal(lease, { verdict: denied(403), head: head(403), body: '' }),
    ).toThrow(expect.objectContaining({ code: 'Forbidden' }))
  })

  it('renews an error page, an archived object and an unexplained 403 once until bytes arrive', async () => {
    for (const refusal of [
      {
        verdict: { kind: 'error', code: 'ErrorPage', detail: 'text/html', retryable: false } as const,
        head: head(200, { 'content-type': 'text/html' }),
        body: '',
        code: 'ErrorPage',
      },
      {
        verdict: denied(403),
        head: head(403),
        body: ossError('InvalidObjectState', 'The operation is not valid for the object state'),
        code: 'Archived',
      },
      { verdict: denied(403), head: head(403), body: '', code: 'Forbidden' },
    ]) {
      const { keeper } = setup({ lifetimeMs: undefined })
      const lease = await keeper.current()
      keeper.judgeRefusal(lease, refusal)
      const renewed = await keeper.refresh(lease)
      expect(() => keeper.judgeRefusal(renewed, refusal)).toThrow(
        expect.objectContaining({ code: refusal.code }),
      )
      keeper.noteProgress()
      expect(() => keeper.judgeRefusal(renewed, refusal)).not.toThrow()
    }
  })

  it('cannot renew what has no way to be renewed', async () => {
    const { keeper } = setup({ canRefresh: false, lifetimeMs: 1_000 })
    const lease = await keeper.current()
    expect(() =>
      keeper.judgeRefusal(lease, {
        verdict: denied(403),
        head: head(403),
        body: ossError('AccessDenied', 'Request has expired.'),
      }),
    ).toThrow(expect.objectContaining({ code: 'UrlExpired' }))
    expect(() =>
      keeper.judgeRefusal(lease, {
        verdict: { kind: 'error', code: 'ErrorPage', detail: 'html', retryable: false },
        head: head(200),
        body: '',
      }),
    ).toThrow(expect.objectContaining({ code: 'ErrorPage' }))
  })
})
