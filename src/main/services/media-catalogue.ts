import type { DownloadableFile, MediaDetails, MediaType } from '../../shared/contract'
import type { ErrorData } from '../../shared/errors'
import type { AddressType, UnavailablePart } from '../../shared/vod'
import type { ImageInfo } from '../vod/actions/get-image-info'
import type { VodClient } from '../vod/client'
import {
  listDownloadableFiles,
  type DownloadableFile as VodDownloadableFile,
  type MediaDetails as VodMediaDetails,
} from '../vod/downloadable-files'
import { gatherMediaDetails, type MediaParts } from './media-parts'
import { contractFileOf, mediaDetailsOf } from './media-mapping'

/** One file as the VOD module lists it (identity, checksums) and as the renderer sees it. */
export interface CatalogueEntry {
  listed: VodDownloadableFile
  file: DownloadableFile
}

/** Everything known about one media item's files, fetched with one set of API calls. */
export interface MediaCatalogue {
  details: VodMediaDetails
  media: MediaDetails
  entries: CatalogueEntry[]
  warnings: ErrorData[]
  /** Parts that could not be listed, with why. */
  unavailable: UnavailablePart[]
}

/** Which media item to list, how, and which parts of it. */
export interface CatalogueRequest {
  mediaId: string
  mediaType: MediaType
  /** The address type files are listed (and URLs signed) for. */
  outputType: AddressType
  /** The file-name template that names each file. */
  template: string
  parts?: MediaParts
  /** For an image: its info from a batched GetImageInfos, saving one call. */
  preloadedImage?: ImageInfo
  /** The CDN domain stream addresses use (Settings › PlayDomain); the default when absent. */
  playDomain?: string
}

/** Lists a media item's files for the details screen and for queueing downloads. */
export async function loadMediaCatalogue(
  client: VodClient,
  request: CatalogueRequest,
): Promise<MediaCatalogue> {
  const { details, warnings, unavailable } = await gatherMediaDetails(client, request)
  const entries = listDownloadableFiles(details, { outputType: request.outputType }).map(
    (listed) => ({ listed, file: contractFileOf(listed, details, request.template) }),
  )
  return { details, media: mediaDetailsOf(details), entries, warnings, unavailable }
}
