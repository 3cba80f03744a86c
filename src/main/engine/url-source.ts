import type { UrlSource } from '../../shared/jobs'
import { redactUrl } from '../../shared/redact'
import type { Lease, SourceResolver } from './source'

/**
 * A plain URL gives itself back: nothing can renew it, so an expired plain link fails with the
 * bytes kept (the user can paste a new link and resume).
 */
export class UrlSourceResolver implements SourceResolver<UrlSource> {
  readonly kind = 'url' as const
  readonly canRefresh = false

  constructor(
    private readonly parseExpiry: (url: string) => number | undefined = () => undefined,
  ) {}

  resolve(source: UrlSource): Promise<Lease> {
    const expiresAt = this.parseExpiry(source.url)
    return Promise.resolve(
      expiresAt === undefined ? { url: source.url } : { url: source.url, expiresAt },
    )
  }

  describe(source: UrlSource): string {
    return redactUrl(source.url)
  }
}
