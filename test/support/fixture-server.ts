import { createHash } from 'node:crypto'
import { once } from 'node:events'
import {
  createServer,
  STATUS_CODES,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http'
import type { AddressInfo, Socket } from 'node:net'
import { Readable } from 'node:stream'
import { setTimeout as delay } from 'node:timers/promises'
import { createGzip } from 'node:zlib'
import type { RangeBehavior } from '../../src/emulator/media/byte-range'
import type { EntityDescription } from '../../src/emulator/media/entity-response'
import { entityResponse } from '../../src/emulator/media/entity-response'
import type { OssError } from '../../src/emulator/media/oss-errors'
import { noSuchKey, ossRequestId, sendOssError } from '../../src/emulator/media/oss-errors'
import { SyntheticDigests } from '../../src/emulator/media/synthetic-digests'
import { checkPresignature } from '../../src/emulator/signing/oss-presignature'
import { ossSignature, ossStringToSign } from '../../src/emulator/signing/oss-url'
import { contentSha256, contentSlice } from '../../src/emulator/synthetic-content'

/**
 * A real HTTP server on 127.0.0.1 that serves synthetic files the way OSS and Alibaba CDN do
 * (Range, validators, CRC-64 and MD5 headers, V1 presigned URLs) and misbehaves on request the
 * way real servers do (section 4 of the download anchors), so engine tests and benchmarks run
 * against real sockets instead of mocks. Status, headers, ranges, validators, the signature check
 * and the XML errors come from the emulator's media code (`entityResponse`, `checkPresignature`,
 * `sendOssError`), so both fake servers answer alike; this file adds only the files' options and
 * the fault injection.
 */

/** One file the server serves. */
export interface FixtureFile {
  /** URL path, e.g. '/files/movie.mp4'; may contain any characters (it is percent-encoded in URLs). */
  path: string
  size: number
  /** Content seed; defaults to a hash of `path`. */
  seed?: number
  /** Defaults to 'application/octet-stream'. */
  contentType?: string
  /**
   * Sent verbatim. Node writes header strings as latin1, so to send raw bytes (a GBK file name)
   * pass `Buffer.from(bytes).toString('latin1')`.
   */
  contentDisposition?: string
  /** Default 'strong': `"<32 hex>"`, changing whenever the content changes. */
  etag?: 'strong' | 'weak' | 'none'
  /** Send Last-Modified; default true. */
  lastModified?: boolean
  /** Send `x-oss-hash-crc64ecma` (of the whole object) on 200 and 206. */
  crc64Header?: boolean
  /** Send `Content-MD5` (base64, whole object) on 200 only, as OSS does. */
  contentMd5Header?: boolean
  /** Send 'Accept-Ranges: bytes'; default true. Ranges are honoured either way (see ignoreRange). */
  acceptRanges?: boolean
  /**
   * How a range past the end is answered: 'standard' (default) cuts it or answers 416, as a CDN
   * edge does; 'oss' answers as an OSS bucket does, ignoring it (200, whole object) unless the
   * request carries `x-oss-range-behavior: standard`. See `src/emulator/media/byte-range.ts`.
   */
  rangeBehavior?: RangeBehavior
  faults?: Faults
}

/**
 * Misbehaviour for one file. Every counted fault ("the next N") counts from the last `setFaults`
 * (or `addFile`) for that path.
 */
export interface Faults {
  /** Per-response rate limit, paced with timers. */
  bytesPerSecondPerConnection?: number
  /**
   * The next `dropCount` (default: every) responses whose body is longer than `dropAfterBytes`
   * send exactly that many body bytes, then the socket is destroyed.
   */
  dropAfterBytes?: number
  dropCount?: number
  /** The next `count` requests get this status and a short text body. */
  statusBurst?: { status: number; count: number; retryAfterSeconds?: number }
  /** Answer ranged requests with 200 and the full body. */
  ignoreRange?: boolean
  /**
   * After this many requests the object changes: new seed, ETag and Last-Modified, and size
   * `changedSize` if set. Request number N+1 is the first to see the new object. Fires once per
   * `setFaults`; setting the faults again arms another change.
   */
  changeContentAfterRequests?: number
  changedSize?: number
  /** The next N requests get 200 text/html "Error: quota exceeded" instead of the file. */
  htmlErrorWith200?: number
  /** Delay before the response headers, on every request to the file. */
  firstByteDelayMs?: number
  /**
   * The next `stallCount` (default: every) responses whose body is longer than `stallAfterBytes`
   * send that many body bytes and then go silent with the socket left open.
   */
  stallAfterBytes?: number
  stallCount?: number
  /**
   * The next `wrongRangeCount` (default 1) 206 responses serve the range shifted by this many
   * bytes (negative: earlier), with a Content-Range that honestly says so.
   */
  wrongRangeStartBy?: number
  wrongRangeCount?: number
  /** If Accept-Encoding allows gzip: 200, `Content-Encoding: gzip` of the whole body, no range. */
  gzipWhenAccepted?: boolean
  /** Require an OSS V1 presigned query (Expires, OSSAccessKeyId, Signature); see `signUrl`. */
  signed?: { secret?: string }
}

/** What the server did with one request. The record is updated in place while it runs. */
export interface RequestRecord {
  path: string
  method: string
  /** The raw request target, query included. */
  url: string
  /** The request's Range header. */
  range: string | undefined
  /** A copy of the request headers (lower-case names). */
  headers: IncomingHttpHeaders
  /** The response status; 0 if the client left before one was chosen. */
  status: number
  /** Body bytes the kernel accepted (compressed bytes for gzip responses). */
  bytesSent: number
  /** `Date.now()` when the request arrived. */
  startedAt: number
  /** The response ended early and not because a fault cut it: the client went away or close(). */
  aborted: boolean
  /** A drop fault cut this response. */
  dropped: boolean
  /** A stall fault silenced this response. */
  stalled: boolean
  /** The response is over (completed, cut or aborted); bytesSent is final. */
  finished: boolean
}

/** A running fixture server. */
export interface FixtureServer {
  /** 'http://127.0.0.1:PORT' */
  readonly origin: string
  /** The plain URL of a path, percent-encoded. */
  url(path: string): string
  /**
   * An OSS V1 presigned URL valid for `ttlSeconds` by the server's (offset) clock:
   * `?Expires=<unix s>&OSSAccessKeyId=…&Signature=<url-encoded base64 HMAC-SHA1 over
   * "GET\n\n\n<Expires>\n/fixture<path>">`. Like OSS, the signature covers the method, so a HEAD
   * with a GET-signed URL is answered 403 SignatureDoesNotMatch.
   */
  signUrl(path: string, ttlSeconds: number): string
  /** Replaces the file's faults and resets its counters (the content version is kept). */
  setFaults(path: string, faults: Faults): void
  /** Shifts the server's clock (expiry checks, `Date` headers, `signUrl`). */
  setClockOffsetMs(milliseconds: number): void
  /** Adds or replaces a file. */
  addFile(file: FixtureFile): void
  /** The current version of a file; `sha256` is computed on first read (about 0.6 s per GiB). */
  file(path: string): { size: number; sha256: string; seed: number; etag: string | undefined }
  /** Every request, in arrival order. */
  readonly log: RequestRecord[]
  /** Body bytes sent in total, or for one path. */
  bytesSent(path?: string): number
  /** Resolves once no response is in progress (so every record is final). */
  waitForIdle(): Promise<void>
  /** Stops listening and destroys every socket, including keep-alive and stalled ones. */
  close(): Promise<void>
}

/** Options for `startFixtureServer`. */
export interface FixtureServerOptions {
  /** Default 0: a free port. */
  port?: number
  /** How long idle keep-alive sockets stay open; default 5000 (Node's default). */
  keepAliveTimeoutMs?: number
}

/** The bucket name in signed resource strings, and the host in error bodies. */
const bucketName = 'fixture'
const hostId = '127.0.0.1'
const defaultSecret = 'fixture-secret'
const accessKeyId = 'fixture-access-key'
/** Initial Last-Modified: fixed, so validators are stable across runs. */
const initialLastModifiedMs = Date.UTC(2024, 0, 1)
const htmlErrorBody = '<html><body>Error: quota exceeded</body></html>'

/** The mutable state of one served file. */
interface FileState {
  definition: FixtureFile
  faults: Faults
  version: number
  seed: number
  size: number
  etag: string | undefined
  lastModifiedMs: number
  /** Requests since the faults were set, and how many of each counted fault were used. */
  requests: number
  /** The change fault has fired since the faults were set. */
  changed: boolean
  drops: number
  stalls: number
  bursts: number
  htmlErrors: number
  wrongRanges: number
}

/** Starts a fixture server on 127.0.0.1 serving `files`. */
export async function startFixtureServer(
  files: FixtureFile[],
  options: FixtureServerOptions = {},
): Promise<FixtureServer> {
  const fixture = new Fixture(files)
  const server = createServer((request, response) => fixture.handle(request, response))
  server.keepAliveTimeout = options.keepAliveTimeoutMs ?? 5000
  server.listen(options.port ?? 0, '127.0.0.1')
  await once(server, 'listening')
  fixture.attach(server)
  return fixture
}

/** The server's state and request handling; `startFixtureServer` wires it to a socket. */
class Fixture implements FixtureServer {
  origin = ''
  readonly log: RequestRecord[] = []
  private server: Server | undefined
  private closing: Promise<void> | undefined
  private readonly files = new Map<string, FileState>()
  private readonly sockets = new Set<Socket>()
  private clockOffsetMs = 0
  private inFlight = 0
  private idleWaiters: (() => void)[] = []
  private readonly digests = new SyntheticDigests()

  constructor(files: FixtureFile[]) {
    for (const file of files) this.addFile(file)
  }

  url(path: string): string {
    return this.origin + encodePath(path)
  }

  signUrl(path: string, ttlSeconds: number): string {
    const expires = Math.floor(this.now() / 1000) + ttlSeconds
    const secret = this.files.get(path)?.faults.signed?.secret ?? defaultSecret
    const signature = ossSignature(
      ossStringToSign({ method: 'GET', expires, bucket: bucketName, key: path.slice(1) }),
      secret,
    )
    return (
      `${this.url(path)}?Expires=${expires}&OSSAccessKeyId=${accessKeyId}` +
      `&Signature=${encodeURIComponent(signature)}`
    )
  }

  setFaults(path: string, faults: Faults): void {
    const state = this.state(path)
    state.faults = faults
    resetCounters(state)
  }

  setClockOffsetMs(milliseconds: number): void {
    this.clockOffsetMs = milliseconds
  }

  addFile(file: FixtureFile): void {
    checkSize(file.size)
    const seed = file.seed ?? seedFromPath(file.path)
    const state: FileState = {
      definition: file,
      faults: file.faults ?? {},
      version: 0,
      seed,
      size: file.size,
      etag: undefined,
      lastModifiedMs: initialLastModifiedMs,
      requests: 0,
      changed: false,
      drops: 0,
      stalls: 0,
      bursts: 0,
      htmlErrors: 0,
      wrongRanges: 0,
    }
    state.etag = etagFor(state)
    this.files.set(file.path, state)
  }

  file(path: string): { size: number; sha256: string; seed: number; etag: string | undefined } {
    const { size, seed, etag } = this.state(path)
    return {
      size,
      seed,
      etag,
      get sha256() {
        return contentSha256(seed, size)
      },
    }
  }

  bytesSent(path?: string): number {
    let total = 0
    for (const record of this.log) {
      if (path === undefined || record.path === path) total += record.bytesSent
    }
    return total
  }

  waitForIdle(): Promise<void> {
    if (this.inFlight === 0) return Promise.resolve()
    return new Promise((resolve) => this.idleWaiters.push(resolve))
  }

  close(): Promise<void> {
    this.closing ??= this.shutDown()
    return this.closing
  }

  /** Takes over a listening server: tracks its sockets so close() can destroy them. */
  attach(server: Server): void {
    this.server = server
    this.origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
    server.on('connection', (socket: Socket) => {
      this.sockets.add(socket)
      socket.once('close', () => this.sockets.delete(socket))
    })
  }

  private async shutDown(): Promise<void> {
    const server = this.server
    if (server === undefined) return
    const closed = new Promise<void>((resolve) => server.close(() => resolve()))
    // server.close() alone would wait for busy keep-alive and stalled sockets.
    for (const socket of this.sockets) socket.destroy()
    await closed
    await this.waitForIdle()
  }

  /** Entry point for every request; never rejects. */
  handle(request: IncomingMessage, response: ServerResponse): void {
    const target = request.url ?? '/'
    const url = parseTarget(target)
    const record: RequestRecord = {
      path: decodePath(url.pathname),
      method: request.method ?? 'GET',
      url: target,
      range: request.headers.range,
      headers: { ...request.headers },
      status: 0,
      bytesSent: 0,
      startedAt: Date.now(),
      aborted: false,
      dropped: false,
      stalled: false,
      finished: false,
    }
    this.log.push(record)
    this.inFlight++
    const controller = new AbortController()
    let completed = false
    response.once('finish', () => (completed = true))
    response.once('close', () => {
      record.aborted = !completed && !record.dropped && !record.stalled
      record.finished = true
      controller.abort()
      this.inFlight--
      if (this.inFlight === 0) for (const resolve of this.idleWaiters.splice(0)) resolve()
    })
    const exchange: Exchange = { request, response, record, url, signal: controller.signal }
    this.serve(exchange).catch((error: unknown) => {
      if (controller.signal.aborted) return
      // A bug in the fixture: make it loud in the test output rather than a silent hang.
      console.error('fixture server failed on', record.url, error)
      if (response.headersSent) response.destroy()
      else sendText(exchange, 500, 'text/plain; charset=utf-8', 'fixture server error\n')
    })
  }

  private async serve(exchange: Exchange): Promise<void> {
    const { record, response } = exchange
    response.setHeader('x-oss-request-id', ossRequestId())
    this.stampDate(exchange)
    if (record.method !== 'GET' && record.method !== 'HEAD') {
      response.setHeader('Allow', 'GET, HEAD')
      sendError(exchange, {
        status: 405,
        code: 'MethodNotAllowed',
        message: 'The specified method is not allowed against this resource.',
      })
      return
    }
    const state = this.files.get(record.path)
    if (state === undefined) {
      sendError(exchange, noSuchKey(record.path.replace(/^\//, '')))
      return
    }
    const faults = state.faults
    state.requests++
    this.applyContentChange(state)
    if (faults.firstByteDelayMs !== undefined && faults.firstByteDelayMs > 0) {
      await delay(faults.firstByteDelayMs, undefined, { signal: exchange.signal })
      this.stampDate(exchange)
    }
    if (faults.signed !== undefined && !this.checkSignature(exchange, faults.signed)) return
    const burst = faults.statusBurst
    if (burst !== undefined && state.bursts < burst.count) {
      state.bursts++
      if (burst.retryAfterSeconds !== undefined) {
        response.setHeader('Retry-After', String(burst.retryAfterSeconds))
      }
      const reason = STATUS_CODES[burst.status] ?? 'Fault'
      sendText(exchange, burst.status, 'text/plain; charset=utf-8', `${burst.status} ${reason}\n`)
      return
    }
    if (state.htmlErrors < (faults.htmlErrorWith200 ?? 0)) {
      state.htmlErrors++
      sendText(exchange, 200, 'text/html; charset=utf-8', htmlErrorBody)
      return
    }
    await this.sendContent(exchange, state)
  }

  /** Switches to the changed object once the request count passes the threshold. */
  private applyContentChange(state: FileState): void {
    const threshold = state.faults.changeContentAfterRequests
    if (threshold === undefined || state.requests <= threshold || state.changed) return
    state.changed = true
    state.version++
    state.seed = changedSeed(state.seed, state.version)
    state.size = state.faults.changedSize ?? state.size
    checkSize(state.size)
    // HTTP dates have one-second resolution: the new date must differ from the old one.
    const nowSeconds = Math.floor(this.now() / 1000) * 1000
    state.lastModifiedMs = Math.max(nowSeconds, state.lastModifiedMs + 1000)
    state.etag = etagFor(state)
  }

  /** Sends a 403 and returns false unless the query carries a valid, unexpired V1 signature. */
  private checkSignature(exchange: Exchange, signed: { secret?: string }): boolean {
    const { url, record } = exchange
    const denial = checkPresignature({
      method: record.method,
      bucket: bucketName,
      key: record.path.slice(1),
      query: new Map(url.searchParams),
      now: this.now(),
      accessKeyId,
      accessKeySecret: signed.secret ?? defaultSecret,
    })
    if (denial === undefined) return true
    sendError(exchange, denial)
    return false
  }

  /** The 200, 206, 304 or 416 for the object itself, with the file's faults applied. */
  private async sendContent(exchange: Exchange, state: FileState): Promise<void> {
    const { request, response, record } = exchange
    const { definition, faults, size, seed } = state
    const gzip = faults.gzipWhenAccepted === true && acceptsGzip(request.headers['accept-encoding'])
    // Both faults answer as a server that does not do ranges: the Range header is not looked at.
    const headers =
      gzip || faults.ignoreRange === true ? withoutRange(request.headers) : request.headers
    const plan = entityResponse({ headers }, this.describe(state), {
      rangeBehavior: definition.rangeBehavior ?? 'standard',
      acceptRanges: definition.acceptRanges !== false,
    })
    if (plan.kind === 'invalid-range') {
      for (const [name, value] of Object.entries(plan.headers)) response.setHeader(name, value)
      sendError(exchange, plan.error)
      return
    }
    for (const [name, value] of Object.entries(plan.headers)) response.setHeader(name, value)
    record.status = plan.status
    response.statusCode = plan.status
    if (plan.kind === 'not-modified') {
      response.end()
      return
    }
    let { start, endExclusive: end } = plan
    if (plan.status === 206 && faults.wrongRangeStartBy !== undefined) {
      if (state.wrongRanges < (faults.wrongRangeCount ?? 1)) {
        state.wrongRanges++
        const shift = faults.wrongRangeStartBy
        start = clamp(start + shift, 0, size - 1)
        end = clamp(end + shift, start + 1, size)
        response.setHeader('Content-Length', String(end - start))
        response.setHeader('Content-Range', `bytes ${start}-${end - 1}/${size}`)
      }
    }
    if (gzip) {
      response.removeHeader('Content-Length')
      response.removeHeader('Content-MD5')
      response.setHeader('Content-Encoding', 'gzip')
      response.setHeader('Vary', 'Accept-Encoding')
    }
    if (record.method === 'HEAD') {
      response.end()
      return
    }
    const chunks = contentSlice(seed, start, end)
    const body = gzip ? gzipStream(chunks) : chunks
    const bodyLength = gzip ? Infinity : end - start
    await sendBody(
      exchange,
      body,
      this.cutFor(state, bodyLength),
      faults.bytesPerSecondPerConnection,
    )
  }

  /** The current version of a file as the shared response code sees it. */
  private describe(state: FileState): EntityDescription {
    const { definition, seed, size } = state
    const headers: Record<string, string> = {}
    if (definition.contentDisposition !== undefined) {
      headers['content-disposition'] = definition.contentDisposition
    }
    if (definition.crc64Header === true) {
      headers['x-oss-hash-crc64ecma'] = this.digests.crc64(seed, size)
    }
    if (definition.contentMd5Header === true) {
      headers['content-md5'] = Buffer.from(this.digests.md5Hex(seed, size), 'hex').toString(
        'base64',
      )
    }
    return {
      size,
      contentType: definition.contentType ?? 'application/octet-stream',
      etag: state.etag,
      lastModified: definition.lastModified === false ? undefined : state.lastModifiedMs,
      headers,
    }
  }

  /** Picks the drop or stall fault for a body of this length, using up one of its count. */
  private cutFor(state: FileState, bodyLength: number): Cut | undefined {
    const { faults } = state
    if (
      faults.dropAfterBytes !== undefined &&
      bodyLength > faults.dropAfterBytes &&
      state.drops < (faults.dropCount ?? Infinity)
    ) {
      state.drops++
      return { kind: 'drop', afterBytes: faults.dropAfterBytes }
    }
    if (
      faults.stallAfterBytes !== undefined &&
      bodyLength > faults.stallAfterBytes &&
      state.stalls < (faults.stallCount ?? Infinity)
    ) {
      state.stalls++
      return { kind: 'stall', afterBytes: faults.stallAfterBytes }
    }
    return undefined
  }

  /** Our own Date header, so clients estimating clock skew see the shifted clock. */
  private stampDate(exchange: Exchange): void {
    exchange.response.setHeader('Date', new Date(this.now()).toUTCString())
  }

  private state(path: string): FileState {
    const state = this.files.get(path)
    if (state === undefined) throw new Error(`fixture server has no file ${path}`)
    return state
  }

  private now(): number {
    return Date.now() + this.clockOffsetMs
  }
}

/** One request in progress. */
interface Exchange {
  request: IncomingMessage
  response: ServerResponse
  record: RequestRecord
  url: URL
  /** Aborted when the response closes for any reason. */
  signal: AbortSignal
}

/** The request headers without Range and If-Range. */
function withoutRange(headers: IncomingHttpHeaders): IncomingHttpHeaders {
  const rest = { ...headers }
  delete rest.range
  delete rest['if-range']
  return rest
}

/** True if the Accept-Encoding header lets us answer with gzip. */
function acceptsGzip(header: string | undefined): boolean {
  if (header === undefined) return false
  let gzip: number | undefined
  let wildcard: number | undefined
  for (const part of header.split(',')) {
    const [name = '', ...parameters] = part.split(';').map((piece) => piece.trim().toLowerCase())
    const qParameter = parameters.find((parameter) => parameter.startsWith('q='))
    const quality = qParameter === undefined ? 1 : Number(qParameter.slice(2))
    if (name === 'gzip' || name === 'x-gzip') gzip = quality
    else if (name === '*') wildcard = quality
  }
  return (gzip ?? wildcard ?? 0) > 0
}

/** A deliberate cut of the body after some bytes. */
interface Cut {
  kind: 'drop' | 'stall'
  afterBytes: number
}

/**
 * Writes the body with backpressure, optional pacing and an optional cut. Bytes are counted in
 * the write callbacks, i.e. once the kernel has them, so a destroyed socket's unsent tail is not
 * counted.
 */
async function sendBody(
  exchange: Exchange,
  chunks: Iterable<Buffer> | AsyncIterable<Buffer>,
  cut: Cut | undefined,
  bytesPerSecond: number | undefined,
): Promise<void> {
  const { response, record, signal } = exchange
  const limit = cut?.afterBytes ?? Infinity
  const pacing = bytesPerSecond !== undefined && bytesPerSecond > 0 ? bytesPerSecond : undefined
  // About 50 timer ticks per second: smooth enough for rate tests, cheap enough for 2 cores.
  const pieceSize =
    pacing === undefined ? Infinity : Math.max(1, Math.min(64 << 10, Math.floor(pacing / 50)))
  const pacingStart = performance.now()
  let queued = 0
  for await (const chunk of chunks) {
    let offset = 0
    while (offset < chunk.length && queued < limit) {
      const take = Math.min(chunk.length - offset, limit - queued, pieceSize)
      const piece = chunk.subarray(offset, offset + take)
      if (pacing !== undefined) {
        const wait = pacingStart + (queued / pacing) * 1000 - performance.now()
        if (wait >= 1) await delay(wait, undefined, { signal })
      }
      const accepted = response.write(piece, (error) => {
        if (error == null) record.bytesSent += piece.length
      })
      offset += take
      queued += take
      if (!accepted) await once(response, 'drain', { signal })
    }
    if (queued >= limit) break
  }
  if (cut === undefined || queued < limit) {
    response.end()
    return
  }
  if (cut.kind === 'stall') {
    record.stalled = true
    response.flushHeaders()
    await aborted(signal)
    return
  }
  // Let the kernel take everything written so far, then cut the connection mid-body.
  response.flushHeaders()
  await Promise.race([socketFlushed(response.socket), aborted(signal)])
  record.dropped = true
  response.socket?.destroy()
}

/**
 * Resolves once the socket has handed everything queued so far to the kernel: write callbacks
 * run in order, so an empty write's callback is a barrier.
 */
function socketFlushed(socket: Socket | null): Promise<void> {
  if (socket === null || socket.destroyed) return Promise.resolve()
  return new Promise((resolve) => socket.write(Buffer.alloc(0), () => resolve()))
}

/** Resolves when the signal aborts. */
function aborted(signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.resolve()
  return new Promise((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }))
}

/** The content chunks gzip-compressed, as a stream that is torn down if iteration stops early. */
function gzipStream(chunks: Buffer[]): AsyncIterable<Buffer> {
  // Random content does not compress; level 1 keeps the CPU cost of the fault small.
  return Readable.from(chunks).pipe(createGzip({ level: 1 }))
}

/** Ends the response with a small body of the given type. */
function sendText(exchange: Exchange, status: number, contentType: string, body: string): void {
  const { response, record } = exchange
  const bytes = Buffer.from(body, 'utf8')
  record.status = status
  response.statusCode = status
  response.setHeader('Content-Type', contentType)
  response.setHeader('Content-Length', String(bytes.length))
  if (record.method === 'HEAD') {
    response.end()
    return
  }
  response.end(bytes, () => {
    record.bytesSent += bytes.length
  })
}

/**
 * Ends the response with the OSS XML error body the emulator sends; headers set before (Date,
 * Allow, Content-Range) are kept.
 */
function sendError(exchange: Exchange, error: OssError): void {
  const { response, record } = exchange
  const isHead = record.method === 'HEAD'
  record.status = sendOssError(response, error, hostId, isHead)
  if (isHead) return
  const length = Number(response.getHeader('content-length'))
  response.once('finish', () => {
    record.bytesSent += length
  })
}

/** FNV-1a over the UTF-16 code units: a stable default seed per path. */
function seedFromPath(path: string): number {
  let hash = 0x811c9dc5
  for (let index = 0; index < path.length; index++) {
    hash = Math.imul(hash ^ path.charCodeAt(index), 0x01000193)
  }
  return hash >>> 0
}

/** A new seed for a changed object, unrelated to the old one. */
function changedSeed(seed: number, version: number): number {
  return createHash('sha256').update(`changed:${seed}:${version}`).digest().readUInt32BE(0)
}

/** A strong ETag in OSS's shape (quoted upper-case hex), or weak or none. */
function etagFor(state: FileState): string | undefined {
  const mode = state.definition.etag ?? 'strong'
  if (mode === 'none') return undefined
  const hex = createHash('md5')
    .update(`${state.seed}:${state.size}:${state.version}`)
    .digest('hex')
    .toUpperCase()
  return mode === 'weak' ? `W/"${hex}"` : `"${hex}"`
}

function resetCounters(state: FileState): void {
  state.requests = 0
  state.changed = false
  state.drops = 0
  state.stalls = 0
  state.bursts = 0
  state.htmlErrors = 0
  state.wrongRanges = 0
}

function checkSize(size: number): void {
  if (!Number.isSafeInteger(size) || size < 0) throw new RangeError(`bad fixture file size ${size}`)
}

function clamp(value: number, low: number, high: number): number {
  return Math.min(Math.max(value, low), high)
}

/** The request target as a URL; anything but origin-form ('/path?query') maps to '/'. */
function parseTarget(target: string): URL {
  // Prefixing the origin keeps a target like '//a/b' a path instead of a host.
  if (target.startsWith('/')) {
    try {
      return new URL(`http://127.0.0.1${target}`)
    } catch {
      // Fall through: an unparsable target is treated as '/', which no file uses.
    }
  }
  return new URL('http://127.0.0.1/')
}

/** Percent-encodes each path segment, keeping the slashes. */
function encodePath(path: string): string {
  return path.split('/').map(encodeURIComponent).join('/')
}

function decodePath(pathname: string): string {
  try {
    return decodeURIComponent(pathname)
  } catch {
    // Malformed percent-encoding: match nothing rather than crash the handler.
    return pathname
  }
}
