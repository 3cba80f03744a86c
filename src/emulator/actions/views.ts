import { formatUtc } from '../clock'
import type { DemoImage, DemoMedia, DemoSource, ObjectLocation } from '../library-types'
import type { ActionContext } from './context'

/**
 * Shared pieces of response bodies. Field names and JSON types follow the SDK models: numbers
 * where the model says number (Duration of a Video, Size, Width), strings where it says string
 * (Duration of a PlayInfo or Mezzanine, Bitrate, Fps).
 */

/** Lifetime of URLs embedded in info responses (covers, snapshots) when none is requested. */
export const defaultUrlLifetimeSeconds = 3600

/**
 * The address of a stored object as VOD hands it out: CDN for the managed bucket (a domain is
 * configured), OSS when asked for or when the object is in an input bucket.
 */
export function mediaUrl(
  context: ActionContext,
  location: ObjectLocation,
  outputType: 'cdn' | 'oss',
  lifetimeSeconds: number = defaultUrlLifetimeSeconds,
): string {
  if (outputType === 'oss' || location.bucket !== context.library.vodBucket) {
    return context.urls.ossUrl(location.bucket, location.key, lifetimeSeconds)
  }
  return context.urls.cdnUrl(location.key, lifetimeSeconds)
}

export function coverUrl(context: ActionContext, media: DemoMedia): string | undefined {
  return media.cover ? mediaUrl(context, media.cover, 'cdn') : undefined
}

/** The cover candidates, which is what `Snapshots` lists for a video. */
export function snapshotUrls(context: ActionContext, media: DemoMedia): string[] {
  return (media.snapshots.CoverSnapshot?.items ?? []).map((item) => mediaUrl(context, item, 'cdn'))
}

export function spriteUrls(context: ActionContext, media: DemoMedia): string[] {
  return (media.snapshots.SpriteSnapshot?.items ?? []).map((item) => mediaUrl(context, item, 'cdn'))
}

/** Scalar fields shared by GetVideoInfo, GetVideoInfos and GetVideoList items. */
export function videoScalars(context: ActionContext, media: DemoMedia): Record<string, unknown> {
  return {
    VideoId: media.id,
    Title: media.title,
    Description: media.description,
    CoverURL: coverUrl(context, media),
    Duration: media.durationSeconds,
    ...(media.source.absent ? {} : { Size: media.source.size }),
    Status: media.status,
    CateId: media.cateId,
    CateName: media.cateName,
    Tags: media.tags.join(','),
    CreationTime: formatUtc(media.creationTime),
    ModificationTime: formatUtc(media.modificationTime),
    StorageLocation: media.storageLocation,
    AppId: media.appId,
    TemplateGroupId: media.templateGroupId,
    DownloadSwitch: media.downloadSwitch,
    ...archiveFields(context, media),
    MediaType: media.mediaType,
  }
}

/**
 * `StorageClass`, and once a restore was asked for `RestoreStatus` (Processing, Success,
 * Failed) with `RestoreExpiration` for a successful one: the same in GetVideoInfo(s),
 * GetVideoList, SearchMedia and GetMezzanineInfo.
 */
export function archiveFields(context: ActionContext, media: DemoMedia): Record<string, unknown> {
  const restore = context.archive.restoreOf(media)
  return {
    StorageClass: context.archive.storageClassOf(media),
    ...(restore ? { RestoreStatus: restore.status } : {}),
    ...(restore?.expiration === undefined
      ? {}
      : { RestoreExpiration: formatUtc(restore.expiration) }),
  }
}

export function imageInfo(
  context: ActionContext,
  image: DemoImage,
  outputType: 'cdn' | 'oss',
  lifetimeSeconds: number,
): Record<string, unknown> {
  return {
    ImageId: image.id,
    Title: image.title,
    Description: image.description,
    ImageType: image.imageType,
    Status: image.status,
    CateId: image.cateId,
    CateName: image.cateName,
    Tags: image.tags.join(','),
    AppId: image.appId,
    StorageLocation: image.storageLocation,
    CreationTime: formatUtc(image.creationTime),
    URL: mediaUrl(context, image.object, outputType, lifetimeSeconds),
    Mezzanine: {
      // The original is always addressed on the origin.
      FileURL: mediaUrl(context, image.object, 'oss', lifetimeSeconds),
      OriginalFileName: image.fileName,
      FileSize: String(image.size),
      Width: image.width,
      Height: image.height,
    },
  }
}

/** Seconds as VOD writes them in string fields (e.g. "9.0464"). */
export function secondsText(seconds: number): string {
  return seconds.toFixed(4).replace(/\.?0+$/, '') || '0'
}

export function kbpsText(kbps: number): string {
  return kbps.toFixed(3)
}

/** Source master fields that exist only once transcoding has analysed the file. */
export function analysedSourceFields(source: DemoSource): Record<string, unknown> {
  if (source.width === undefined) return {}
  return {
    Duration: secondsText(source.durationSeconds ?? 0),
    Bitrate: kbpsText(source.bitrateKbps ?? 0),
    Fps: String(source.fps ?? 0),
    Width: source.width,
    Height: source.height ?? 0,
  }
}
