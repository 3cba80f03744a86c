import { describe, expect, it } from 'vitest'
import {
  checkResponse,
  classifyDenial,
  identityChanged,
  looksLikeErrorPage,
  parseContentRange,
  parseOssError,
  parseUnsatisfiedRange,
} from '../../../src/main/engine/response-check'

const fromZero = { start: 0 }
const fromMiddle = { start: 1000 }

function head(status: number, headers: Record<string, string> = {}) {
  return { status, headers }
}

describe('parseContentRange', () => {
  it('reads start, end and total, and an unknown total', () => {
    expect(parseContentRange('bytes 0-99/100')).toEqual({ start: 0, end: 99, total: 100 })
    expect(parseContentRange('bytes 5-9/*')).toMatchObject({ start: 5, end: 9, total: null })
  })

  it('refuses what is not a satisfied byte range', () => {
    for (const value of [
      undefined,
      '',
      'bytes */100',
      'items 0-1/2',
      'bytes 9-5/100',
      'bytes a-b/c',
    ]) {
      expect(parseContentRange(value), String(value)).toBeUndefined()
    }
  })

  it('reads the size a 416 states', () => {
    expect(parseUnsatisfiedRange('bytes */4096')).toBe(4096)
    expect(parseUnsatisfiedRange(undefined)).toBeNull()
  })
})

describe('checkResponse', () => {
  it('accepts a 206 that starts exactly where asked and states the total', () => {
    const verdict = checkResponse(
      fromMiddle,
      head(206, { 'content-range': 'bytes 1000-1999/5000', etag: '"abc"' }),
      'x.mp4',
    )
    expect(verdict).toMatchObject({ kind: 'accept', start: 1000, total: 5000, etag: '"abc"' })
  })

  it('refuses a 206 that starts elsewhere, has no total, or no valid Content-Range', () => {
    const shifted = checkResponse(
      fromMiddle,
      head(206, { 'content-range': 'bytes 0-99/5000' }),
      'x',
    )
    expect(shifted).toMatchObject({ kind: 'error', code: 'RangeNotSupported', retryable: true })
    const noTotal = checkResponse(
      fromMiddle,
      head(206, { 'content-range': 'bytes 1000-1999/*' }),
      'x',
    )
    expect(noTotal).toMatchObject({ kind: 'error', code: 'RangeNotSupported', retryable: false })
    const broken = checkResponse(fromMiddle, head(206, { 'content-range': 'nonsense' }), 'x')
    expect(broken).toMatchObject({ kind: 'error', code: 'RangeNotSupported' })
  })

  it('takes a 200 to a request from byte 0 as a file without ranges, and to a later byte as ranges ignored', () => {
    expect(checkResponse(fromZero, head(200, { 'content-length': '42' }), 'x')).toMatchObject({
      kind: 'accept',
      total: 42,
      rangesSupported: false,
    })
    expect(checkResponse(fromMiddle, head(200, { 'content-length': '42' }), 'x')).toMatchObject({
      kind: 'ranges-ignored',
      total: 42,
    })
  })

  it('never accepts an HTML error page or a compressed body as file data', () => {
    expect(
      checkResponse(fromZero, head(200, { 'content-type': 'text/html; charset=utf-8' }), 'x.mp4'),
    ).toMatchObject({ kind: 'error', code: 'ErrorPage' })
    expect(
      checkResponse(fromZero, head(200, { 'content-encoding': 'gzip' }), 'x.mp4'),
    ).toMatchObject({ kind: 'error', code: 'RangeNotSupported' })
    expect(
      checkResponse(fromZero, head(200, { 'content-encoding': 'identity' }), 'x.mp4'),
    ).toMatchObject({ kind: 'accept' })
  })

  it('maps refusals and server errors to what the engine does next', () => {
    expect(checkResponse(fromZero, head(403), 'x')).toEqual({ kind: 'denied', status: 403 })
    expect(checkResponse(fromZero, head(410), 'x')).toEqual({ kind: 'denied', status: 410 })
    expect(checkResponse(fromZero, head(404), 'x')).toMatchObject({
      code: 'NotFound',
      retryable: false,
    })
    expect(checkResponse(fromZero, head(429), 'x')).toMatchObject({
      code: 'Throttled',
      retryable: true,
    })
    expect(checkResponse(fromZero, head(503), 'x')).toMatchObject({
      code: 'ServerError',
      retryable: true,
    })
    expect(checkResponse(fromZero, head(418), 'x')).toMatchObject({
      code: 'HttpError',
      retryable: false,
    })
    expect(checkResponse(fromMiddle, head(416, { 'content-range': 'bytes */1000' }), 'x')).toEqual({
      kind: 'not-satisfiable',
      total: 1000,
    })
  })
})

describe('looksLikeErrorPage', () => {
  it('sniffs HTML and XML at the start of a body, but not in a file that is meant to be one', () => {
    const html = new TextEncoder().encode('  <!DOCTYPE html><html><body>quota</body></html>')
    const xml = new TextEncoder().encode(
      '<?xml version="1.0"?><Error><Code>AccessDenied</Code></Error>',
    )
    const video = Uint8Array.from([0x00, 0x00, 0x00, 0x20, 0x66, 0x74, 0x79, 0x70])
    expect(looksLikeErrorPage(html, 'master.mov')).toBe(true)
    expect(looksLikeErrorPage(xml, 'master.mov')).toBe(true)
    expect(looksLikeErrorPage(video, 'master.mov')).toBe(false)
    expect(looksLikeErrorPage(html, 'page.html')).toBe(false)
  })
})

describe('identityChanged', () => {
  const stored = { totalBytes: 100, etag: '"a"', lastModified: 'Mon, 01 Dec 2026 00:00:00 GMT' }

  it('always counts a different size', () => {
    expect(identityChanged(stored, { total: 101, etag: '"a"', lastModified: null }, false)).toMatch(
      /size changed/,
    )
  })

  it('counts a different strong ETag only when ETags are trusted', () => {
    const received = { total: 100, etag: '"b"', lastModified: null }
    expect(identityChanged(stored, received, true)).toMatch(/ETag changed/)
    expect(identityChanged(stored, received, false)).toBeUndefined()
  })

  it('falls back to Last-Modified when there is no strong ETag', () => {
    const weak = { ...stored, etag: 'W/"a"' }
    const received = { total: 100, etag: 'W/"b"', lastModified: 'Tue, 02 Dec 2026 00:00:00 GMT' }
    expect(identityChanged(weak, received, true)).toMatch(/Last-Modified changed/)
    expect(
      identityChanged(weak, { ...received, lastModified: stored.lastModified }, true),
    ).toBeUndefined()
  })
})

describe('classifyDenial', () => {
  const oss = (code: string, message: string) =>
    `<?xml version="1.0" encoding="UTF-8"?><Error><Code>${code}</Code><Message>${message}</Message></Error>`

  it('reads an OSS error body', () => {
    expect(parseOssError(oss('AccessDenied', 'Request has expired.'))).toEqual({
      code: 'AccessDenied',
      message: 'Request has expired.',
    })
    expect(parseOssError('plain text')).toBeUndefined()
  })

  it('tells an expired signature from a real denial', () => {
    expect(
      classifyDenial(head(403), oss('AccessDenied', 'Request has expired.'), false).denial,
    ).toBe('expired')
    expect(classifyDenial(head(403), oss('SignatureDoesNotMatch', 'x'), false).denial).toBe(
      'expired',
    )
    expect(classifyDenial(head(403), oss('AccessDenied', 'You have no right'), false).denial).toBe(
      'forbidden',
    )
    expect(
      classifyDenial(head(403, { 'x-tengine-error': 'denied by req auth: expired' }), '', false)
        .denial,
    ).toBe('expired')
    expect(
      classifyDenial(head(403, { 'x-tengine-error': 'denied by Referer ACL' }), '', false).denial,
    ).toBe('forbidden')
    expect(classifyDenial(head(410), '', false).denial).toBe('expired')
  })

  it('tells an object in archive storage from an expired signature and an access rule', () => {
    const frozen = oss('InvalidObjectState', "The operation is not valid for the object's state")
    expect(classifyDenial(head(403), frozen, false)).toEqual({
      denial: 'archived',
      detail: "InvalidObjectState: The operation is not valid for the object's state",
    })
    // Even past the lease's expiry: renewing the address would not make it readable.
    expect(classifyDenial(head(403), frozen, true).denial).toBe('archived')
  })

  it('counts an unexplained refusal as expiry only when the lease is past its expiry', () => {
    expect(classifyDenial(head(403), '', true).denial).toBe('expired')
    expect(classifyDenial(head(403), '', false).denial).toBe('forbidden')
  })
})
