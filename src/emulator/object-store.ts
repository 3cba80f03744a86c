import type { ObjectLocation } from './library-types'

/**
 * The emulated buckets: every object the origin and the edge can serve, with where its bytes
 * come from. Built once with the library and read-only afterwards.
 */

/** A line of a text object that is rendered per request (HLS playlist, WebVTT). */
export type ManifestLine =
  | { kind: 'text'; text: string }
  /** A file in the same directory, signed like the manifest itself when served. */
  | { kind: 'reference'; name: string; suffix?: string }
  /** `#EXT-X-KEY`, pointed at the emulator's key service when served. */
  | { kind: 'hls-key'; method: string; iv?: string; keyId: string; ciphertext: string }

export type ObjectBody =
  /** A committed media file (relative to the media directory). */
  | { kind: 'file'; file: string }
  /** Generated content (see synthetic-content). */
  | { kind: 'synthetic'; seed: number; size: number }
  | { kind: 'manifest'; lines: ManifestLine[] }

export interface StoredObject extends ObjectLocation {
  contentType: string
  body: ObjectBody
  /** Epoch ms; sent as Last-Modified. */
  lastModified: number
}

/** The AES-128 key of an HLSEncryption stream, as a customer's decrypt service would hold it. */
export interface HlsKeyRecord {
  keyId: string
  /** The envelope (KMS ciphertext) the playlist's key URI carries as `Ciphertext`. */
  ciphertext: string
  key: Buffer
}

export class ObjectStore {
  private readonly objects = new Map<string, StoredObject>()
  private readonly bucketNames = new Set<string>()

  constructor(buckets: readonly string[]) {
    for (const bucket of buckets) this.bucketNames.add(bucket)
  }

  add(object: StoredObject): void {
    if (!this.bucketNames.has(object.bucket)) {
      throw new Error(`unknown bucket ${object.bucket}`)
    }
    this.objects.set(`${object.bucket}/${object.key}`, object)
  }

  hasBucket(bucket: string): boolean {
    return this.bucketNames.has(bucket)
  }

  get(bucket: string, key: string): StoredObject | undefined {
    return this.objects.get(`${bucket}/${key}`)
  }
}

/** The Content-Type OSS would store for a key, by extension. */
export function contentTypeFor(key: string): string {
  const extension = key.slice(key.lastIndexOf('.') + 1).toLowerCase()
  switch (extension) {
    case 'mp4':
      return 'video/mp4'
    case 'mp3':
      return 'audio/mpeg'
    case 'jpg':
    case 'jpeg':
      return 'image/jpeg'
    case 'png':
      return 'image/png'
    case 'm3u8':
      return 'application/vnd.apple.mpegurl'
    case 'ts':
      return 'video/mp2t'
    case 'vtt':
      return 'text/vtt'
    case 'mpd':
      return 'application/dash+xml'
    default:
      return 'application/octet-stream'
  }
}
