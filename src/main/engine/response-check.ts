import type { ErrorCode } from '../../shared/errors'

/** What we asked for: bytes from `start`, up to and including `end` when given. */
export interface ByteRequest {
  start: number
  end?: number
}

export type HeaderValue = string | string[] | undefined

export interface ResponseHead {
  status: number
  headers: Record<string, HeaderValue>
}

export type ResponseVerdict =
  /** Bytes from `start` may be written; `total` is the whole object's size when known. */
  | {
      kind: 'accept'
      start: number
      total: number | null
      rangesSupported: boolean
      etag: string | null
      lastModified: string | null
    }
  /** The server sent the whole object (200) although we asked for a range starting later. */
  | {
      kind: 'ranges-ignored'
      total: number | null
      etag: string | null
      lastModified: string | null
    }
  /** 416: our offset is at or past the end of the object as the server knows it. */
  | { kind: 'not-satisfiable'; total: number | null }
  /** 401/403/410: read the body and call `classifyDenial`. */
  | { kind: 'denied'; status: number }
  | { kind: 'error'; code: ErrorCode; detail: string; retryable: boolean }

export function header(headers: Record<string, HeaderValue>, name: string): string | undefined {
  const value = headers[name.toLowerCase()]
  return Array.isArray(value) ? value[0] : value
}

export interface ContentRange {
  start: number
  end: number
  total: number | null
}

/** Parses `bytes a-b/N` (N may be `*`). */
export function parseContentRange(value: string | undefined): ContentRange | undefined {
  if (!value) return undefined
  const match = /^\s*bytes\s+(\d+)-(\d+)\/(\d+|\*)\s*$/i.exec(value)
  if (!match) return undefined
  const start = Number(match[1])
  const end = Number(match[2])
  const total = match[3] === '*' ? null : Number(match[3])
  if (end < start || (total !== null && end >= total)) return undefined
  return { start, end, total }
}

/** The total from a 416's `Content-Range: bytes *\/N`. */
export function parseUnsatisfiedRange(value: string | undefined): number | null {
  const match = value ? /^\s*bytes\s+\*\/(\d+)\s*$/i.exec(value) : null
  return match ? Number(match[1]) : null
}

const textualFileExtensions = /\.(html?|xhtml|xml|svg|txt|json|vtt|m3u8|csv)$/i

/**
 * A media download that answers with an HTML or XML document is an error page (expired link,
 * quota page, captive portal), whatever its status: such bodies must never be written as data.
 */
export function isErrorPageType(
  contentType: string | undefined,
  fileName: string | undefined,
): boolean {
  if (!contentType) return false
  if (fileName && textualFileExtensions.test(fileName)) return false
  return /^\s*(text\/html|application\/xhtml\+xml|application\/xml|text\/xml)\b/i.test(contentType)
}

/** Sniffs the first bytes of a body for an HTML page or an XML error document. */
export function looksLikeErrorPage(firstBytes: Uint8Array, fileName: string | undefined): boolean {
  if (fileName && textualFileExtensions.test(fileName)) return false
  const text = Buffer.from(firstBytes.subarray(0, 512)).toString('latin1').trimStart().toLowerCase()
  return (
    text.startsWith('<!doctype html') ||
    text.startsWith('<html') ||
    (text.startsWith('<?xml') && text.includes('<error>'))
  )
}

function contentLength(headers: Record<string, HeaderValue>): number | null {
  const value = header(headers, 'content-length')
  if (value === undefined || !/^\d+$/.test(value.trim())) return null
  return Number(value)
}

function encodingIsIdentity(headers: Record<string, HeaderValue>): boolean {
  const encoding = header(headers, 'content-encoding')
  return (
    encoding === undefined || encoding.trim() === '' || encoding.trim().toLowerCase() === 'identity'
  )
}

/**
 * Decides whether a response to a byte request may be written, strictly: a 206 must start
 * exactly where we asked and carry a total; a 200 to a ranged request means the server ignores
 * ranges; compressed or HTML/XML bodies are never accepted as file data.
 */
export function checkResponse(
  request: ByteRequest,
  response: ResponseHead,
  fileName: string | undefined,
): ResponseVerdict {
  const { status, headers } = response
  const etag = header(headers, 'etag') ?? null
  const lastModified = header(headers, 'last-modified') ?? null

  if (status === 206 || status === 200) {
    if (isErrorPageType(header(headers, 'content-type'), fileName)) {
      return {
        kind: 'error',
        code: 'ErrorPage',
        detail: `HTTP ${status} ${header(headers, 'content-type') ?? ''}`.trim(),
        retryable: false,
      }
    }
    if (!encodingIsIdentity(headers)) {
      return {
        kind: 'error',
        code: 'RangeNotSupported',
        detail: `the server compressed the body (Content-Encoding: ${header(headers, 'content-encoding')})`,
        retryable: false,
      }
    }
  }

  if (status === 206) {
    const range = parseContentRange(header(headers, 'content-range'))
    if (!range) {
      return {
        kind: 'error',
        code: 'RangeNotSupported',
        detail: `invalid Content-Range "${header(headers, 'content-range') ?? ''}"`,
        retryable: true,
      }
    }
    if (range.start !== request.start) {
      return {
        kind: 'error',
        code: 'RangeNotSupported',
        detail: `asked for byte ${request.start}, the server sent from byte ${range.start}`,
        retryable: true,
      }
    }
    if (range.total === null) {
      return {
        kind: 'error',
        code: 'RangeNotSupported',
        detail: 'the server did not say how large the file is',
        retryable: false,
      }
    }
    return {
      kind: 'accept',
      start: range.start,
      total: range.total,
      rangesSupported: true,
      etag,
      lastModified,
    }
  }

  if (status === 200) {
    const total = contentLength(headers)
    if (request.start > 0) return { kind: 'ranges-ignored', total, etag, lastModified }
    return { kind: 'accept', start: 0, total, rangesSupported: false, etag, lastModified }
  }

  if (status === 416) {
    return {
      kind: 'not-satisfiable',
      total: parseUnsatisfiedRange(header(headers, 'content-range')),
    }
  }
  if (status === 401 || status === 403 || status === 410) return { kind: 'denied', status }
  if (status === 404) {
    return { kind: 'error', code: 'NotFound', detail: 'HTTP 404', retryable: false }
  }
  if (status === 429)
    return { kind: 'error', code: 'Throttled', detail: 'HTTP 429', retryable: true }
  if (status === 408) return { kind: 'error', code: 'Timeout', detail: 'HTTP 408', retryable: true }
  if (status >= 500) {
    return { kind: 'error', code: 'ServerError', detail: `HTTP ${status}`, retryable: true }
  }
  return { kind: 'error', code: 'HttpError', detail: `HTTP ${status}`, retryable: false }
}

export interface StoredIdentity {
  totalBytes: number | null
  etag: string | null
  lastModified: string | null
}

function isStrongEtag(etag: string | null): etag is string {
  return etag !== null && !etag.startsWith('W/')
}

/**
 * Whether the object behind the URL is no longer the one whose bytes we hold. Size always
 * counts; a strong ETag counts when `trustEtag` (CDN edges may disagree about ETags for the
 * same object, so sources that pin identity themselves turn it off); Last-Modified counts
 * only when there is no strong ETag to compare.
 */
export function identityChanged(
  stored: StoredIdentity,
  received: { total: number | null; etag: string | null; lastModified: string | null },
  trustEtag: boolean,
): string | undefined {
  if (
    stored.totalBytes !== null &&
    received.total !== null &&
    stored.totalBytes !== received.total
  ) {
    return `size changed from ${stored.totalBytes} to ${received.total} bytes`
  }
  if (trustEtag && isStrongEtag(stored.etag) && isStrongEtag(received.etag)) {
    return stored.etag === received.etag
      ? undefined
      : `ETag changed from ${stored.etag} to ${received.etag}`
  }
  if (
    trustEtag &&
    !isStrongEtag(stored.etag) &&
    stored.lastModified !== null &&
    received.lastModified !== null &&
    stored.lastModified !== received.lastModified
  ) {
    return `Last-Modified changed from ${stored.lastModified} to ${received.lastModified}`
  }
  return undefined
}

export interface OssError {
  code: string
  message: string
}

/** Reads `<Error><Code>…</Code><Message>…</Message></Error>` from an OSS XML body. */
export function parseOssError(body: string): OssError | undefined {
  const code = /<Code>([^<]*)<\/Code>/i.exec(body)?.[1]
  if (code === undefined) return undefined
  const message = /<Message>([^<]*)<\/Message>/i.exec(body)?.[1] ?? ''
  return { code, message }
}

export type Denial = 'expired' | 'forbidden' | 'archived'

/**
 * Tells an expired or stale signature (renewable) from a real denial (Referer, IP, RAM rules).
 * OSS says so in its XML body, Alibaba CDN in `X-Tengine-Error`; when neither says, a lease
 * known to be past its expiry counts as expired.
 */
export function classifyDenial(
  response: ResponseHead,
  body: string,
  leaseExpired: boolean,
): { denial: Denial; detail: string } {
  const ossError = parseOssError(body)
  const tengine = header(response.headers, 'x-tengine-error')
  if (response.status === 410) return { denial: 'expired', detail: 'HTTP 410' }
  if (ossError) {
    const detail = `${ossError.code}: ${ossError.message}`
    // An object in archive storage that is not restored (or whose restored copy lapsed): neither
    // an expired signature nor an access rule.
    if (ossError.code === 'InvalidObjectState') return { denial: 'archived', detail }
    if (/expired/i.test(ossError.message) || /expired/i.test(ossError.code)) {
      return { denial: 'expired', detail }
    }
    if (/SignatureDoesNotMatch|InvalidAccessKeyId|SecurityToken/i.test(ossError.code)) {
      return { denial: 'expired', detail }
    }
    return { denial: leaseExpired ? 'expired' : 'forbidden', detail }
  }
  if (tengine) {
    if (/req auth/i.test(tengine)) return { denial: 'expired', detail: tengine }
    return { denial: 'forbidden', detail: tengine }
  }
  return {
    denial: leaseExpired ? 'expired' : 'forbidden',
    detail: `HTTP ${response.status}`,
  }
}
