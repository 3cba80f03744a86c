import { AppError } from '../../shared/errors'
import type { AddressType } from '../../shared/vod'
import type { VodClient } from '../vod/client'
import type { ImportDependencies } from './import-plan'
import { lookupMedia } from './media-lookup'
import { mediaFiles } from './media-files'
import { selectFiles } from './select-files'

/**
 * What an import asks the VOD API, for the CLI and the window alike: ids checked 20 per call,
 * and an item's files listed and picked as `vod get` lists and picks them.
 */
export function vodImportDependencies(
  client: VodClient,
  outputType: AddressType,
): ImportDependencies {
  return {
    lookupMedia: (mediaIds) => lookupMedia(client, mediaIds),
    async listFiles(media, request) {
      // Only the parts the line asks for: a source-and-cover line never lists snapshots.
      const listed = await mediaFiles(client, media.mediaId, media.mediaType, outputType, {
        kinds: request.kinds,
        everything: request.everything,
      })
      return {
        title: listed.title,
        ...selectFiles(listed.files, request),
        unavailable: listed.unavailable,
      }
    },
  }
}

/** A list of URLs only never reaches the VOD API (and needs no account). */
export const noVodDependencies: ImportDependencies = {
  lookupMedia: () => Promise.reject(new AppError('NotConfigured')),
  listFiles: () => Promise.reject(new AppError('NotConfigured')),
}
