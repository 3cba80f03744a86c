import type { ErrorData } from './errors'

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
  /**
   * Renditions: the CDN domain their address uses (GetPlayInfo's PlayConfig.PlayDomain), kept
   * so a resumed job renews on the domain it started on. The default domain when absent.
   */
  playDomain?: string
  /**
   * Sources: restore the file from archive storage first when it is frozen (RestoreMedia), and
   * download it once the restore completes. Absent: an archived source fails with `Archived`.
   */
  restore?: RestoreOptions
}

/**
 * Storage classes VOD reports for a media item (`StorageClass` of GetVideoInfo and
 * GetMezzanineInfo). `Source…` classes apply to the source file only; the others to the source
 * and the transcoded streams. `Changing` / `SourceChanging`: a change of class is under way.
 */
export const storageClasses = [
  'Standard',
  'IA',
  'Archive',
  'ColdArchive',
  'SourceIA',
  'SourceArchive',
  'SourceColdArchive',
  'Changing',
  'SourceChanging',
] as const

export type StorageClass = (typeof storageClasses)[number]

/** The restore priorities of RestoreMedia's `RestoreTier` (Cold Archive only; Standard default). */
export const restoreTiers = ['Expedited', 'Standard', 'Bulk'] as const

export type RestoreTier = (typeof restoreTiers)[number]

/** How a frozen source is restored: RestoreMedia's `RestoreTier` and `RestoreDays`. */
export interface RestoreOptions {
  tier: RestoreTier
  /** Days the restored copy stays readable (1–7 for Archive, 1–365 for Cold Archive). */
  days: number
}

/** The restore VOD starts when nothing else is asked: Standard priority, one day. */
export const defaultRestoreOptions: RestoreOptions = { tier: 'Standard', days: 1 }

/** Whether the source file of a media item in this class is frozen until restored. */
export function sourceIsArchived(storageClass: string | undefined | null): boolean {
  return (
    storageClass === 'Archive' ||
    storageClass === 'ColdArchive' ||
    storageClass === 'SourceArchive' ||
    storageClass === 'SourceColdArchive'
  )
}

/** Whether the transcoded streams are frozen too (the whole media item is archived). */
export function streamsAreArchived(storageClass: string | undefined | null): boolean {
  return storageClass === 'Archive' || storageClass === 'ColdArchive'
}

/** Cold Archive: restore priorities apply, restores take hours, copies may live a year. */
export function isColdArchive(storageClass: string | undefined | null): boolean {
  return storageClass === 'ColdArchive' || storageClass === 'SourceColdArchive'
}

/** RestoreDays' upper bound for a class: 7 for Archive, 365 for Cold Archive. */
export function maximumRestoreDays(storageClass: string | undefined | null): number {
  return isColdArchive(storageClass) ? 365 : 7
}

/**
 * Parts of a video or audio item, each listed by its own VOD action: the source
 * (GetMezzanineInfo), the transcoded streams (GetPlayInfo) and each snapshot type
 * (ListSnapshots). Each can be unavailable on its own, e.g. while the video is transcoding.
 */
export const mediaParts = [
  'source',
  'renditions',
  'cover-candidates',
  'snapshots',
  'sprites',
  'sprite-origins',
  'webvtt',
] as const

export type MediaPart = (typeof mediaParts)[number]

/** The file kind each part lists. */
export const kindOfMediaPart: Readonly<Record<MediaPart, VodFileKind>> = {
  source: 'source',
  renditions: 'rendition',
  'cover-candidates': 'cover',
  snapshots: 'snapshot',
  sprites: 'sprite',
  'sprite-origins': 'sprite-origin',
  webvtt: 'webvtt',
}

/**
 * A part that could not be listed, and why: `IllegalStatus` with the video's status as detail
 * (still transcoding, under review…), `NoStream`, `NotFound` (no snapshot job of that type, no
 * source kept), or whatever else the action answered.
 */
export interface UnavailablePart {
  part: MediaPart
  error: ErrorData
}
