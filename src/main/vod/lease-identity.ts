import type { SourceIdentity } from '../engine/source'
import type { ImageInfo } from './actions/get-image-info'
import type { Mezzanine } from './actions/get-mezzanine-info'
import type { PlayInfo } from './actions/get-play-info'

/**
 * What "the same file" means for each kind, from the API reply that also gives its address: the
 * resolver pins it on every lease, and a listing hands it on with an address it already has.
 * A renewed address whose bytes disagree is changed content, never mixed in.
 */

/** A source: its size and the checksums VOD reports. */
export function sourceIdentityOf(mezzanine: Mezzanine): SourceIdentity {
  const identity: SourceIdentity = {}
  if (mezzanine.size !== undefined) identity.size = mezzanine.size
  const md5 = normalizedMd5(mezzanine.fileMd5)
  if (md5) identity.md5 = md5
  const crc64 = normalizedCrc64(mezzanine.crc64)
  if (crc64) identity.crc64 = crc64
  return identity
}

/** A rendition: its size and its transcode job at its modification time. */
export function streamIdentityOf(stream: PlayInfo): SourceIdentity {
  const identity: SourceIdentity = {}
  if (stream.size !== undefined) identity.size = stream.size
  if (stream.jobId) {
    identity.version = stream.modificationTime
      ? `${stream.jobId}@${stream.modificationTime}`
      : stream.jobId
  }
  return identity
}

/**
 * An image: the stored original's size; the CDN address may serve a processed variant, so the
 * image itself has none.
 */
export function imageIdentityOf(image: ImageInfo, original: boolean): SourceIdentity {
  const identity: SourceIdentity = {}
  if (original && image.mezzanine?.fileSize !== undefined) identity.size = image.mezzanine.fileSize
  return identity
}

/** A hex MD5 in lower case, or nothing when the value is not one. */
export function normalizedMd5(value: string | undefined): string | undefined {
  return value !== undefined && /^[0-9a-f]{32}$/i.test(value) ? value.toLowerCase() : undefined
}

/** A CRC-64 as the unsigned decimal OSS uses, or nothing when it is in another form. */
export function normalizedCrc64(value: string | undefined): string | undefined {
  if (value === undefined || !/^\d{1,20}$/.test(value)) return undefined
  return BigInt(value) < 2n ** 64n ? BigInt(value).toString() : undefined
}
