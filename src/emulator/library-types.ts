/**
 * The demo library as data: what the actions answer with and what tests pick items from.
 * Every downloadable thing points at a stored object (bucket + key) that the OSS origin and the
 * CDN edge serve.
 */

export type VideoStatus =
  | 'Uploading'
  | 'UploadFail'
  | 'UploadSucc'
  | 'Transcoding'
  | 'TranscodeFail'
  | 'Checking'
  | 'Blocked'
  | 'Normal'
  | 'ProduceFail'

export type StreamFormat = 'mp4' | 'm3u8' | 'mp3' | 'mpd'
export type StreamType = 'video' | 'audio'
export type EncryptType = 'HLSEncryption' | 'AliyunVoDEncryption'

/** `StorageClass` values; `Source…` classes apply to the source file only. */
export type StorageClass =
  'Standard' | 'IA' | 'Archive' | 'ColdArchive' | 'SourceIA' | 'SourceArchive' | 'SourceColdArchive'

/** RestoreMedia's `RestoreTier` (Cold Archive restores only). */
export type RestoreTier = 'Expedited' | 'Standard' | 'Bulk'

export type SnapshotType =
  'CoverSnapshot' | 'NormalSnapshot' | 'SpriteSnapshot' | 'SpriteOriginSnapshot' | 'WebVttSnapshot'

/** Where a file lives: `/oss/<bucket>/<key>` on the origin, `/cdn/<key>` on the edge. */
export interface ObjectLocation {
  bucket: string
  key: string
}

/** A transcoded output (one PlayInfo). */
export interface DemoStream {
  jobId: string
  definition: string
  format: StreamFormat
  streamType: StreamType
  /** `Invisible` streams are older duplicates, returned only with ResultType=Multiple. */
  status: 'Normal' | 'Invisible'
  encrypt: 0 | 1
  encryptType?: EncryptType
  width: number
  height: number
  durationSeconds: number
  fps: number
  bitrateKbps: number
  /** Bytes: the file for mp4/mp3; for m3u8 the sum of its media segments (as VOD reports it). */
  size: number
  creationTime: number
  modificationTime: number
  /** The file, or for m3u8 the playlist. */
  object: ObjectLocation
  /** m3u8 only: the media segments, in order. */
  segments?: ObjectLocation[]
  /** GetPlayInfo's HDRType (HDR, HDR10, HLG, DolbyVision, HDRVivid, SDR+); absent: SDR. */
  hdrType?: string
  /** The committed media file this stream is served from (relative to the media directory). */
  file?: string
  /** HLSEncryption only: the id the key service serves the key under (`/keys/<id>`). */
  keyId?: string
}

/** The source master (mezzanine). */
export interface DemoSource {
  object: ObjectLocation
  fileName: string
  size: number
  contentType: string
  /** True for large generated masters; `seed` then gives their bytes (see synthetic-content). */
  synthetic: boolean
  seed?: number
  /** The committed file it is served from, for small masters. */
  file?: string
  /** Absent until transcoding has analysed the file, as in the real service. */
  width?: number
  height?: number
  durationSeconds?: number
  fps?: number
  bitrateKbps?: number
  /**
   * The mezzanine's own status (GetMezzanineInfo `Status`): `Uploading` while the upload runs,
   * `UploadFail` when it failed; absent means Normal.
   */
  status?: 'Uploading' | 'UploadFail'
  /** No source file is kept (e.g. an online edit whose production failed): `InvalidFile.NotFound`. */
  absent?: boolean
  /** Whether GetMezzanineInfo includes FileMD5 / CRC64 for this source. */
  reportsMd5: boolean
  reportsCrc64: boolean
  creationTime: number
}

export interface DemoSnapshotSet {
  type: SnapshotType
  jobId: string
  creationTime: number
  /** In order; the API's Index is position + 1. */
  items: ObjectLocation[]
  /** Key pattern with `{SnapshotCount}`, for the `Regular` field. */
  regularKey: string
}

/** A video or an audio (VOD keeps both in the same media store). */
export interface DemoMedia {
  mediaType: 'video' | 'audio'
  id: string
  title: string
  description: string
  tags: string[]
  cateId: number
  cateName: string
  status: VideoStatus
  creationTime: number
  modificationTime: number
  durationSeconds: number
  appId: string
  storageLocation: string
  templateGroupId: string
  transcodeMode: 'FastTranscode' | 'NoTranscode' | 'AsyncTranscode'
  downloadSwitch: 'on' | 'off'
  cover?: ObjectLocation
  source: DemoSource
  streams: DemoStream[]
  snapshots: Partial<Record<SnapshotType, DemoSnapshotSet>>
  /** True for the generated bulk items added by `extraVideos`. */
  generated: boolean
  /** Absent: Standard. Archive classes are frozen until restored (see `ArchiveStore`). */
  storageClass?: StorageClass
}

export interface DemoImage {
  id: string
  title: string
  description: string
  tags: string[]
  cateId: number
  cateName: string
  imageType: 'default' | 'cover'
  status: 'Normal'
  creationTime: number
  modificationTime: number
  appId: string
  storageLocation: string
  object: ObjectLocation
  fileName: string
  contentType: string
  size: number
  width: number
  height: number
  /** The committed file it is served from; absent for generated images (synthetic bytes). */
  file?: string
}

/** A category of the tree GetCategories lists (`default` type: audio, video and images). */
export interface DemoCategory {
  cateId: number
  cateName: string
  /** -1 for a level-0 category. */
  parentId: number
  level: number
  creationTime: number
}

/** Ids of items with a particular trait, for tests and demos. */
export interface DemoRoles {
  /** Normal, with FD/LD/SD/HD(/2K) mp4 renditions and a plain SD m3u8. */
  normalWithHdMp4: string
  /** Normal, with older Invisible duplicates of some renditions. */
  withInvisibleStreams: string
  /** Normal, with video renditions plus audio-only (SQ/HQ mp3) streams. */
  withAudioStreams: string
  /** Normal, whose only streams use Alibaba Cloud proprietary encryption. */
  proprietaryOnly: string
  /** Normal, with a proprietary-encrypted HD m3u8 next to plain mp4 renditions. */
  proprietaryAndPlain: string
  /** Normal, with an HLS AES-128 (HLSEncryption) LD m3u8 and a plain SD m3u8. */
  hlsEncrypted: string
  /** Normal, source only (no transcoding), stored in the `in-` input bucket. */
  inputBucketSource: string
  /** Normal, with an HDR10 HD mp4 and an SD DASH (mpd) rendition next to standard ones. */
  dashAndHdr: string
  /**
   * Normal, source only, stored in a bucket of the account's own: OSS addresses only, whose
   * AuthTimeout may not exceed 129,600 s (larger values are refused with `InvalidParameter`).
   */
  ownBucketSource: string
  /**
   * Normal, with generated large source masters of `largeSourceBytes`, `largeSourceBytes + 4097`
   * and about 60 % of `largeSourceBytes` bytes, in that order.
   */
  largeSources: readonly string[]
  /** Normal, with 150 NormalSnapshots (more than one ListSnapshots page). */
  manySnapshots: string
  transcoding: string
  checking: string
  blocked: string
  uploadSucc: string
  transcodeFail: string
  /** Still uploading: the mezzanine answers with Status `Uploading`. */
  uploading: string
  /** An online edit whose production failed: no source, no streams. */
  produceFail: string
  /** Normal, its source in Archive storage (`SourceArchive`; the streams stay Standard). */
  archivedSource: string
  /** Normal, the whole item in Cold Archive storage (source and streams frozen). */
  coldArchive: string
  /** A Normal audio with SQ and HQ mp3 streams. */
  audio: string
  /** A Normal image. */
  image: string
}

export interface DemoLibrary {
  /** Demo videos first, then the generated ones. */
  readonly videos: readonly DemoMedia[]
  readonly audios: readonly DemoMedia[]
  readonly images: readonly DemoImage[]
  readonly roles: DemoRoles
  /** The VOD-managed output bucket (`outin-…`), which is also the CDN domain's origin. */
  readonly vodBucket: string
  /** The input bucket (`in-…`), only reachable through OSS addresses. */
  readonly inputBucket: string
  /** A bucket of the account's own added as VOD storage: OSS addresses of at most 129,600 s. */
  readonly ownBucket: string
  /** The category tree, level 0 first; media items are filed under any level. */
  readonly categories: readonly DemoCategory[]
  /** The directory the committed media files are read from. */
  readonly mediaDirectory: string
  findMedia(id: string): DemoMedia | undefined
  findImage(id: string): DemoImage | undefined
}
