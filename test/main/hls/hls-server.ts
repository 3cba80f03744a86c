import { createCipheriv } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import { createServer as createHttpsServer } from 'node:https'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'

/**
 * A small HLS origin on 127.0.0.1 for tests: one media playlist over the emulator's real MPEG-TS
 * segments, with the faults an HLS downloader must handle — segment addresses in several shapes
 * (a signature only on the playlist's query, signed segment URIs, unsigned segments, segments
 * nothing unlocks), AES-128 with the IV left to the media sequence number, a key service that
 * wants a token, a segment that answers 404, and addresses that stop working when the "epoch"
 * moves on (an expired signature whose renewal lists the segments under new names).
 */

/**
 * How segments are addressed: `pass-through` (default) lists bare names and serves them only
 * with the playlist's `sig`; `signed` lists every name with its own `sig`; `open` lists bare
 * names and serves them without any; `private` lists bare names and refuses every segment
 * request (403 AccessDenied, as a private bucket does).
 */
export type HlsServerAddressing = 'pass-through' | 'signed' | 'open' | 'private'

const plainFolder = resolve(import.meta.dirname, '../../../resources/emulator/hls-plain')

/** The committed plain segments (real H.264/AAC MPEG-TS), in order. */
export function plainSegments(): Buffer[] {
  return [0, 1, 2, 3].map((index) => readFileSync(resolve(plainFolder, `segment-0000${index}.ts`)))
}

export interface HlsServerOptions {
  segments: Buffer[]
  /** `#EXT-X-MEDIA-SEQUENCE`; default 0. */
  mediaSequence?: number
  /** AES-128 encryption with this key; the IV is the media sequence number (not listed). */
  key?: Buffer
  /** The key service answers only requests carrying this `MtsHlsUriToken`. */
  keyToken?: string
  /** The key line's URI in a playlist signed for an epoch; default `/keys/main?Ciphertext=abc`. */
  keyUri?: (signedEpoch: number) => string
  /** Serves https with this certificate (see `selfSignedCertificate`) instead of http. */
  tls?: TlsCertificate
  /** The key service answers with a redirect to this address instead of the key. */
  keyRedirect?: string
  /** Positions (from 0) that answer 404. */
  missing?: ReadonlySet<number>
  /** A playlist without `#EXT-X-ENDLIST` (a live stream). */
  live?: boolean
  /** A key line only the Aliyun player understands. */
  proprietary?: boolean
  /** Playlists signed for epoch 2 or later number their segments from 100 (another stream). */
  renumberLaterEpochs?: boolean
  /** Called after a segment's body was sent (e.g. to expire every address handed out so far). */
  onSegmentServed?: (position: number) => void
  /** How segment addresses look and what the server accepts; default `pass-through`. */
  addressing?: HlsServerAddressing
}

export interface HlsServer {
  readonly origin: string
  /** Requests per path (no query), e.g. `/stream/3-1.ts`. */
  readonly requests: Map<string, number>
  /** Statuses answered, in order, per path; `signed`: the request carried a `sig`. */
  readonly statuses: Array<{ path: string; status: number; signed: boolean }>
  /** The `MtsHlsUriToken` each key request carried (null: none), in order. */
  readonly keyTokens: Array<string | null>
  /** The playlist address for an epoch's signature. */
  playlistUrl(epoch?: number): string
  /** A master playlist (same signature) whose one variant, listed bare, is the media playlist. */
  masterUrl(epoch?: number): string
  /** Addresses of older epochs are refused with 403 from now on. */
  setEpoch(epoch: number): void
  /** Stops answering 404 for the missing segments. */
  heal(): void
  /** Changes how segments are addressed from now on. */
  setAddressing(addressing: HlsServerAddressing): void
  /** The bytes a segment has on the wire (encrypted when a key is set). */
  wireBytes(position: number): Buffer
  close(): Promise<void>
}

export interface TlsCertificate {
  key: string
  cert: string
}

/** A throwaway self-signed certificate for 127.0.0.1 (made with openssl, valid for a day). */
export function selfSignedCertificate(): TlsCertificate {
  const folder = mkdtempSync(join(tmpdir(), 'vod-tls-'))
  try {
    const keyPath = join(folder, 'key.pem')
    const certPath = join(folder, 'cert.pem')
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'ec',
        '-pkeyopt',
        'ec_paramgen_curve:prime256v1',
        '-nodes',
        '-days',
        '1',
        '-subj',
        '/CN=127.0.0.1',
        '-addext',
        'subjectAltName=IP:127.0.0.1',
        '-keyout',
        keyPath,
        '-out',
        certPath,
      ],
      { stdio: 'ignore' },
    )
    return { key: readFileSync(keyPath, 'utf8'), cert: readFileSync(certPath, 'utf8') }
  } finally {
    rmSync(folder, { recursive: true, force: true })
  }
}

/** The IV of a segment without an IV attribute: its media sequence number, 16 bytes big-endian. */
function sequenceIv(sequence: number): Buffer {
  const iv = Buffer.alloc(16)
  iv.writeBigUInt64BE(BigInt(sequence), 8)
  return iv
}

export async function startHlsServer(options: HlsServerOptions): Promise<HlsServer> {
  const mediaSequence = options.mediaSequence ?? 0
  const wire = options.segments.map((segment, position) => {
    if (!options.key) return segment
    const cipher = createCipheriv('aes-128-cbc', options.key, sequenceIv(mediaSequence + position))
    return Buffer.concat([cipher.update(segment), cipher.final()])
  })
  const requests = new Map<string, number>()
  const statuses: Array<{ path: string; status: number; signed: boolean }> = []
  let addressing: HlsServerAddressing = options.addressing ?? 'pass-through'
  const keyTokens: Array<string | null> = []
  let epoch = 1
  let missing = new Set(options.missing ?? [])

  const playlist = (signedEpoch: number): string => {
    const lines = [
      '#EXTM3U',
      '#EXT-X-VERSION:3',
      '#EXT-X-TARGETDURATION:1',
      `#EXT-X-MEDIA-SEQUENCE:${options.renumberLaterEpochs && signedEpoch > 1 ? 100 : mediaSequence}`,
      '#EXT-X-PLAYLIST-TYPE:VOD',
    ]
    if (options.proprietary) {
      lines.push('#EXT-X-KEY:METHOD=AES-128,URI="alivod://key/1",KEYFORMAT="alivod"')
    } else if (options.key) {
      const uri = options.keyUri?.(signedEpoch) ?? '/keys/main?Ciphertext=abc'
      lines.push(`#EXT-X-KEY:METHOD=AES-128,URI="${uri}"`)
    }
    wire.forEach((_, position) => {
      // Segment names change with the epoch, so a renewed playlist lists new addresses. Unless
      // they are signed themselves, their query is left off.
      const own = addressing === 'signed' ? `?sig=${signedEpoch}` : ''
      lines.push('#EXTINF:1.000000,', `${signedEpoch}-${position}.ts${own}`)
    })
    if (!options.live) lines.push('#EXT-X-ENDLIST')
    return `${lines.join('\n')}\n`
  }

  let signedRequest = false
  const answer = (
    response: ServerResponse,
    path: string,
    status: number,
    body: Buffer | string,
    headers: Record<string, string> = {},
  ): void => {
    statuses.push({ path, status, signed: signedRequest })
    const bytes = typeof body === 'string' ? Buffer.from(body) : body
    response.writeHead(status, { 'content-length': String(bytes.length), ...headers })
    response.end(bytes)
  }

  const handle = (request: IncomingMessage, response: ServerResponse): void => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1')
    const path = url.pathname
    signedRequest = url.searchParams.has('sig')
    requests.set(path, (requests.get(path) ?? 0) + 1)
    if (path === '/keys/main') {
      keyTokens.push(url.searchParams.get('MtsHlsUriToken'))
      if (options.keyRedirect) {
        answer(response, path, 302, '', { location: options.keyRedirect })
        return
      }
      if (options.keyToken && url.searchParams.get('MtsHlsUriToken') !== options.keyToken) {
        answer(response, path, 403, 'MtsHlsUriToken is not valid', { 'content-type': 'text/plain' })
        return
      }
      answer(response, path, 200, options.key ?? Buffer.alloc(16), {
        'content-type': 'application/octet-stream',
      })
      return
    }
    const signed = Number(url.searchParams.get('sig'))
    const segmentRequest = path.endsWith('.ts')
    if (segmentRequest && addressing === 'private') {
      answer(
        response,
        path,
        403,
        '<?xml version="1.0"?><Error><Code>AccessDenied</Code><Message>You have no right to access this object because of bucket acl.</Message></Error>',
        { 'content-type': 'application/xml' },
      )
      return
    }
    const unsignedAllowed = segmentRequest && addressing === 'open'
    if (!unsignedAllowed && (!Number.isInteger(signed) || signed < epoch)) {
      answer(
        response,
        path,
        403,
        '<?xml version="1.0"?><Error><Code>AccessDenied</Code><Message>Request has expired.</Message></Error>',
        {
          'content-type': 'application/xml',
        },
      )
      return
    }
    if (path === '/stream/master.m3u8') {
      answer(
        response,
        path,
        200,
        '#EXTM3U\n#EXT-X-STREAM-INF:BANDWIDTH=800000,RESOLUTION=320x180\nindex.m3u8\n',
        { 'content-type': 'application/vnd.apple.mpegurl' },
      )
      return
    }
    if (path === '/stream/index.m3u8') {
      answer(response, path, 200, playlist(signed), {
        'content-type': 'application/vnd.apple.mpegurl',
      })
      return
    }
    const match = /^\/stream\/(\d+)-(\d+)\.ts$/.exec(path)
    const position = Number(match?.[2])
    const body =
      match && (unsignedAllowed ? Number(match[1]) >= epoch : Number(match[1]) === signed)
        ? wire[position]
        : undefined
    if (!body || missing.has(position)) {
      answer(response, path, 404, 'not found', { 'content-type': 'text/plain' })
      return
    }
    const range = /^bytes=(\d+)-$/.exec(request.headers.range ?? '')
    const start = range ? Number(range[1]) : 0
    if (start >= body.length) {
      answer(response, path, 416, '', { 'content-range': `bytes */${body.length}` })
      return
    }
    answer(response, path, range ? 206 : 200, body.subarray(start), {
      'content-type': 'video/mp2t',
      'accept-ranges': 'bytes',
      ...(range ? { 'content-range': `bytes ${start}-${body.length - 1}/${body.length}` } : {}),
    })
    options.onSegmentServed?.(position)
  }

  const server = options.tls ? createHttpsServer(options.tls, handle) : createServer(handle)
  await new Promise<void>((resolvePromise) => server.listen(0, '127.0.0.1', resolvePromise))
  const scheme = options.tls ? 'https' : 'http'
  const origin = `${scheme}://127.0.0.1:${(server.address() as AddressInfo).port}`
  return {
    origin,
    requests,
    statuses,
    keyTokens,
    playlistUrl: (signedEpoch = epoch) => `${origin}/stream/index.m3u8?sig=${signedEpoch}`,
    masterUrl: (signedEpoch = epoch) => `${origin}/stream/master.m3u8?sig=${signedEpoch}`,
    setEpoch: (next) => {
      epoch = next
    },
    heal: () => {
      missing = new Set()
    },
    setAddressing: (next) => {
      addressing = next
    },
    wireBytes: (position) => wire[position] as Buffer,
    close: () =>
      new Promise<void>((resolvePromise, reject) => {
        server.close((error) => (error ? reject(error) : resolvePromise()))
        server.closeAllConnections()
      }),
  }
}
