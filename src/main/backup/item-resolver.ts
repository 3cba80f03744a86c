import { asAppError, type ErrorData } from '../../shared/errors'
import type { AddressType, VodFileKind, VodMediaType } from '../../shared/vod'
import { endsTheRun } from '../lists/list-errors'
import { mapWithConcurrency } from '../services/concurrency'
import type { ImageInfo } from '../vod/actions/get-image-info'
import type { VideoInfo } from '../vod/actions/get-video-info'
import type { CallOptions, VodClient } from '../vod/client'
import { listDownloadableFiles } from '../vod/downloadable-files'
import { fetchMediaDetails } from '../vod/media-details'
import {
  selectedListedFiles,
  sidecarFactsOf,
  unlistedKinds,
  type FileSelection,
} from './item-files'
import type { ListedFile } from './plan-types'

/**
 * Lists the files of items whose listing changed: 20 items per GetVideoInfos / GetImageInfos,
 * then per item only the calls its selected kinds need (`source`: one GetMezzanineInfo; covers:
 * none beyond the batch). Items are asked a few at a time, as VOD throttles bursts.
 */

export type ResolvedItem =
  | {
      mediaId: string
      outcome: 'listed'
      files: ListedFile[]
      unlistedKinds: Set<VodFileKind>
      facts: Record<string, unknown>
    }
  | { mediaId: string; outcome: 'missing' }
  | { mediaId: string; outcome: 'failed'; error: ErrorData }

export interface ResolveOptions extends CallOptions {
  outputType: AddressType
  selection: FileSelection
  /** Items asked at once (default 4). */
  concurrency?: number
}

export async function resolveItems(
  client: VodClient,
  items: ReadonlyArray<{ mediaId: string; mediaType: VodMediaType }>,
  options: ResolveOptions,
): Promise<ResolvedItem[]> {
  const callOptions: CallOptions = options.signal ? { signal: options.signal } : {}
  const playableIds = items.filter((item) => item.mediaType !== 'image').map((item) => item.mediaId)
  const imageIds = items.filter((item) => item.mediaType === 'image').map((item) => item.mediaId)
  const videos = new Map<string, VideoInfo>()
  const images = new Map<string, ImageInfo>()
  if (playableIds.length > 0) {
    const reply = await client.getVideoInfos(playableIds, callOptions)
    for (const video of reply.videos) videos.set(video.videoId, video)
  }
  if (imageIds.length > 0) {
    const reply = await client.getImageInfos(
      { imageIds, outputType: options.outputType },
      callOptions,
    )
    for (const image of reply.images) images.set(image.imageId, image)
  }
  return mapWithConcurrency(items, options.concurrency ?? 4, async (item) => {
    const video = videos.get(item.mediaId)
    const image = images.get(item.mediaId)
    if (!video && !image) return { mediaId: item.mediaId, outcome: 'missing' as const }
    try {
      const details = await fetchMediaDetails(
        client,
        {
          mediaId: item.mediaId,
          mediaType: item.mediaType,
          outputType: options.outputType,
          kinds: options.selection.kinds,
          everything: options.selection.everything,
          ...(video ? { video } : {}),
          ...(image ? { image } : {}),
        },
        callOptions,
      )
      const files = listDownloadableFiles(details, { outputType: options.outputType })
      return {
        mediaId: item.mediaId,
        outcome: 'listed' as const,
        files: selectedListedFiles(details, files, options.selection),
        unlistedKinds: unlistedKinds(details),
        facts: sidecarFactsOf(details),
      }
    } catch (error) {
      const appError = asAppError(error)
      if (endsTheRun(appError)) throw appError
      return { mediaId: item.mediaId, outcome: 'failed' as const, error: appError.toData() }
    }
  })
}

/** Which of these items still exist in VOD (for telling deleted items from ones that left). */
export async function existingItems(
  client: Pick<VodClient, 'getVideoInfos' | 'getImageInfos'>,
  items: ReadonlyArray<{ mediaId: string; mediaType: VodMediaType }>,
  options: CallOptions = {},
): Promise<Set<string>> {
  const existing = new Set<string>()
  const playableIds = items.filter((item) => item.mediaType !== 'image').map((item) => item.mediaId)
  const imageIds = items.filter((item) => item.mediaType === 'image').map((item) => item.mediaId)
  if (playableIds.length > 0) {
    const reply = await client.getVideoInfos(playableIds, options)
    for (const video of reply.videos) existing.add(video.videoId)
  }
  if (imageIds.length > 0) {
    const reply = await client.getImageInfos({ imageIds }, options)
    for (const image of reply.images) existing.add(image.imageId)
  }
  return existing
}
