import { randomBytes } from 'node:crypto'
import type { EmulatorClock } from './clock'
import { cdnAuthKey } from './signing/cdn-auth'
import { ossSignature, ossStringToSign } from './signing/oss-url'

/**
 * Builds the signed media addresses the API hands out: CDN edge URLs with a type-A `auth_key`
 * and OSS origin URLs presigned with VOD's own storage key. Every lifetime goes through
 * `lifetime()`, which applies the `maxUrlLifetimeSeconds` cap.
 */

export interface MediaUrlOptions {
  /** `http://127.0.0.1:PORT`. */
  baseUrl: string
  clock: EmulatorClock
  maxLifetimeSeconds: number | undefined
  /** Whether the CDN domain has URL signing on (default on). */
  cdnUrlSigning: boolean
  cdnPrivateKey: string
  ossAccessKeyId: string
  ossAccessKeySecret: string
  /**
   * Further CDN domains of the VOD storage, besides the default one, that PlayConfig.PlayDomain
   * can pick. All are served by the one edge here, each under `/cdn/~<domain>/`.
   */
  playDomains?: readonly string[]
}

export interface CdnAuthOptions {
  rand?: string
  uid?: string
}

export type QueryPairs = ReadonlyArray<readonly [string, string]>

export class MediaUrls {
  constructor(private readonly options: MediaUrlOptions) {}

  get baseUrl(): string {
    return this.options.baseUrl
  }

  get cdnUrlSigning(): boolean {
    return this.options.cdnUrlSigning
  }

  /** The lifetime actually granted for a requested one (capped by `maxUrlLifetimeSeconds`). */
  lifetime(requestedSeconds: number): number {
    const cap = this.options.maxLifetimeSeconds
    return cap === undefined ? requestedSeconds : Math.min(requestedSeconds, cap)
  }

  /** Whether `domain` is one of the storage's further CDN domains. */
  hasPlayDomain(domain: string): boolean {
    return (this.options.playDomains ?? []).includes(domain.toLowerCase())
  }

  /**
   * The edge path of a key in the CDN domain's origin bucket: `/cdn/<key>` on the default
   * domain, `/cdn/~<domain>/<key>` on a further one (a stand-in for its own host name, since
   * every domain must reach this one port).
   */
  cdnPath(key: string, domain?: string): string {
    return domain ? `/cdn/~${domain}/${encodeKey(key)}` : `/cdn/${encodeKey(key)}`
  }

  ossPath(bucket: string, key: string): string {
    return `/oss/${bucket}/${encodeKey(key)}`
  }

  /** A CDN URL valid for `lifetimeSeconds` (before the cap) from now, on `domain` if given. */
  cdnUrl(
    key: string,
    lifetimeSeconds: number,
    auth: CdnAuthOptions = {},
    extra: QueryPairs = [],
    domain?: string,
  ): string {
    const path = this.cdnPath(key, domain)
    const query: Array<readonly [string, string]> = []
    if (this.options.cdnUrlSigning) {
      const timestamp = this.options.clock.nowSeconds() + this.lifetime(lifetimeSeconds)
      query.push(['auth_key', this.cdnAuthKeyAt(path, timestamp, auth)])
    }
    return `${this.options.baseUrl}${path}${queryString([...query, ...extra])}`
  }

  /** The `auth_key` for `path` expiring at `timestamp` (also used to sign playlist entries). */
  cdnAuthKeyAt(path: string, timestamp: number, auth: CdnAuthOptions = {}): string {
    const rand = auth.rand ?? randomBytes(16).toString('hex')
    return cdnAuthKey(path, timestamp, rand, auth.uid ?? '0', this.options.cdnPrivateKey)
  }

  /** An OSS URL valid for `lifetimeSeconds` (before the cap) from now. */
  ossUrl(bucket: string, key: string, lifetimeSeconds: number, extra: QueryPairs = []): string {
    const expires = this.options.clock.nowSeconds() + this.lifetime(lifetimeSeconds)
    return `${this.options.baseUrl}${this.ossPath(bucket, key)}${queryString([
      ...this.ossQueryAt(bucket, key, expires),
      ...extra,
    ])}`
  }

  /** `Expires`, `OSSAccessKeyId`, `Signature` for a GET of the object until `expires`. */
  ossQueryAt(bucket: string, key: string, expires: number): QueryPairs {
    const stringToSign = ossStringToSign({ method: 'GET', expires, bucket, key })
    return [
      ['Expires', String(expires)],
      ['OSSAccessKeyId', this.options.ossAccessKeyId],
      ['Signature', ossSignature(stringToSign, this.options.ossAccessKeySecret)],
    ]
  }
}

/** Each path segment percent-encoded, slashes kept. */
export function encodeKey(key: string): string {
  return key.split('/').map(encodeURIComponent).join('/')
}

export function queryString(pairs: QueryPairs): string {
  if (pairs.length === 0) return ''
  return `?${pairs.map(([name, value]) => `${name}=${encodeURIComponent(value)}`).join('&')}`
}
