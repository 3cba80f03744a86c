import { randomBytes } from 'node:crypto'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { isIP } from 'node:net'
import type { EmulatorClock } from './clock'
import type { EntityDependencies } from './media/entity'
import { entityFor } from './media/entity'
import type { ManifestSigning } from './media/manifest'
import { edgeManifestSigning, isPlaylistKey } from './media/manifest'
import { invalidObjectState, noSuchKey, sendOssError } from './media/oss-errors'
import { serveEntity } from './media/respond'
import type { MediaUrls } from './media-urls'
import type { ObjectStore } from './object-store'
import { cdnAuthHash, parseCdnAuthKey } from './signing/cdn-auth'

/**
 * The CDN-like edge: `/cdn/<key>?auth_key=…`, fronting the VOD-managed bucket. Applies the
 * domain's access controls in Tengine's order (IP deny list, Referer allow list, URL signing
 * type A) and answers a denial with 403 and an `X-Tengine-Error` header. HLS segments are
 * addressed as the delivery option says (`CdnSegmentAddressing`): rewritten with their own
 * `auth_key`, served with the playlist's (pass-through), or served unsigned.
 */

export interface CdnAccessRules {
  refererAllowList?: string[]
  allowEmptyReferer?: boolean
  ipDenyList?: string[]
}

export interface EdgeDependencies {
  objects: ObjectStore
  originBucket: string
  entities: EntityDependencies
  urls: MediaUrls
  clock: EmulatorClock
  cdnPrivateKey: string
  rules: CdnAccessRules
  /** Objects in archive storage that are not restored: the origin's refusal is passed on. */
  frozen?: (bucket: string, key: string) => boolean
}

function edgeHeaders(): Record<string, string> {
  return {
    server: 'Tengine',
    via: 'cache1.l2cn-emulator[0,0,200-0,H], cache2.cn-emulator[0,0]',
    'x-cache': 'HIT TCP_MEM_HIT dirn:-2:-2',
    'timing-allow-origin': '*',
    eagleid: randomBytes(12).toString('hex'),
  }
}

export function handleEdgeRequest(
  request: IncomingMessage,
  response: ServerResponse,
  url: URL,
  dependencies: EdgeDependencies,
): number {
  const isHead = request.method === 'HEAD'
  const headers = edgeHeaders()
  if (request.method !== 'GET' && !isHead) return deny(response, 405, 'method not allowed', headers)
  // The signed URI is the path exactly as sent, before any decoding or normalisation.
  const rawPath = (request.url ?? '').split('?')[0] ?? ''
  const { key, domain } = decodeEdgePath(rawPath, dependencies.urls)
  const denial = checkAccess(request, rawPath, key, domain, url.searchParams, dependencies)
  if (denial) return deny(response, 403, denial, headers, isHead)
  const object =
    key === undefined ? undefined : dependencies.objects.get(dependencies.originBucket, key)
  if (!object || key === undefined) {
    return sendOssError(
      response,
      noSuchKey(key ?? rawPath),
      `${dependencies.originBucket}.oss-cn-shanghai.aliyuncs.com`,
      isHead,
      headers,
    )
  }
  if (dependencies.frozen?.(dependencies.originBucket, key)) {
    return sendOssError(
      response,
      invalidObjectState(),
      `${dependencies.originBucket}.oss-cn-shanghai.aliyuncs.com`,
      isHead,
      headers,
    )
  }
  const entity = entityFor(object, dependencies.entities, edgeSigning(rawPath, url, dependencies))
  return serveEntity(request, response, entity, {
    baseHeaders: headers,
    hostId: `${dependencies.originBucket}.oss-cn-shanghai.aliyuncs.com`,
    // Alibaba CDN answers ranges as HTTP specifies; only OSS has the lenient default.
    rangeBehavior: 'standard',
    cutAfterBytes: dependencies.entities.cutResponsesAfterBytes,
  })
}

/**
 * Manifest entries get an `auth_key` with the manifest's own expiry, rand and uid (for HLS
 * segments only in `rewrite` mode). With the "HLS encryption rewrite" feature on (always, here),
 * a playlist requested with `MtsHlsUriToken` passes the token on to the key URI.
 */
function edgeSigning(rawPath: string, url: URL, dependencies: EdgeDependencies): ManifestSigning {
  const auth = parseCdnAuthKey(url.searchParams.get('auth_key') ?? '')
  return edgeManifestSigning({
    delivery: dependencies.entities.hls,
    playlist: isPlaylistKey(rawPath),
    signPath:
      dependencies.urls.cdnUrlSigning && auth
        ? (path) => dependencies.urls.cdnAuthKeyAt(path, auth.timestamp, auth)
        : undefined,
    directory: rawPath.slice(0, rawPath.lastIndexOf('/') + 1),
    token: url.searchParams.get('MtsHlsUriToken') ?? undefined,
  })
}

function checkAccess(
  request: IncomingMessage,
  rawPath: string,
  key: string | undefined,
  domain: string | undefined,
  query: URLSearchParams,
  dependencies: EdgeDependencies,
): string | undefined {
  const { rules } = dependencies
  const client = normaliseAddress(request.socket.remoteAddress ?? '')
  if (rules.ipDenyList?.some((entry) => addressMatches(client, entry))) {
    return `denied by IP black list: ${client}`
  }
  if (rules.refererAllowList && rules.refererAllowList.length > 0) {
    const referer = request.headers.referer ?? ''
    const allowed =
      referer === ''
        ? rules.allowEmptyReferer === true
        : rules.refererAllowList.some((entry) => refererMatches(referer, entry))
    if (!allowed) return `denied by Referer ACL${referer === '' ? ': empty Referer' : ''}`
  }
  if (!dependencies.urls.cdnUrlSigning) return undefined
  const { hls } = dependencies.entities
  const playlistKey = key === undefined ? undefined : hls.playlistOf(dependencies.originBucket, key)
  // Signing that covers the playlists only: their segments are served as they are.
  if (playlistKey !== undefined && hls.cdnSegments === 'unsigned') return undefined
  const authKey = query.get('auth_key')
  if (authKey === null) return 'denied by req auth: missing auth_key'
  const parts = parseCdnAuthKey(authKey)
  if (!parts) return `denied by req auth: invalid auth_key=${authKey}`
  if (parts.timestamp < dependencies.clock.nowSeconds()) {
    return `denied by req auth: expired timestamp=${parts.timestamp}`
  }
  const signedFor = (path: string): boolean =>
    cdnAuthHash(path, parts.timestamp, parts.rand, parts.uid, dependencies.cdnPrivateKey) ===
    parts.md5
  if (signedFor(rawPath)) return undefined
  // Parameter pass-through: a segment carries the auth_key of the playlist that lists it.
  if (
    playlistKey !== undefined &&
    hls.cdnSegments === 'pass-through' &&
    signedFor(dependencies.urls.cdnPath(playlistKey, domain))
  ) {
    return undefined
  }
  return `denied by req auth: invalid md5hash=${parts.md5}`
}

/** `a.com` allows `a.com` and every sub-domain; a leading `*.` is accepted and means the same. */
function refererMatches(referer: string, entry: string): boolean {
  let host: string
  try {
    host = new URL(referer).hostname.toLowerCase()
  } catch {
    host = referer.toLowerCase()
  }
  const domain = entry.toLowerCase().replace(/^\*\./, '')
  return host === domain || host.endsWith(`.${domain}`)
}

function normaliseAddress(address: string): string {
  return address.startsWith('::ffff:') && isIP(address.slice(7)) === 4 ? address.slice(7) : address
}

/** Exact address, or an IPv4 CIDR block such as `10.0.0.0/8`. */
function addressMatches(address: string, entry: string): boolean {
  const [network = '', prefixText] = entry.split('/')
  if (prefixText === undefined) return normaliseAddress(network) === address
  if (isIP(network) !== 4 || isIP(address) !== 4) return false
  const prefix = Number(prefixText)
  if (!Number.isInteger(prefix) || prefix < 0 || prefix > 32) return false
  const mask = prefix === 0 ? 0 : (~0 << (32 - prefix)) >>> 0
  return (ipv4Number(address) & mask) >>> 0 === (ipv4Number(network) & mask) >>> 0
}

function ipv4Number(address: string): number {
  return address.split('.').reduce((total, octet) => total * 256 + Number(octet), 0)
}

/**
 * The object key of an edge path, and the further CDN domain it was addressed on
 * (`/cdn/~<domain>/<key>`); no key for a domain the storage does not have.
 */
function decodeEdgePath(
  rawPath: string,
  urls: MediaUrls,
): { key: string | undefined; domain: string | undefined } {
  if (!rawPath.startsWith('/cdn/')) return { key: undefined, domain: undefined }
  let rest = rawPath.slice('/cdn/'.length)
  let domain: string | undefined
  if (rest.startsWith('~')) {
    const end = rest.indexOf('/')
    domain = end < 0 ? rest.slice(1) : rest.slice(1, end)
    if (end < 0 || !urls.hasPlayDomain(domain)) return { key: undefined, domain }
    rest = rest.slice(end + 1)
  }
  try {
    return { key: decodeURIComponent(rest), domain }
  } catch {
    return { key: undefined, domain }
  }
}

function deny(
  response: ServerResponse,
  status: number,
  reason: string,
  headers: Record<string, string>,
  isHead = false,
): number {
  const title = status === 403 ? '403 Forbidden' : `${status} Method Not Allowed`
  const body =
    `<html>\r\n<head><title>${title}</title></head>\r\n<body>\r\n` +
    `<center><h1>${title}</h1></center>\r\n<hr><center>Tengine</center>\r\n</body>\r\n</html>\r\n`
  response.writeHead(status, {
    ...headers,
    'content-type': 'text/html',
    'content-length': Buffer.byteLength(body),
    // Parts of the reason come from the request; keep the header value printable ASCII.
    'x-tengine-error': reason.replace(/[^\x20-\x7e]/g, '?'),
  })
  response.end(isHead ? undefined : body)
  return status
}
