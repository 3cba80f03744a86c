import type { ManifestLine } from '../object-store'
import { queryString, type QueryPairs } from '../media-urls'

/**
 * Renders a playlist or WebVTT for one request. How relative references come out depends on who
 * serves the manifest and how the delivery is configured (`HlsDelivery`): signed with the same
 * expiry as the manifest's own URL (CDN playlist rewrite, OSS `x-oss-process=hls/sign`), or bare
 * as written (CDN parameter pass-through, CDN signing that covers playlists only, a private OSS
 * bucket without `hls/sign`). Key lines point at the emulator's key service.
 */
export interface ManifestSigning {
  /** The reference (a file name in the manifest's directory) as the manifest lists it. */
  reference(name: string): string
  keyUri(keyId: string, ciphertext: string): string
}

export function renderManifest(lines: readonly ManifestLine[], signing: ManifestSigning): Buffer {
  const text = lines
    .map((line) => {
      switch (line.kind) {
        case 'text':
          return line.text
        case 'reference':
          return signing.reference(line.name) + (line.suffix ?? '')
        case 'hls-key':
          return (
            `#EXT-X-KEY:METHOD=${line.method},URI="${signing.keyUri(line.keyId, line.ciphertext)}"` +
            (line.iv ? `,IV=${line.iv}` : '')
          )
      }
    })
    .join('\n')
  return Buffer.from(`${text}\n`, 'utf8')
}

/**
 * How the CDN edge addresses HLS segments (URL signing on):
 * - `rewrite`: the edge rewrites every segment URI of a playlist it serves with its own
 *   `auth_key` (same expiry, rand and uid as the playlist's), and checks each segment's own.
 * - `pass-through`: segment URIs stay bare; a segment is served with the `auth_key` of the
 *   playlist that lists it (the playlist's parameters passed through), or with its own.
 * - `unsigned`: segment URIs stay bare and are served without a signature (URL signing covers
 *   the playlists only).
 */
export type CdnSegmentAddressing = 'rewrite' | 'pass-through' | 'unsigned'

/**
 * How the OSS origin addresses HLS segments (the bucket is private either way):
 * - `signed`: every segment URI is presigned with the playlist's expiry, as a playlist
 *   requested with `x-oss-process=hls/sign` is.
 * - `unsigned`: segment URIs stay bare, as in a playlist fetched without `hls/sign`; each
 *   object still needs a signature of its own, which nothing in the playlist gives.
 */
export type OssSegmentAddressing = 'signed' | 'unsigned'

export const cdnSegmentAddressings: readonly CdnSegmentAddressing[] = [
  'rewrite',
  'pass-through',
  'unsigned',
]
export const ossSegmentAddressings: readonly OssSegmentAddressing[] = ['signed', 'unsigned']

/** The HLS side of the delivery, shared by the origin and the edge. */
export interface HlsDelivery {
  cdnSegments: CdnSegmentAddressing
  ossSegments: OssSegmentAddressing
  /** `http://127.0.0.1:PORT` of the key service: the media host, or a separate one. */
  keyServiceUrl: string
  /** The key of the playlist that lists this segment (same bucket), if it is an HLS segment. */
  playlistOf(bucket: string, key: string): string | undefined
}

/** Whether a manifest key is an HLS playlist (WebVTT references are always signed). */
export function isPlaylistKey(key: string): boolean {
  return key.toLowerCase().endsWith('.m3u8')
}

/** The key line's URI: the key service, with `MtsHlsUriToken` when the CDN passes it on. */
export function hlsKeyUri(
  delivery: HlsDelivery,
  keyId: string,
  ciphertext: string,
  token?: string,
): string {
  const pairs: QueryPairs = [
    ['Ciphertext', ciphertext],
    ...(token ? ([['MtsHlsUriToken', token]] as const) : []),
  ]
  return `${delivery.keyServiceUrl}/keys/${encodeURIComponent(keyId)}${queryString(pairs)}`
}

export interface EdgeManifestInput {
  delivery: HlsDelivery
  /** Whether the manifest is an HLS playlist (its references are segments). */
  playlist: boolean
  /** `auth_key` for a path, with the manifest's expiry, rand and uid; undefined: no signing. */
  signPath: ((path: string) => string) | undefined
  /** The manifest's directory on the edge, ending in `/`, as sent (percent-encoded). */
  directory: string
  /** `MtsHlsUriToken` the playlist was requested with ("HLS encryption rewrite"). */
  token: string | undefined
}

/** References as the CDN edge lists them. */
export function edgeManifestSigning(input: EdgeManifestInput): ManifestSigning {
  const { delivery, signPath } = input
  const rewrite = !input.playlist || delivery.cdnSegments === 'rewrite'
  return {
    reference: (name) =>
      rewrite && signPath
        ? `${name}${queryString([['auth_key', signPath(input.directory + encodeURIComponent(name))]])}`
        : name,
    keyUri: (keyId, ciphertext) => hlsKeyUri(delivery, keyId, ciphertext, input.token),
  }
}

export interface OriginManifestInput {
  delivery: HlsDelivery
  playlist: boolean
  /** The presignature of an object key in the manifest's bucket, with the manifest's expiry. */
  presign: (key: string) => QueryPairs
  /** The manifest's directory in its bucket, ending in `/` (decoded). */
  directory: string
}

/**
 * References as the OSS origin lists them. OSS itself rewrites nothing; `signed` plays the part
 * of `x-oss-process=hls/sign`.
 */
export function originManifestSigning(input: OriginManifestInput): ManifestSigning {
  const { delivery } = input
  const sign = !input.playlist || delivery.ossSegments === 'signed'
  return {
    reference: (name) =>
      sign ? `${name}${queryString(input.presign(input.directory + name))}` : name,
    keyUri: (keyId, ciphertext) => hlsKeyUri(delivery, keyId, ciphertext),
  }
}
