import type { MediaType } from '../../shared/contract'
import { asAppError, type ErrorData } from '../../shared/errors'
import type { AddressType } from '../../shared/vod'
import type { ImageInfo } from '../vod/actions/get-image-info'
import { snapshotTypes, type SnapshotList } from '../vod/actions/list-snapshots'
import type { VodClient } from '../vod/client'
import type { MediaDetails } from '../vod/downloadable-files'
import { VodServiceError } from '../vod/errors'

/** Which parts of a video or audio item to ask the API for (images are one call either way). */
export interface MediaParts {
  source: boolean
  renditions: boolean
  snapshots: boolean
}

/** Every part: what the details screen shows. */
export const everyPart: MediaParts = { source: true, renditions: true, snapshots: true }

/** What was gathered, and what could not be, as warnings instead of a failed request. */
export interface GatheredMedia {
  details: MediaDetails
  warnings: ErrorData[]
}

/**
 * Like `fetchMediaDetails`, but a part that fails for a reason other than "there is nothing
 * here" (a throttled snapshot list, a 500 from GetPlayInfo) becomes a warning: the details
 * screen still shows the source and every part that did load. The item itself (GetVideoInfo,
 * GetImageInfo) must load, or the request fails.
 */
export async function gatherMediaDetails(
  client: VodClient,
  request: {
    mediaId: string
    mediaType: MediaType
    outputType: AddressType
    parts?: MediaParts
    /** The image's info when a batched GetImageInfos already returned it. */
    preloadedImage?: ImageInfo
  },
): Promise<GatheredMedia> {
  const { mediaId, outputType } = request
  if (request.mediaType === 'image') {
    const image =
      request.preloadedImage ?? (await client.getImageInfo({ imageId: mediaId, outputType }))
    return { details: { mediaType: 'image', image }, warnings: [] }
  }
  const parts = request.parts ?? everyPart
  const video = await client.getVideoInfo(mediaId)
  const warnings: ErrorData[] = []
  const [mezzanine, playInfo, snapshots] = await Promise.all([
    parts.source
      ? optionalPart(client.getMezzanineInfo({ videoId: mediaId, outputType }), warnings)
      : undefined,
    parts.renditions
      ? optionalPart(
          client.getPlayInfo({ videoId: mediaId, outputType, resultType: 'Multiple' }),
          warnings,
        )
      : undefined,
    parts.snapshots ? listSnapshotsKeepingGoing(client, mediaId, warnings) : undefined,
  ])
  const details: MediaDetails = {
    mediaType: request.mediaType,
    video,
    playInfos: playInfo?.playInfos ?? [],
    ...(mezzanine ? { mezzanine } : {}),
    ...(snapshots ? { snapshots } : {}),
  }
  return { details, warnings }
}

/** Errors that mean "this part has nothing to offer" (no source kept, not transcoded yet). */
function isEmptyPart(error: unknown): boolean {
  return (
    error instanceof VodServiceError &&
    (error.code === 'NotFound' || error.code === 'NoStream' || error.code === 'IllegalStatus')
  )
}

async function optionalPart<T>(lookup: Promise<T>, warnings: ErrorData[]): Promise<T | undefined> {
  try {
    return await lookup
  } catch (error) {
    if (!isEmptyPart(error)) warnings.push(asAppError(error).toData())
    return undefined
  }
}

/** Every snapshot type in turn; one that fails is a warning and the others still load. */
async function listSnapshotsKeepingGoing(
  client: VodClient,
  videoId: string,
  warnings: ErrorData[],
): Promise<SnapshotList[]> {
  const lists: SnapshotList[] = []
  for (const snapshotType of snapshotTypes) {
    const list = await optionalPart(client.listSnapshots({ videoId, snapshotType }), warnings)
    lists.push(list ?? { snapshotType, snapshots: [] })
  }
  return lists
}
