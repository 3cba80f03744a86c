import type { ErrorCode } from '../../shared/errors'
import type { SourceIdentity } from '../engine/source'
import type {
  AddressType,
  UnavailablePart,
  VodFileKind,
  VodFileReference,
  VodMediaType,
} from '../../shared/vod'
import type { ImageInfo } from './actions/get-image-info'
import type { Mezzanine } from './actions/get-mezzanine-info'
import type { PlayInfo } from './actions/get-play-info'
import type { VideoInfo } from './actions/get-video-info'
import type { SnapshotList, SnapshotType } from './actions/list-snapshots'
import { addressTypeOfUrl, isInputBucket } from './address-types'
import {
  archiveReason,
  sourceArchiveState,
  streamsArchiveState,
  type ArchiveFields,
} from './archive'
import { composeFileName, extensionOfUrl, sanitizeFileName } from './file-names'
import {
  imageIdentityOf,
  normalizedCrc64,
  normalizedMd5,
  sourceIdentityOf,
  streamIdentityOf,
} from './lease-identity'

export { normalizedCrc64, normalizedMd5 } from './lease-identity'

/**
 * What a downloaded stream will be:
 * - `none`: a plain playable file;
 * - `hls-standard`: AES-128 HLS whose key comes from the owner's key service (needs the key);
 * - `proprietary`: Alibaba Cloud video encryption, playable only in the Aliyun player;
 * - `license`: license mode, also Aliyun player only.
 */
export type Encryption = 'none' | 'hls-standard' | 'proprietary' | 'license'

/** One file of a media item the user can pick, with what the list needs to show. */
export interface DownloadableFile {
  /** Stable: enough to ask the API for a fresh URL at any time; never a URL. */
  reference: VodFileReference
  kind: VodFileKind
  /** Short language-neutral text (`HD mp4 1920×1080`, a file name, `snapshot 3`). */
  label: string
  definition?: string
  format?: string
  streamType?: string
  width?: number
  height?: number
  /** kbit/s. */
  bitrate?: number
  /** Bytes, when the API tells. */
  size?: number
  /** Seconds. */
  duration?: number
  encryption: Encryption
  downloadable: boolean
  /** Why not downloadable, as a code of the shared error catalogue (it has the zh/en text). */
  reason?: ErrorCode
  /** Renditions: `Normal` (current) or `Invisible` (an older duplicate); other kinds: file status. */
  status?: string
  jobId?: string
  suggestedName: string
  /** The address type of the URL seen while listing. */
  addressType: AddressType
  /** The API returns OSS whatever is asked (a source in an `in-` input bucket, an image original). */
  forcedOss: boolean
  /** Whether asking for CDN or OSS makes a difference (OutputType exists for this file). */
  addressTypeSelectable: boolean
  md5?: string
  crc64?: string
  /** Renditions: HDR, HDR10, HLG, DolbyVision, HDRVivid, SDR+ (or SDR), as GetPlayInfo says. */
  hdrType?: string
  /**
   * The signed address seen while listing (it expires: for showing and copying, and for the
   * first download attempt; a download renews it through the API).
   */
  url?: string
  /** The AuthTimeout `url` was signed with, when the listing asked for one. */
  urlAuthTimeout?: number
  /** What "the same file" means for `url` (see `lease-identity.ts`). */
  identity?: SourceIdentity
  /** Sources: the item's storage class (Standard, Archive, ColdArchive, SourceArchive, …). */
  storageClass?: string
  /** Sources: Processing, Success or Failed, once a restore was asked for. */
  restoreStatus?: string
  /** Sources: when the restored copy becomes unreadable again (UTC, as the API writes it). */
  restoreExpiration?: string
  /**
   * The file is in archive storage and not readable now (`reason` Archived, RestorePending or
   * RestoreFailed), but a restore makes it downloadable: "Restore and download".
   */
  restorable?: boolean
}

/** What the API said about a video or audio item. Fetch it with the same OutputType as `outputType`. */
export interface PlayableMediaDetails {
  mediaType: 'video' | 'audio'
  video: VideoInfo
  /** Absent when the source is gone or was never kept. */
  mezzanine?: Mezzanine
  /** GetPlayInfo with ResultType=Multiple. */
  playInfos?: readonly PlayInfo[]
  snapshots?: readonly SnapshotList[]
  /** Parts that could not be listed, with why (see `fetchMediaDetails`). */
  unavailable?: UnavailablePart[]
  /** The AuthTimeout each part's addresses were signed with, when one was asked for. */
  lifetimes?: ListingLifetimes
}

export interface ImageMediaDetails {
  mediaType: 'image'
  image: ImageInfo
  /** The AuthTimeout the image's addresses were signed with, when one was asked for. */
  lifetimes?: ListingLifetimes
}

/** AuthTimeout per part of a listing, as granted (a refused lifetime was asked again lower). */
export interface ListingLifetimes {
  source?: number
  renditions?: number
  snapshots?: number
  image?: number
}

export type MediaDetails = PlayableMediaDetails | ImageMediaDetails

/** Definitions in display order, low to high, audio after video. */
const definitionOrder = ['FD', 'LD', 'SD', 'HD', 'OD', '2K', '4K', 'SQ', 'HQ', 'AUTO']

/** Which kind each snapshot type becomes. Cover snapshots are the auto cover candidates. */
const kindOfSnapshotType: Record<SnapshotType, VodFileKind> = {
  CoverSnapshot: 'cover',
  NormalSnapshot: 'snapshot',
  SpriteSnapshot: 'sprite',
  SpriteOriginSnapshot: 'sprite-origin',
  WebVttSnapshot: 'webvtt',
}

/** Lists every downloadable file of a media item, in display order. */
export function listDownloadableFiles(
  details: MediaDetails,
  options: {
    outputType: AddressType
    /** Epoch ms: a restored copy whose expiration has passed counts as frozen again. */
    now?: number
  },
): DownloadableFile[] {
  if (details.mediaType === 'image') {
    return imageFiles(details.image, options.outputType, details.lifetimes?.image)
  }
  const { video } = details
  const mediaId = video.videoId
  const title = video.title?.trim() || mediaId
  const files: DownloadableFile[] = []
  if (details.mezzanine) {
    files.push(sourceFile(details, details.mezzanine, title, options.outputType, options.now))
  }
  files.push(
    ...renditionFiles(details, title, options.outputType).map((file) =>
      withArchivedStreams(file, details.video, options.now),
    ),
  )
  if (video.coverUrl) {
    files.push(
      imageLikeFile({
        mediaId,
        mediaType: details.mediaType,
        kind: 'cover',
        url: video.coverUrl,
        label: 'cover',
        suggestedName: composeFileName(title, ['cover'], extensionOfUrl(video.coverUrl) ?? 'jpg'),
        outputType: options.outputType,
      }),
    )
  }
  for (const list of details.snapshots ?? []) {
    files.push(
      ...snapshotFiles(
        list,
        mediaId,
        details.mediaType,
        title,
        options.outputType,
        details.lifetimes?.snapshots,
      ),
    )
  }
  return files
}

function sourceFile(
  details: PlayableMediaDetails,
  mezzanine: Mezzanine,
  title: string,
  outputType: AddressType,
  now: number | undefined,
): DownloadableFile {
  const addressType = addressTypeOfUrl(mezzanine.fileUrl)
  const forcedOss =
    isInputBucket(details.video.storageLocation) || (outputType === 'cdn' && addressType === 'oss')
  const extension = mezzanine.fileName ? undefined : extensionOfUrl(mezzanine.fileUrl)
  const suggestedName = mezzanine.fileName
    ? sanitizeFileName(baseName(mezzanine.fileName), title)
    : composeFileName(title, ['source'], extension)
  const archive = archiveFieldsOf(mezzanine, details.video)
  const statusReason = sourceBlockReason(mezzanine.status)
  const archiveState = sourceArchiveState(archive, now)
  const reason = statusReason ?? archiveReason(archiveState)
  return withoutUndefined({
    reference: {
      mediaId: details.video.videoId,
      mediaType: details.mediaType,
      kind: 'source',
      outputType: forcedOss ? 'oss' : outputType,
    },
    kind: 'source',
    label: mezzanine.fileName ? baseName(mezzanine.fileName) : 'source',
    width: mezzanine.width,
    height: mezzanine.height,
    bitrate: mezzanine.bitrate,
    size: mezzanine.size,
    duration: mezzanine.duration,
    encryption: 'none',
    downloadable: reason === undefined,
    reason,
    status: mezzanine.status,
    suggestedName,
    addressType,
    forcedOss,
    addressTypeSelectable: !forcedOss,
    url: mezzanine.fileUrl,
    urlAuthTimeout: details.lifetimes?.source,
    identity: sourceIdentityOf(mezzanine),
    md5: normalizedMd5(mezzanine.fileMd5),
    crc64: normalizedCrc64(mezzanine.crc64),
    ...archive,
    restorable: statusReason === undefined && archiveState !== 'readable',
  })
}

/**
 * The storage class and restore state of a source: GetMezzanineInfo's own fields, else the
 * video's (GetVideoInfo reports the same fields for the whole item).
 */
function archiveFieldsOf(mezzanine: Mezzanine, video: VideoInfo): ArchiveFields {
  const fields: ArchiveFields = {}
  const storageClass = mezzanine.storageClass ?? video.storageClass
  const restoreStatus = mezzanine.restoreStatus ?? video.restoreStatus
  const restoreExpiration = mezzanine.restoreExpiration ?? video.restoreExpiration
  if (storageClass !== undefined) fields.storageClass = storageClass
  if (restoreStatus !== undefined) fields.restoreStatus = restoreStatus
  if (restoreExpiration !== undefined) fields.restoreExpiration = restoreExpiration
  return fields
}

/**
 * When the whole item is archived (Archive, Cold Archive, not the `Source…` classes), its
 * streams are frozen too until a restore of the item, which "Restore and download" of the source
 * asks for (RestoreMedia restores the whole item by default).
 */
function withArchivedStreams(
  file: DownloadableFile,
  video: VideoInfo,
  now: number | undefined,
): DownloadableFile {
  const reason = archiveReason(streamsArchiveState(video, now))
  if (reason === undefined || !file.downloadable) return file
  return { ...file, downloadable: false, reason }
}

function sourceBlockReason(status: string | undefined): ErrorCode | undefined {
  if (status === undefined || status === 'Normal') return undefined
  return status === 'Deleted' ? 'NotFound' : 'IllegalStatus'
}

function renditionFiles(
  details: PlayableMediaDetails,
  title: string,
  outputType: AddressType,
): DownloadableFile[] {
  const streams = [...(details.playInfos ?? [])].sort(compareStreams)
  const files = streams.map((stream) => renditionFile(details, stream, title, outputType, false))
  // Two current streams can share definition and format (e.g. narrow-band and standard);
  // their names then also carry the job id.
  const counts = new Map<string, number>()
  for (const file of files)
    counts.set(file.suggestedName, (counts.get(file.suggestedName) ?? 0) + 1)
  return files.map((file, index) =>
    (counts.get(file.suggestedName) ?? 0) > 1
      ? renditionFile(details, streams[index]!, title, outputType, true)
      : file,
  )
}

function renditionFile(
  details: PlayableMediaDetails,
  stream: PlayInfo,
  title: string,
  outputType: AddressType,
  qualifyWithJob: boolean,
): DownloadableFile {
  const encryption = encryptionOf(stream)
  const format = stream.format ?? extensionOfUrl(stream.playUrl)
  const reason = renditionBlockReason(encryption, format)
  const downloadable = reason === undefined
  const addressType = addressTypeOfUrl(stream.playUrl)
  const isOlder = stream.status !== undefined && stream.status !== 'Normal'
  const isAudioOfVideo = details.mediaType === 'video' && stream.streamType === 'audio'
  const jobTag = stream.jobId && (isOlder || qualifyWithJob) ? stream.jobId.slice(0, 8) : undefined
  const dimensions = stream.width && stream.height ? `${stream.width}×${stream.height}` : undefined
  return withoutUndefined({
    reference: withoutUndefined({
      mediaId: details.video.videoId,
      mediaType: details.mediaType,
      kind: 'rendition' as const,
      outputType,
      definition: stream.definition,
      format,
      jobId: stream.jobId,
      streamType: stream.streamType,
    }),
    kind: 'rendition',
    label: [
      stream.definition,
      format,
      dimensions,
      stream.hdrType && stream.hdrType.toUpperCase() !== 'SDR' ? stream.hdrType : undefined,
      isOlder ? stream.status : undefined,
    ]
      .filter(Boolean)
      .join(' '),
    definition: stream.definition,
    format,
    streamType: stream.streamType,
    width: stream.width,
    height: stream.height,
    bitrate: stream.bitrate,
    size: stream.size,
    duration: stream.duration,
    encryption,
    downloadable,
    reason,
    status: stream.status,
    jobId: stream.jobId,
    hdrType: stream.hdrType,
    url: stream.playUrl,
    urlAuthTimeout: details.lifetimes?.renditions,
    identity: streamIdentityOf(stream),
    suggestedName: composeFileName(
      title,
      [stream.definition, isAudioOfVideo ? 'audio' : undefined, jobTag],
      format,
    ),
    addressType,
    forcedOss: outputType === 'cdn' && addressType === 'oss',
    addressTypeSelectable: true,
  })
}

/**
 * Why a stream cannot become a usable file: only the Aliyun player plays proprietary and
 * license-mode encryption, and DASH (mpd) renditions are not downloaded by this app, so no job
 * is made for one that could never finish.
 */
export function renditionBlockReason(
  encryption: Encryption,
  format: string | undefined,
): ErrorCode | undefined {
  if (encryption === 'proprietary' || encryption === 'license') return 'ProprietaryEncryption'
  if (format?.toLowerCase() === 'mpd') return 'DashUnsupported'
  return undefined
}

/** The PlayInfo fields that tell a stream's encryption. */
export interface EncryptionFields {
  encrypted: boolean
  encryptType?: string | undefined
  encryptMode?: string | undefined
  format?: string | undefined
}

/** Reads a stream's encryption from Encrypt / EncryptType / EncryptMode. */
export function encryptionOf(stream: EncryptionFields): Encryption {
  if (stream.encryptMode?.toLowerCase() === 'license') return 'license'
  if (stream.encryptType === 'AliyunVoDEncryption') return 'proprietary'
  if (stream.encryptType === 'HLSEncryption') return 'hls-standard'
  if (!stream.encrypted) return 'none'
  // Encrypted without a known type: only HLS has an openly documented scheme.
  return stream.format === 'm3u8' ? 'hls-standard' : 'proprietary'
}

function compareStreams(left: PlayInfo, right: PlayInfo): number {
  return (
    rank(left.streamType === 'audio' ? 1 : 0, right.streamType === 'audio' ? 1 : 0) ||
    rank(definitionRank(left.definition), definitionRank(right.definition)) ||
    (left.format ?? '').localeCompare(right.format ?? '') ||
    rank(left.status === 'Normal' ? 0 : 1, right.status === 'Normal' ? 0 : 1) ||
    (right.modificationTime ?? '').localeCompare(left.modificationTime ?? '')
  )
}

function definitionRank(definition: string | undefined): number {
  const index = definitionOrder.indexOf(definition?.toUpperCase() ?? '')
  return index === -1 ? definitionOrder.length : index
}

function rank(left: number, right: number): number {
  return left - right
}

function snapshotFiles(
  list: SnapshotList,
  mediaId: string,
  mediaType: VodMediaType,
  title: string,
  outputType: AddressType,
  urlAuthTimeout: number | undefined,
): DownloadableFile[] {
  const kind = kindOfSnapshotType[list.snapshotType]
  const word = kind === 'cover' ? 'cover' : kind
  return list.snapshots.map((snapshot) =>
    imageLikeFile({
      mediaId,
      mediaType,
      kind,
      index: snapshot.index,
      url: snapshot.url,
      label: `${word} ${snapshot.index}`,
      suggestedName: composeFileName(
        title,
        [`${word}-${snapshot.index}`],
        extensionOfUrl(snapshot.url) ?? (kind === 'webvtt' ? 'vtt' : 'jpg'),
      ),
      outputType,
      urlAuthTimeout,
    }),
  )
}

/** Covers, snapshots, sprites: the API has no OutputType for them, the URL is what it is. */
function imageLikeFile(input: {
  mediaId: string
  mediaType: VodMediaType
  kind: VodFileKind
  index?: number
  url: string
  label: string
  suggestedName: string
  outputType: AddressType
  urlAuthTimeout?: number | undefined
}): DownloadableFile {
  return withoutUndefined({
    reference: withoutUndefined({
      mediaId: input.mediaId,
      mediaType: input.mediaType,
      kind: input.kind,
      outputType: input.outputType,
      index: input.index,
    }),
    kind: input.kind,
    label: input.label,
    encryption: 'none' as const,
    downloadable: true,
    suggestedName: input.suggestedName,
    addressType: addressTypeOfUrl(input.url),
    forcedOss: false,
    addressTypeSelectable: false,
    url: input.url,
    urlAuthTimeout: input.urlAuthTimeout,
  })
}

function imageFiles(
  image: ImageInfo,
  outputType: AddressType,
  urlAuthTimeout: number | undefined,
): DownloadableFile[] {
  const title = image.title?.trim() || image.imageId
  const original = image.mezzanine
  const files: DownloadableFile[] = []
  const reason: ErrorCode | undefined =
    image.status === undefined || image.status === 'Normal' ? undefined : 'IllegalStatus'
  if (image.url) {
    const addressType = addressTypeOfUrl(image.url)
    const extension =
      extensionOfUrl(image.url) ?? extensionOfName(original?.originalFileName) ?? 'jpg'
    files.push(
      withoutUndefined({
        reference: { mediaId: image.imageId, mediaType: 'image', kind: 'image', outputType },
        kind: 'image',
        label: 'image',
        width: original?.width,
        height: original?.height,
        size: original?.fileSize,
        encryption: 'none',
        downloadable: reason === undefined,
        reason,
        status: image.status,
        suggestedName: composeFileName(title, [], extension),
        addressType,
        forcedOss: outputType === 'cdn' && addressType === 'oss',
        addressTypeSelectable: true,
        url: image.url,
        urlAuthTimeout,
        identity: imageIdentityOf(image, false),
      }),
    )
  }
  if (original?.fileUrl) {
    const name = original.originalFileName ? baseName(original.originalFileName) : undefined
    files.push(
      withoutUndefined({
        reference: {
          mediaId: image.imageId,
          mediaType: 'image',
          kind: 'image-original',
          outputType: 'oss',
        },
        kind: 'image-original',
        label: name ?? 'original',
        width: original.width,
        height: original.height,
        size: original.fileSize,
        encryption: 'none',
        downloadable: reason === undefined,
        reason,
        status: image.status,
        suggestedName: name
          ? sanitizeFileName(name, title)
          : composeFileName(title, ['original'], extensionOfUrl(original.fileUrl)),
        addressType: 'oss',
        forcedOss: true,
        addressTypeSelectable: false,
        url: original.fileUrl,
        urlAuthTimeout,
        identity: imageIdentityOf(image, true),
      }),
    )
  }
  return files
}

/** The last segment of a path as uploaded (clients sometimes send a full local path). */
function baseName(name: string): string {
  return name.split(/[\\/]/).pop() ?? name
}

function extensionOfName(name: string | undefined): string | undefined {
  const match = name ? /\.([a-z0-9]{1,8})$/i.exec(name) : null
  return match?.[1]?.toLowerCase()
}

/** Drops absent keys so that results compare and serialise cleanly. */
function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, entry]) => entry !== undefined)) as T
}
