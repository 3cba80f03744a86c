import type { AddressType, VodMediaType } from '../../shared/vod'
import { AppError } from '../../shared/errors'
import type { VodClient } from '../vod/client'
import { listDownloadableFiles, type DownloadableFile } from '../vod/downloadable-files'
import { fetchMediaDetails } from '../vod/media-details'

export interface MediaFiles {
  mediaId: string
  mediaType: VodMediaType
  title: string
  files: DownloadableFile[]
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
): Promise<MediaFiles> {
  const attempt = async (mediaType: VodMediaType): Promise<MediaFiles> => {
    const details = await fetchMediaDetails(client, { mediaId, mediaType, outputType })
    const title =
      details.mediaType === 'image'
        ? (details.image.title ?? mediaId)
        : (details.video.title ?? mediaId)
    return { mediaId, mediaType, title, files: listDownloadableFiles(details, { outputType }) }
  }
  if (type) return attempt(type)
  try {
    return await attempt('video')
  } catch (error) {
    if (!(error instanceof AppError) || error.code !== 'NotFound') throw error
    return attempt('image')
  }
}
