/**
 * Alibaba Cloud CDN URL signing types B and C put their signature into the path instead of the
 * query. Reading them is needed twice: to know when such a URL expires (src/main/vod/url-lease.ts)
 * and to hide the signature before a URL is logged or shown (src/shared/redact.ts). Pure, so the
 * engine, VOD code, CLI and host can all use it.
 *
 * - Type B: `/<YYYYMMDDHHMM>/<md5hash>/FileName`, the stamp in China Standard Time (UTC+8).
 * - Type C: `/<md5hash>/<hex timestamp>/FileName`, the stamp in Unix seconds.
 */

export interface CdnPathSignature {
  scheme: 'cdn-b' | 'cdn-c'
  /** Which of the non-empty path segments holds the MD5 signature. */
  signatureIndex: 0 | 1
  /** When the URL was signed (epoch ms), as stamped into the path. */
  signedAt: number
}

/** Type B stamps are written in China Standard Time (UTC+8). */
const chinaStandardTimeOffsetMs = 8 * 3600 * 1000

const md5Pattern = /^[0-9a-f]{32}$/i

/**
 * Reads a type B or C signature from the non-empty segments of a URL path (at least one segment
 * must follow the two signing segments: the file itself). Undefined for any other path.
 */
export function readCdnPathSignature(segments: readonly string[]): CdnPathSignature | undefined {
  if (segments.length < 3) return undefined
  const [first, second] = segments as [string, string]
  const typeB = readTypeBStamp(first)
  if (typeB !== undefined && md5Pattern.test(second)) {
    return { scheme: 'cdn-b', signatureIndex: 1, signedAt: typeB }
  }
  if (md5Pattern.test(first) && /^[0-9a-f]{8}$/i.test(second)) {
    return { scheme: 'cdn-c', signatureIndex: 0, signedAt: Number.parseInt(second, 16) * 1000 }
  }
  return undefined
}

function readTypeBStamp(stamp: string): number | undefined {
  const match = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})$/.exec(stamp)
  if (!match) return undefined
  const [, year, month, day, hour, minute] = match.map(Number)
  if (month! < 1 || month! > 12 || day! < 1 || day! > 31 || hour! > 23 || minute! > 59) {
    return undefined
  }
  return Date.UTC(year!, month! - 1, day, hour, minute) - chinaStandardTimeOffsetMs
}
