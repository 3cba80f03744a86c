import type { VodMediaType } from '../../shared/vod'
import type { CallOptions, VodClient } from '../vod/client'

/** A media item a list names, as the API knows it. */
export interface KnownMedia {
  mediaId: string
  mediaType: VodMediaType
  title?: string
  /** Main cover address (video and audio). */
  coverUrl?: string
  /** ISO 8601, for the window's `{date}` file-name placeholder. */
  createdAt?: string
}

export interface MediaLookup {
  found: Map<string, KnownMedia>
  /** Ids no media item has, in the order asked. */
  missing: string[]
}

/** The calls a lookup makes; the real VodClient has them. */
export type MediaLookupApi = Pick<VodClient, 'getVideoInfos' | 'getImageInfos'>

/**
 * Tells which of a list's ids exist and what they are, 20 ids per call: GetVideoInfos first
 * (video and audio share one store), then GetImageInfos for the ids that were not videos. Pass
 * `types` to look in one store only (an explicit `--type`).
 */
export async function lookupMedia(
  client: MediaLookupApi,
  mediaIds: readonly string[],
  options: {
    types?: readonly ('playable' | 'image')[]
    playableType?: 'video' | 'audio'
  } & CallOptions = {},
): Promise<MediaLookup> {
  const types = options.types ?? ['playable', 'image']
  const callOptions: CallOptions = options.signal ? { signal: options.signal } : {}
  const found = new Map<string, KnownMedia>()
  let remaining = [...new Set(mediaIds)]
  if (types.includes('playable') && remaining.length > 0) {
    const reply = await client.getVideoInfos(remaining, callOptions)
    for (const video of reply.videos) {
      found.set(video.videoId, {
        mediaId: video.videoId,
        mediaType: options.playableType ?? 'video',
        ...(video.title === undefined ? {} : { title: video.title }),
        ...(video.coverUrl ? { coverUrl: video.coverUrl } : {}),
        ...(video.creationTime ? { createdAt: video.creationTime } : {}),
      })
    }
    remaining = remaining.filter((mediaId) => !found.has(mediaId))
  }
  if (types.includes('image') && remaining.length > 0) {
    const reply = await client.getImageInfos({ imageIds: remaining }, callOptions)
    for (const image of reply.images) {
      found.set(image.imageId, {
        mediaId: image.imageId,
        mediaType: 'image',
        ...(image.title === undefined ? {} : { title: image.title }),
        ...(image.creationTime ? { createdAt: image.creationTime } : {}),
      })
    }
    remaining = remaining.filter((mediaId) => !found.has(mediaId))
  }
  return { found, missing: remaining }
}
