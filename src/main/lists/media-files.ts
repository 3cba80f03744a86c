import type { AddressType, UnavailablePart, VodFileKind, VodMediaType } from '../../shared/vod'
import { AppError, asAppError } from '../../shared/errors'
import type { ImageInfo } from '../vod/actions/get-image-info'
import type { VideoInfo } from '../vod/actions/get-video-info'
import type { VodClient } from '../vod/client'
import { listDownloadableFiles, type DownloadableFile } from '../vod/downloadable-files'
import { withAllowedAuthTimeout } from '../vod/auth-timeout'
import { fetchMediaDetails, listingAuthTimeout } from '../vod/media-details'
import { endsTheRun } from './list-errors'

export interface MediaFiles {
  mediaId: string
  mediaType: VodMediaType
  title: string
  /** Video and audio: the status of the item (Normal, Transcoding, …). */
  status?: string
  files: DownloadableFile[]
  /** Parts that could not be listed, with why; their files are simply absent from `files`. */
  unavailable: UnavailablePart[]
}

/** Which files to list: only the API actions these kinds need are called. */
export interface FilesRequest {
  /** Every kind when absent. */
  kinds?: readonly VodFileKind[]
  /** `all`: cover candidates and older streams too. */
  everything?: boolean
  /** The CDN domain stream addresses use (PlayConfig.PlayDomain); the default when absent. */
  playDomain?: string
  /**
   * The AuthTimeout addresses are signed with (each file then carries `urlAuthTimeout`, and a
   * download may start on the listed address); the service's default when absent.
   */
  authTimeout?: number
}

/**
 * Looks a media id up as video/audio first and as an image when no video has that id, so users
 * can paste any id from the console.
 */
export async function mediaFiles(
  client: VodClient,
  mediaId: string,
  type: VodMediaType | undefined,
  outputType: AddressType,
  request: FilesRequest = {},
): Promise<MediaFiles> {
  const attempt = (mediaType: VodMediaType): Promise<MediaFiles> =>
    filesOf(client, { mediaId, mediaType, outputType }, request)
  if (type) return attempt(type)
  try {
    return await attempt('video')
  } catch (error) {
    if (!(error instanceof AppError) || error.code !== 'NotFound') throw error
    return attempt('image')
  }
}

/** The outcome for one id of {@link mediaFilesOfMany}. */
export type MediaFilesOutcome =
  | { mediaId: string; kind: 'listed'; media: MediaFiles }
  | { mediaId: string; kind: 'missing' }
  | { mediaId: string; kind: 'failed'; error: AppError }

/**
 * {@link mediaFiles} for many ids, in order: the items are looked up 20 per GetVideoInfos (then
 * GetImageInfos for the ids that are not videos), and each found item costs only the calls its
 * requested files need (`source`: one GetMezzanineInfo). An item that fails is reported and
 * the others go on; errors about the account end the run.
 */
export async function* mediaFilesOfMany(
  client: VodClient,
  mediaIds: readonly string[],
  type: VodMediaType | undefined,
  outputType: AddressType,
  request: FilesRequest = {},
): AsyncGenerator<MediaFilesOutcome, void, undefined> {
  const unique = [...new Set(mediaIds)]
  const videos = new Map<string, VideoInfo>()
  const images = new Map<string, ImageInfo>()
  if (type !== 'image') {
    const reply = await client.getVideoInfos(unique)
    for (const video of reply.videos) videos.set(video.videoId, video)
  }
  const notVideos = unique.filter((mediaId) => !videos.has(mediaId))
  let imageAuthTimeout: number | undefined
  if ((type === undefined || type === 'image') && notVideos.length > 0) {
    const { authTimeout } = request
    const reply =
      authTimeout === undefined
        ? await client.getImageInfos({ imageIds: notVideos, outputType })
        : await withAllowedAuthTimeout(
            listingAuthTimeout('GetImageInfo', authTimeout),
            (lifetime) =>
              client.getImageInfos({ imageIds: notVideos, outputType, authTimeout: lifetime }),
          ).then((granted) => {
            imageAuthTimeout = granted.authTimeout
            return granted.value
          })
    for (const image of reply.images) images.set(image.imageId, image)
  }
  for (const mediaId of unique) {
    const video = videos.get(mediaId)
    const image = images.get(mediaId)
    if (!video && !image) {
      yield { mediaId, kind: 'missing' }
      continue
    }
    const mediaType: VodMediaType = image ? 'image' : type === 'audio' ? 'audio' : 'video'
    try {
      const media = await filesOf(
        client,
        {
          mediaId,
          mediaType,
          outputType,
          ...(video ? { video } : {}),
          ...(image ? { image } : {}),
          ...(image && imageAuthTimeout !== undefined ? { imageAuthTimeout } : {}),
        },
        request,
      )
      yield { mediaId, kind: 'listed', media }
    } catch (error) {
      const appError = asAppError(error)
      if (endsTheRun(appError)) throw appError
      yield { mediaId, kind: 'failed', error: appError }
    }
  }
}

async function filesOf(
  client: VodClient,
  item: {
    mediaId: string
    mediaType: VodMediaType
    outputType: AddressType
    video?: VideoInfo
    image?: ImageInfo
    imageAuthTimeout?: number
  },
  request: FilesRequest,
): Promise<MediaFiles> {
  const details = await fetchMediaDetails(client, {
    ...item,
    ...(request.kinds ? { kinds: request.kinds } : {}),
    everything: request.everything ?? request.kinds === undefined,
    ...(request.playDomain ? { playDomain: request.playDomain } : {}),
    ...(request.authTimeout === undefined ? {} : { authTimeout: request.authTimeout }),
  })
  const files = listDownloadableFiles(details, { outputType: item.outputType })
  if (details.mediaType === 'image') {
    return {
      mediaId: item.mediaId,
      mediaType: 'image',
      title: details.image.title ?? item.mediaId,
      files,
      unavailable: [],
    }
  }
  return {
    mediaId: item.mediaId,
    mediaType: item.mediaType,
    title: details.video.title ?? item.mediaId,
    ...(details.video.status ? { status: details.video.status } : {}),
    files,
    unavailable: details.unavailable ?? [],
  }
}
