import type { IncomingMessage, ServerResponse } from 'node:http'
import { pipeline, type Readable } from 'node:stream'
import type { ServableEntity } from './entity'

/**
 * HTTP semantics shared by the origin and the edge: single byte ranges (206 / 416), strong
 * validators (ETag, Last-Modified, If-Range, If-None-Match, If-Modified-Since) and HEAD.
 * Multiple ranges are ignored (a 200 with the whole object), as OSS does.
 */

export type RangeRequest =
  | { kind: 'none' }
  | { kind: 'range'; start: number; endExclusive: number }
  | { kind: 'unsatisfiable' }

/** Interprets a Range header against an object of `size` bytes. */
export function parseRange(header: string | undefined, size: number): RangeRequest {
  if (header === undefined) return { kind: 'none' }
  const match = /^\s*bytes\s*=\s*(\d*)\s*-\s*(\d*)\s*$/i.exec(header)
  // Malformed and multi-range headers are ignored, so the whole object is sent.
  if (!match) return { kind: 'none' }
  const [, first = '', last = ''] = match
  if (first === '' && last === '') return { kind: 'none' }
  if (first === '') {
    const suffix = Number(last)
    if (suffix === 0 || size === 0) return { kind: 'unsatisfiable' }
    return { kind: 'range', start: Math.max(0, size - suffix), endExclusive: size }
  }
  const start = Number(first)
  if (start >= size) return { kind: 'unsatisfiable' }
  const end = last === '' ? size - 1 : Math.min(Number(last), size - 1)
  if (end < start) return { kind: 'none' }
  return { kind: 'range', start, endExclusive: end + 1 }
}

/** Writes the response for `entity`; returns the status sent. */
export function serveEntity(
  request: IncomingMessage,
  response: ServerResponse,
  entity: ServableEntity,
  baseHeaders: Record<string, string>,
  cutAfterBytes?: number,
): number {
  const lastModified = new Date(entity.lastModified).toUTCString()
  const headers: Record<string, string | number> = {
    ...baseHeaders,
    ...entity.headers,
    'accept-ranges': 'bytes',
    etag: entity.etag,
    'last-modified': lastModified,
    'content-type': entity.contentType,
  }
  if (notModified(request, entity)) {
    response.writeHead(304, headers)
    response.end()
    return 304
  }
  let range = parseRange(request.headers.range, entity.size)
  const ifRange = request.headers['if-range']
  if (
    range.kind !== 'none' &&
    !ifRangeHolds(Array.isArray(ifRange) ? ifRange[0] : ifRange, entity)
  ) {
    range = { kind: 'none' }
  }
  if (range.kind === 'unsatisfiable') {
    const body = rangeErrorXml(entity.size)
    response.writeHead(416, {
      ...baseHeaders,
      'content-range': `bytes */${entity.size}`,
      'content-type': 'application/xml',
      'content-length': Buffer.byteLength(body),
    })
    response.end(request.method === 'HEAD' ? undefined : body)
    return 416
  }
  const start = range.kind === 'range' ? range.start : 0
  const endExclusive = range.kind === 'range' ? range.endExclusive : entity.size
  const status = range.kind === 'range' ? 206 : 200
  headers['content-length'] = endExclusive - start
  if (range.kind === 'range') {
    headers['content-range'] = `bytes ${start}-${endExclusive - 1}/${entity.size}`
    // Content-MD5 describes the whole object; OSS leaves it off partial responses.
    delete headers['content-md5']
  }
  response.writeHead(status, headers)
  if (request.method === 'HEAD' || endExclusive === start) {
    response.end()
    return status
  }
  const body = entity.read(start, endExclusive)
  const cut = cutAfterBytes !== undefined && endExclusive - start > cutAfterBytes
  if (Buffer.isBuffer(body) && !cut) {
    response.end(body)
  } else if (Buffer.isBuffer(body)) {
    response.write(body.subarray(0, cutAfterBytes), () => response.destroy())
  } else {
    // A client that disconnects mid-body is normal for a download manager; nothing to report.
    if (cut) pipeWithCut(body, response, cutAfterBytes)
    else pipeline(body, response, () => undefined)
  }
  return status
}

function notModified(request: IncomingMessage, entity: ServableEntity): boolean {
  const ifNoneMatch = request.headers['if-none-match']
  if (ifNoneMatch !== undefined) {
    return ifNoneMatch
      .split(',')
      .map((tag) => tag.trim())
      .some((tag) => tag === '*' || tag === entity.etag || tag === `W/${entity.etag}`)
  }
  const ifModifiedSince = request.headers['if-modified-since']
  if (ifModifiedSince === undefined) return false
  const since = Date.parse(ifModifiedSince)
  return !Number.isNaN(since) && Math.floor(entity.lastModified / 1000) * 1000 <= since
}

/** If-Range holds for the same strong ETag or the exact Last-Modified date; weak tags never match. */
function ifRangeHolds(ifRange: string | undefined, entity: ServableEntity): boolean {
  if (ifRange === undefined) return true
  const value = ifRange.trim()
  if (value.startsWith('W/')) return false
  if (value.startsWith('"')) return value === entity.etag
  const date = Date.parse(value)
  return !Number.isNaN(date) && date === Math.floor(entity.lastModified / 1000) * 1000
}

function rangeErrorXml(size: number): string {
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n<Error>\n  <Code>InvalidRange</Code>\n' +
    '  <Message>The requested range cannot be satisfied</Message>\n' +
    `  <ActualObjectSize>${size}</ActualObjectSize>\n</Error>\n`
  )
}

/** Sends `limit` bytes of the body, then destroys the connection (a transfer broken mid-body). */
function pipeWithCut(body: Readable, response: ServerResponse, limit: number): void {
  let sent = 0
  body.on('data', (chunk: Buffer) => {
    const piece = chunk.subarray(0, limit - sent)
    sent += piece.length
    if (sent < limit) {
      if (!response.write(piece)) body.pause()
      return
    }
    body.destroy()
    response.write(piece, () => response.destroy())
  })
  response.on('drain', () => body.resume())
  response.on('close', () => body.destroy())
  body.on('error', () => response.destroy())
}
