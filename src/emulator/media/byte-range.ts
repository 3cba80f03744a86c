import type { IncomingHttpHeaders } from 'node:http'

/**
 * Range header interpretation for the fake media servers (the emulator's origin and edge, and
 * the engine tests' fixture server), so they all answer a given Range the same way.
 *
 * OSS GetObject has two behaviours (Alibaba Cloud OSS documentation, "Use HTTP Range requests to
 * get OSS resources in segments"; for a 1,000-byte object):
 * - by default a range that is malformed or not wholly inside the object is ignored: `bytes=0-1000`,
 *   `bytes=1000-2000`, `bytes=1000-` and `bytes=-2000` all get 200 with the whole object;
 * - with the request header `x-oss-range-behavior: standard` it follows HTTP: `bytes=500-2000` is
 *   cut to 500-999 (206) and a start at or past the end (`bytes=1000-2000`) gets 416 InvalidRange.
 * Either way a header that is not a single well-formed range, including `bytes=500-100` (last
 * before first, which RFC 9110 calls invalid), is ignored: 200 with the whole object.
 */

export type RangeRequest =
  | { kind: 'none' }
  | { kind: 'range'; start: number; endExclusive: number }
  | { kind: 'unsatisfiable' }

/**
 * How a server treats a range that reaches past the object: `standard` cuts it to the end or
 * answers 416 (RFC 9110, CDN edges, OSS with `x-oss-range-behavior: standard`);
 * `ignore-out-of-range` answers the whole object instead (OSS by default).
 */
export type RangeMode = 'standard' | 'ignore-out-of-range'

/**
 * A server's rule: always `standard`, or `oss`, which picks the mode per request from the
 * `x-oss-range-behavior` header as OSS does.
 */
export type RangeBehavior = 'standard' | 'oss'

/** The mode a request gets from a server with `behavior`. */
export function rangeModeFor(behavior: RangeBehavior, headers: IncomingHttpHeaders): RangeMode {
  if (behavior === 'standard') return 'standard'
  const requested = headers['x-oss-range-behavior']
  const value = Array.isArray(requested) ? requested[0] : requested
  return value?.trim().toLowerCase() === 'standard' ? 'standard' : 'ignore-out-of-range'
}

/** Interprets a Range header against an object of `size` bytes. */
export function parseRange(
  header: string | undefined,
  size: number,
  mode: RangeMode = 'standard',
): RangeRequest {
  if (header === undefined) return { kind: 'none' }
  const match = /^\s*bytes\s*=\s*(\d*)\s*-\s*(\d*)\s*$/i.exec(header)
  // Malformed and multi-range headers are ignored, so the whole object is sent.
  if (!match) return { kind: 'none' }
  const [, first = '', last = ''] = match
  if (first === '' && last === '') return { kind: 'none' }
  const outOfRange: RangeRequest =
    mode === 'standard' ? { kind: 'unsatisfiable' } : { kind: 'none' }
  if (first === '') {
    const suffix = Number(last)
    if (suffix === 0 || size === 0) return outOfRange
    if (suffix > size && mode !== 'standard') return { kind: 'none' }
    return { kind: 'range', start: Math.max(0, size - suffix), endExclusive: size }
  }
  const start = Number(first)
  // Checked before the size: an invalid range is ignored whatever the object's size.
  if (last !== '' && Number(last) < start) return { kind: 'none' }
  if (start >= size) return outOfRange
  if (last !== '' && Number(last) >= size && mode !== 'standard') return { kind: 'none' }
  const endExclusive = last === '' ? size : Math.min(Number(last) + 1, size)
  return { kind: 'range', start, endExclusive }
}
