import type { IncomingHttpHeaders } from 'node:http'
import type { RangeBehavior } from './byte-range'
import { parseRange, rangeModeFor } from './byte-range'
import type { OssError } from './oss-errors'

/**
 * The status and headers of a GET or HEAD of one object, decided without I/O, shared by the
 * emulator's origin and edge and by the engine tests' fixture server: single byte ranges
 * (206 / 416 / ignored), strong validators (ETag, Last-Modified, If-Range, If-None-Match,
 * If-Modified-Since). The caller writes the body, which is where the servers differ.
 */

/** What the response needs to know about the object. */
export interface EntityDescription {
  size: number
  contentType: string
  /** Quoted, strong or weak (`W/"…"`); absent when the server sends no ETag. */
  etag?: string
  /** Milliseconds; absent when the server sends no Last-Modified. */
  lastModified?: number
  /**
   * Extra headers: x-oss-hash-crc64ecma, Content-MD5, Content-Disposition, … Content-MD5
   * describes the whole object and is left off partial responses, as OSS does.
   */
  headers: Record<string, string>
}

export interface ResponseOptions {
  /** `oss` for an OSS origin (see `byte-range.ts`), `standard` for a CDN edge. */
  rangeBehavior: RangeBehavior
  /** Advertise `Accept-Ranges: bytes`; default true. Ranges are honoured either way. */
  acceptRanges?: boolean
}

export type EntityResponse =
  | { kind: 'not-modified'; status: 304; headers: Record<string, string> }
  | {
      kind: 'body'
      status: 200 | 206
      headers: Record<string, string>
      start: number
      endExclusive: number
    }
  | {
      kind: 'invalid-range'
      status: 416
      error: OssError
      /** Content-Range `bytes *\/size`; the error body sets its own type and length. */
      headers: Record<string, string>
    }

export interface EntityRequest {
  headers: IncomingHttpHeaders
}

/** Decides the response to `request` for `entity`. */
export function entityResponse(
  request: EntityRequest,
  entity: EntityDescription,
  options: ResponseOptions,
): EntityResponse {
  const headers: Record<string, string> = { ...entity.headers }
  if (options.acceptRanges !== false) headers['accept-ranges'] = 'bytes'
  if (entity.etag !== undefined) headers.etag = entity.etag
  if (entity.lastModified !== undefined) {
    headers['last-modified'] = new Date(entity.lastModified).toUTCString()
  }
  headers['content-type'] = entity.contentType
  if (notModified(request.headers, entity)) {
    return { kind: 'not-modified', status: 304, headers }
  }
  const mode = rangeModeFor(options.rangeBehavior, request.headers)
  let range = parseRange(request.headers.range, entity.size, mode)
  if (range.kind !== 'none' && !ifRangeHolds(firstValue(request.headers['if-range']), entity)) {
    range = { kind: 'none' }
  }
  if (range.kind === 'unsatisfiable') {
    return {
      kind: 'invalid-range',
      status: 416,
      error: invalidRange(entity.size),
      headers: { 'content-range': `bytes */${entity.size}` },
    }
  }
  if (range.kind === 'none') {
    headers['content-length'] = String(entity.size)
    return { kind: 'body', status: 200, headers, start: 0, endExclusive: entity.size }
  }
  const { start, endExclusive } = range
  headers['content-length'] = String(endExclusive - start)
  headers['content-range'] = `bytes ${start}-${endExclusive - 1}/${entity.size}`
  delete headers['content-md5']
  return { kind: 'body', status: 206, headers, start, endExclusive }
}

/** OSS's answer to a range that starts at or past the end (with standard range behaviour). */
export function invalidRange(size: number): OssError {
  return {
    status: 416,
    code: 'InvalidRange',
    message: 'The requested range cannot be satisfied',
    details: [['ActualObjectSize', String(size)]],
  }
}

function notModified(headers: IncomingHttpHeaders, entity: EntityDescription): boolean {
  const ifNoneMatch = headers['if-none-match']
  if (ifNoneMatch !== undefined) {
    const etag = entity.etag
    if (etag === undefined) return false
    const strong = etag.replace(/^W\//, '')
    return ifNoneMatch
      .split(',')
      .map((tag) => tag.trim())
      .some((tag) => tag === '*' || tag === strong || tag === `W/${strong}`)
  }
  const ifModifiedSince = headers['if-modified-since']
  if (ifModifiedSince === undefined || entity.lastModified === undefined) return false
  const since = Date.parse(ifModifiedSince)
  return !Number.isNaN(since) && wholeSeconds(entity.lastModified) <= since
}

/**
 * If-Range holds for the same strong ETag or the exact Last-Modified date; weak tags never match
 * (RFC 9110 §13.1.5), so a client sending one, or facing a weak ETag, gets the whole object.
 */
function ifRangeHolds(ifRange: string | undefined, entity: EntityDescription): boolean {
  if (ifRange === undefined) return true
  const value = ifRange.trim()
  if (value.startsWith('W/')) return false
  if (value.startsWith('"')) {
    return entity.etag !== undefined && !entity.etag.startsWith('W/') && value === entity.etag
  }
  if (entity.lastModified === undefined) return false
  const date = Date.parse(value)
  return !Number.isNaN(date) && date === wholeSeconds(entity.lastModified)
}

/** HTTP dates have one-second resolution. */
function wholeSeconds(milliseconds: number): number {
  return Math.floor(milliseconds / 1000) * 1000
}

/** Node joins most repeated headers but leaves unknown ones as arrays; take the first. */
function firstValue(header: string | string[] | undefined): string | undefined {
  return Array.isArray(header) ? header[0] : header
}
