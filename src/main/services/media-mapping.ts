import type { DownloadableFile, MediaDetails, MediaType } from '../../shared/contract'
import { toErrorData } from '../../shared/errors'
import type { SnapshotType } from '../vod/actions/list-snapshots'
import type {
  DownloadableFile as VodDownloadableFile,
  MediaDetails as VodMediaDetails,
} from '../vod/downloadable-files'
import { nameByTemplate } from './file-name-plan'

/**
 * Pure mapping from what the VOD module lists to the contract's shapes. The VOD module's
 * `DownloadableFile` speaks in optional fields and error codes; the contract's uses nulls,
 * full error data, a name from the user's template and a display URL for pictures.
 */

/** What naming needs to know about the media item a file belongs to. */
export interface MediaFacts {
  mediaId: string
  mediaType: MediaType
  title: string
  /** ISO 8601, when known. */
  createdAt: string | undefined
}

/** The naming facts of the media item the details describe. */
export function mediaFactsOf(details: VodMediaDetails): MediaFacts {
  if (details.mediaType === 'image') {
    const { image } = details
    return {
      mediaId: image.imageId,
      mediaType: 'image',
      title: image.title?.trim() || image.imageId,
      createdAt: image.creationTime,
    }
  }
  const { video } = details
  return {
    mediaId: video.videoId,
    mediaType: details.mediaType,
    title: video.title?.trim() || video.videoId,
    createdAt: video.creationTime,
  }
}

/** The relative path the template gives a file of this media item. */
export function templateNameOf(
  file: VodDownloadableFile,
  media: MediaFacts,
  template: string,
): string {
  return nameByTemplate(template, { ...file, index: file.reference.index }, media)
}

const snapshotTypeOfKind: Partial<Record<VodDownloadableFile['kind'], SnapshotType>> = {
  snapshot: 'NormalSnapshot',
  sprite: 'SpriteSnapshot',
  'sprite-origin': 'SpriteOriginSnapshot',
}

/**
 * A URL that shows a picture file (cover, snapshot, sprite, image), or null for streams and
 * WebVTT. These URLs are signed and expire; they are for display only, never for downloading.
 */
export function thumbnailUrlOf(details: VodMediaDetails, file: VodDownloadableFile): string | null {
  if (details.mediaType === 'image') {
    if (file.kind !== 'image' && file.kind !== 'image-original') return null
    return details.image.url ?? details.image.mezzanine?.fileUrl ?? null
  }
  const index = file.reference.index
  const snapshotUrl = (type: SnapshotType): string | null => {
    const list = details.snapshots?.find((candidate) => candidate.snapshotType === type)
    return list?.snapshots.find((snapshot) => snapshot.index === index)?.url ?? null
  }
  if (file.kind === 'cover') {
    // The main cover has no index; indexed covers are the cover-snapshot candidates.
    return index === undefined ? (details.video.coverUrl ?? null) : snapshotUrl('CoverSnapshot')
  }
  const snapshotType = snapshotTypeOfKind[file.kind]
  return snapshotType === undefined ? null : snapshotUrl(snapshotType)
}

/** One listed file in the contract's shape. */
export function contractFileOf(
  file: VodDownloadableFile,
  details: VodMediaDetails,
  template: string,
): DownloadableFile {
  return {
    reference: file.reference,
    kind: file.kind,
    label: file.label,
    definition: file.definition ?? null,
    format: file.format ?? null,
    width: file.width ?? null,
    height: file.height ?? null,
    bitrate: file.bitrate ?? null,
    size: file.size ?? null,
    duration: file.duration ?? null,
    encryption: file.encryption,
    downloadable: file.downloadable,
    reason: file.reason === undefined ? null : toErrorData(file.reason),
    status: file.status ?? null,
    jobId: file.jobId ?? null,
    suggestedName: templateNameOf(file, mediaFactsOf(details), template),
    forcedOss: file.forcedOss,
    thumbnailUrl: thumbnailUrlOf(details, file),
    hdrType: file.hdrType && file.hdrType.toUpperCase() !== 'SDR' ? file.hdrType : null,
    archive:
      file.kind === 'source' && file.storageClass !== undefined
        ? {
            storageClass: file.storageClass,
            restoreStatus: file.restoreStatus ?? null,
            restoreExpiration: file.restoreExpiration ?? null,
            restorable: file.restorable ?? false,
          }
        : null,
  }
}

function tagsOf(text: string | undefined): string[] {
  return (text ?? '')
    .split(',')
    .map((tag) => tag.trim())
    .filter((tag) => tag !== '')
}

/** The item's own facts for the details screen. */
export function mediaDetailsOf(details: VodMediaDetails): MediaDetails {
  if (details.mediaType === 'image') {
    const { image } = details
    return {
      mediaId: image.imageId,
      mediaType: 'image',
      title: image.title?.trim() || image.imageId,
      coverUrl: image.url ?? null,
      duration: null,
      size: image.mezzanine?.fileSize ?? null,
      status: image.status ?? 'Unknown',
      categoryId: image.cateId ?? null,
      categoryName: image.cateName ?? null,
      createdAt: image.creationTime ?? '',
      modifiedAt: null,
      storageClass: null,
      description: image.description ?? null,
      tags: tagsOf(image.tags),
      storageLocation: image.storageLocation ?? null,
    }
  }
  const { video } = details
  return {
    mediaId: video.videoId,
    mediaType: details.mediaType,
    title: video.title?.trim() || video.videoId,
    coverUrl: video.coverUrl ?? null,
    duration: video.duration ?? null,
    size: video.size ?? null,
    status: video.status ?? 'Unknown',
    categoryId: video.cateId ?? null,
    categoryName: video.cateName ?? null,
    createdAt: video.creationTime ?? '',
    modifiedAt: video.modificationTime ?? null,
    storageClass: video.storageClass ?? null,
    restoreStatus: video.restoreStatus ?? null,
    description: video.description ?? null,
    tags: tagsOf(video.tags),
    storageLocation: video.storageLocation ?? null,
  }
}
