import type { MediaType } from '../../shared/contract'
import type { ErrorData } from '../../shared/errors'
import type { AddressType, UnavailablePart, VodFileKind } from '../../shared/vod'
import type { ImageInfo } from '../vod/actions/get-image-info'
import type { VodClient } from '../vod/client'
import type { MediaDetails } from '../vod/downloadable-files'
import { fetchMediaDetails, isEmptyPart } from '../vod/media-details'

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
  /** Parts whose call failed (a throttled snapshot list, a 500 from GetPlayInfo). */
  warnings: ErrorData[]
  /** Every part that could not be listed, with why (not transcoded yet, no snapshot job…). */
  unavailable: UnavailablePart[]
}

/** The file kinds the parts stand for; the snapshot part includes the cover candidates. */
function kindsOfParts(parts: MediaParts): VodFileKind[] | undefined {
  if (parts.source && parts.renditions && parts.snapshots) return undefined
  const kinds: VodFileKind[] = []
  if (parts.source) kinds.push('source')
  if (parts.renditions) kinds.push('rendition')
  if (parts.snapshots) kinds.push('cover', 'snapshot', 'sprite', 'sprite-origin', 'webvtt')
  return kinds
}

/**
 * `fetchMediaDetails` for the window: each part stands on its own, so the details screen shows
 * the source and every part that did load, and says why the others did not. A part that has
 * nothing to offer now (the video is transcoding, no snapshot job) is only reported; a part
 * whose call failed is also a warning. The item itself (GetVideoInfo, GetImageInfo) must load,
 * or the request fails.
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
    /** The CDN domain stream addresses use; the default when absent. */
    playDomain?: string
  },
): Promise<GatheredMedia> {
  const kinds = kindsOfParts(request.parts ?? everyPart)
  const details = await fetchMediaDetails(client, {
    mediaId: request.mediaId,
    mediaType: request.mediaType,
    outputType: request.outputType,
    everything: true,
    ...(kinds ? { kinds } : {}),
    ...(request.preloadedImage ? { image: request.preloadedImage } : {}),
    ...(request.playDomain ? { playDomain: request.playDomain } : {}),
  })
  const unavailable = details.mediaType === 'image' ? [] : (details.unavailable ?? [])
  return {
    details,
    warnings: unavailable.filter((part) => !isEmptyPart(part)).map((part) => part.error),
    unavailable,
  }
}
