/** Kinds of downloadable files a VOD media item can offer. */
export const vodFileKinds = [
  'source',
  'rendition',
  'cover',
  'snapshot',
  'sprite',
  'sprite-origin',
  'webvtt',
  'image',
  'image-original',
] as const

export type VodFileKind = (typeof vodFileKinds)[number]

export type VodMediaType = 'video' | 'audio' | 'image'

export type AddressType = 'cdn' | 'oss'

/**
 * A stable reference to one downloadable file of a media item. It never holds a URL:
 * it holds what is needed to ask the VOD API for a fresh URL at any time.
 */
export interface VodFileReference {
  mediaId: string
  mediaType: VodMediaType
  kind: VodFileKind
  /** CDN (default) or OSS origin address. */
  outputType: AddressType
  /** Renditions: definition code (FD, LD, SD, HD, OD, 2K, 4K, SQ, HQ, AUTO). */
  definition?: string
  /** Renditions: mp4, m3u8, mp3, flv, mpd. */
  format?: string
  /** Renditions: transcode job id, the unique id of a stream. */
  jobId?: string
  /** Renditions: video or audio. */
  streamType?: string
  /** Snapshots: position within the snapshot list. */
  index?: number
  /** Requested URL lifetime in seconds. */
  authTimeout?: number
}
