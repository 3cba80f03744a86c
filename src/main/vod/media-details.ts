import type { AddressType, VodMediaType } from '../../shared/vod'
import type { CallOptions, VodClient } from './client'
import type { MediaDetails } from './downloadable-files'
import { VodServiceError } from './errors'

/** Errors that mean "this part of the item has nothing to offer", not "the item failed". */
function isEmptyPart(error: unknown): boolean {
  return (
    error instanceof VodServiceError &&
    (error.code === 'NotFound' || error.code === 'NoStream' || error.code === 'IllegalStatus')
  )
}

/** Runs a lookup whose "nothing here" answer is a normal outcome. */
async function optionalPart<T>(lookup: Promise<T>): Promise<T | undefined> {
  try {
    return await lookup
  } catch (error) {
    if (isEmptyPart(error)) return undefined
    throw error
  }
}

/**
 * Gathers what `listDownloadableFiles` needs for one media item: for video and audio the
 * video info, the source, every stream (ResultType=Multiple, so older and proprietary-encrypted
 * streams are shown too) and every snapshot type; for images the image info. A missing source
 * or a video that cannot play yet leaves that part empty; a missing item fails with NotFound.
 */
export async function fetchMediaDetails(
  client: VodClient,
  request: { mediaId: string; mediaType: VodMediaType; outputType: AddressType },
  options?: CallOptions,
): Promise<MediaDetails> {
  const { mediaId, outputType } = request
  if (request.mediaType === 'image') {
    return {
      mediaType: 'image',
      image: await client.getImageInfo({ imageId: mediaId, outputType }, options),
    }
  }
  const video = await client.getVideoInfo(mediaId, options)
  const mezzanine = await optionalPart(
    client.getMezzanineInfo({ videoId: mediaId, outputType }, options),
  )
  const playInfo = await optionalPart(
    client.getPlayInfo({ videoId: mediaId, outputType, resultType: 'Multiple' }, options),
  )
  const snapshots = await client.listAllSnapshots(mediaId, {}, options)
  return {
    mediaType: request.mediaType,
    video,
    ...(mezzanine ? { mezzanine } : {}),
    playInfos: playInfo?.playInfos ?? [],
    snapshots,
  }
}
