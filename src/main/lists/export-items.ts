import type { VodMediaType } from '../../shared/vod'
import type { VodClient } from '../vod/client'
import type { ExportItem } from './export-rows'
import { lookupMedia, type MediaLookupApi } from './media-lookup'

/** What an export of a search filter searches, in the order it walks the results. */
export interface ExportFilter {
  mediaType: VodMediaType
  /** SearchMedia `Match`; everything of the type when absent. */
  match?: string
  /** SearchMedia `SortBy`, one field (a ScrollToken traversal allows no more). */
  sortBy: string
}

/**
 * Items for a list of ids, in its order; ids the API does not know become `missing` items (and
 * NotFound rows). Without a type the ids may be anything: videos are looked up first, then
 * images; with a type only that store is asked.
 */
export async function itemsForIds(
  client: MediaLookupApi,
  mediaIds: readonly string[],
  type: VodMediaType | undefined,
  signal?: AbortSignal,
): Promise<ExportItem[]> {
  const lookup = await lookupMedia(client, mediaIds, {
    ...(type === undefined ? {} : { types: [type === 'image' ? 'image' : 'playable'] }),
    ...(type === 'audio' ? { playableType: 'audio' as const } : {}),
    ...(signal ? { signal } : {}),
  })
  return mediaIds.map((mediaId) => {
    const known = lookup.found.get(mediaId)
    return known ?? { mediaId, mediaType: type ?? 'video', missing: true }
  })
}

/**
 * Every item a search filter matches, page by page: no 200 / 100 cap as in the console. Past
 * the first 5,000 results video and audio go on with the ScrollToken and images resume after
 * the last creation time given (see `VodClient.searchAll`).
 */
export async function* itemsForFilter(
  client: Pick<VodClient, 'searchAll'>,
  filter: ExportFilter,
  signal?: AbortSignal,
): AsyncGenerator<ExportItem, void, undefined> {
  const { mediaType } = filter
  const results = client.searchAll(
    {
      searchType: mediaType,
      ...(filter.match ? { match: filter.match } : {}),
      fields: mediaType === 'image' ? ['Title'] : ['Title', 'CoverURL'],
      sortBy: filter.sortBy,
      pageSize: 100,
    },
    signal ? { signal } : {},
  )
  for await (const result of results) {
    yield {
      mediaId: result.mediaId,
      mediaType,
      ...(result.title === undefined ? {} : { title: result.title }),
      ...(result.coverUrl ? { coverUrl: result.coverUrl } : {}),
      ...(result.creationTime ? { createdAt: result.creationTime } : {}),
    }
  }
}
