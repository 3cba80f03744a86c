import { createHash } from 'node:crypto'

/**
 * Alibaba CDN URL signing type A, the only type VOD domains support:
 * `auth_key=<timestamp>-<rand>-<uid>-<md5("<path>-<timestamp>-<rand>-<uid>-<key>")>`.
 * The emulator treats `timestamp` as the expiry instant (domain default validity 0 s).
 */

export interface CdnAuthParts {
  timestamp: number
  rand: string
  uid: string
  md5: string
}

export function cdnAuthHash(
  path: string,
  timestamp: number,
  rand: string,
  uid: string,
  privateKey: string,
): string {
  return createHash('md5').update(`${path}-${timestamp}-${rand}-${uid}-${privateKey}`).digest('hex')
}

/** The `auth_key` value for `path` (the URL path, starting with `/`, without query). */
export function cdnAuthKey(
  path: string,
  timestamp: number,
  rand: string,
  uid: string,
  privateKey: string,
): string {
  return `${timestamp}-${rand}-${uid}-${cdnAuthHash(path, timestamp, rand, uid, privateKey)}`
}

/** Splits an `auth_key` value; undefined when it does not have the four parts. */
export function parseCdnAuthKey(value: string): CdnAuthParts | undefined {
  const match = /^(\d{1,12})-([^-]*)-([^-]*)-([0-9a-fA-F]{32})$/.exec(value)
  if (!match) return undefined
  return {
    timestamp: Number(match[1]),
    rand: match[2] ?? '',
    uid: match[3] ?? '',
    md5: (match[4] ?? '').toLowerCase(),
  }
}
