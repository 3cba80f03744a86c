/**
 * Reads when a signed OSS or CDN download URL stops working, from the URL alone.
 *
 * The engine refreshes a lease shortly before `expiresAt`; when no expiry can be read it
 * refreshes only after a 403. Reading too early an expiry costs one extra API call, reading
 * too late a one costs a failed request, so every ambiguous case below errs towards early.
 */

import { readCdnPathSignature } from '../../shared/cdn-path-signature'

/** How a URL is signed, which decides where its expiry lives. */
export type UrlSigningScheme = 'oss-v1' | 'oss-v4' | 'cdn-a' | 'cdn-b' | 'cdn-c' | 'unknown'

export interface UrlExpiry {
  /** Epoch ms after which the URL is refused, when it can be read or derived. */
  expiresAt?: number
  scheme: UrlSigningScheme
}

export interface UrlExpiryOptions {
  /** The AuthTimeout sent to the API that issued the URL, in seconds. */
  requestedAuthTimeoutSeconds?: number
  /** Epoch ms at which the URL was received. */
  issuedAt: number
}

/** CDN type B and C URLs, and type A URLs stamped with their signing time, live this long. */
export const cdnDefaultValiditySeconds = 1800

/**
 * Parses the expiry of a signed media URL.
 *
 * - OSS V1 (`Expires=<epoch s>`): exact.
 * - OSS V4 (`x-oss-date` + `x-oss-expires`): exact.
 * - CDN type A (`auth_key=<ts>-<rand>-<uid>-<md5>`): VOD puts the lifetime into `ts`, so a `ts`
 *   in the future is taken as the expiry (the CDN adds its own validity on top, which only
 *   makes the real expiry later). A `ts` at or before `issuedAt` is a signing time, so the
 *   expiry is `ts` + the requested AuthTimeout, or + 1800 s when none was requested.
 * - CDN type B (`/<YYYYMMDDHHMM>/<md5>/…`, UTC+8) and type C (`/<md5>/<hex ts>/…`): `ts` + 1800 s.
 * - Anything else: no expiry.
 */
export function parseUrlExpiry(url: string, options: UrlExpiryOptions): UrlExpiry {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return { scheme: 'unknown' }
  }
  const query = lowerCaseQuery(parsed)

  const ossV4 = readOssV4Expiry(query)
  if (ossV4 !== undefined) return { scheme: 'oss-v4', expiresAt: ossV4 }

  const expires = query.get('expires')
  if (expires !== undefined && (query.has('signature') || query.has('ossaccesskeyid'))) {
    const seconds = parseDecimal(expires)
    return seconds === undefined
      ? { scheme: 'oss-v1' }
      : { scheme: 'oss-v1', expiresAt: seconds * 1000 }
  }

  const authKey = query.get('auth_key')
  if (authKey !== undefined) return { scheme: 'cdn-a', ...readTypeAExpiry(authKey, options) }

  const segments = parsed.pathname.split('/').filter((segment) => segment !== '')
  const inPath = readCdnPathSignature(segments)
  if (inPath !== undefined) {
    return { scheme: inPath.scheme, expiresAt: inPath.signedAt + cdnDefaultValiditySeconds * 1000 }
  }

  return { scheme: 'unknown' }
}

/** Tells the signing scheme without computing an expiry. */
export function detectSigningScheme(url: string): UrlSigningScheme {
  return parseUrlExpiry(url, { issuedAt: 0 }).scheme
}

function lowerCaseQuery(url: URL): Map<string, string> {
  const query = new Map<string, string>()
  for (const [name, value] of url.searchParams) query.set(name.toLowerCase(), value)
  return query
}

function parseDecimal(text: string): number | undefined {
  return /^\d{1,13}$/.test(text) ? Number(text) : undefined
}

function readOssV4Expiry(query: Map<string, string>): number | undefined {
  const date = query.get('x-oss-date')
  const lifetime = query.get('x-oss-expires')
  if (date === undefined || lifetime === undefined) return undefined
  const match = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(date)
  const seconds = parseDecimal(lifetime)
  if (!match || seconds === undefined) return undefined
  const [, year, month, day, hour, minute, second] = match.map(Number)
  const signedAt = Date.UTC(year!, month! - 1, day, hour, minute, second)
  return Number.isNaN(signedAt) ? undefined : signedAt + seconds * 1000
}

function readTypeAExpiry(authKey: string, options: UrlExpiryOptions): { expiresAt?: number } {
  const timestamp = parseDecimal(authKey.split('-')[0] ?? '')
  if (timestamp === undefined) return {}
  const stampedAt = timestamp * 1000
  if (stampedAt > options.issuedAt) return { expiresAt: stampedAt }
  const lifetime = options.requestedAuthTimeoutSeconds ?? cdnDefaultValiditySeconds
  return { expiresAt: stampedAt + lifetime * 1000 }
}
