import type { AddressType } from '../../../shared/vod'
import type { VodQuery } from '../transport'

/** Builds a wire query, dropping absent values (the server reads "undefined" literally). */
export function buildQuery(entries: Record<string, string | number | undefined>): VodQuery {
  const query: VodQuery = {}
  for (const [name, value] of Object.entries(entries)) {
    if (value !== undefined && value !== '') query[name] = String(value)
  }
  return query
}

/** Joins a list parameter the way the API wants it (`mp4,m3u8`), or leaves it out. */
export function commaList(values: readonly string[] | undefined): string | undefined {
  return values && values.length > 0 ? values.join(',') : undefined
}

/** Options shared by the actions that return signed URLs. */
export interface SignedUrlOptions {
  /** `cdn` (default, the accelerated domain) or `oss` (the origin bucket). */
  outputType?: AddressType
  /** Requested URL lifetime in seconds. */
  authTimeout?: number
}
