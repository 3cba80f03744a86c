import { AppError } from '../../shared/errors'
import type { VodMediaType } from '../../shared/vod'
import {
  searchPageSizeLimit,
  searchResultWindow,
  type SearchMediaItem,
} from '../vod/actions/search-media'
import type { CallOptions, VodClient } from '../vod/client'
import { listingMatch, type BackupScope } from './backup-request'
import { listingFields } from './item-plan'

/**
 * The library, page by page, oldest first. Sorting by creation time lets a listing resume from
 * the creation time of the last page it recorded, with a new query: a killed run continues
 * without listing again what it already planned, whatever became of its ScrollToken. The same
 * bound opens a new window when an image search (which has no ScrollToken) reaches SearchMedia's
 * 5,000-result limit.
 */

export interface ListingRequest {
  mediaType: VodMediaType
  scope: BackupScope
  since: string | null
  /** Resume at items created at or after this time (the previous page's last one). */
  from: string | null
  /** A category scope: the category and the ones below it. */
  categoryIds?: readonly number[]
}

export interface ListedPage {
  items: SearchMediaItem[]
  /** Where a listing that stops after this page resumes. */
  resumeFrom: string | null
}

/** The calls a listing makes. */
export type ListingApi = Pick<VodClient, 'searchMedia'>

export async function* listLibrary(
  client: ListingApi,
  request: ListingRequest,
  options: CallOptions = {},
): AsyncGenerator<ListedPage, void, undefined> {
  const canScroll = request.mediaType !== 'image'
  let from = request.from
  for (;;) {
    const match = listingMatch(request.scope, request.since, from, request.categoryIds)
    let scrollToken: string | undefined
    let lastCreation: string | null = from
    let delivered = 0
    let windowFull = false
    for (let pageNo = 1; ; pageNo += 1) {
      const page = await client.searchMedia(
        {
          searchType: request.mediaType,
          fields: listingFields(request.mediaType),
          sortBy: 'CreationTime:Asc',
          pageNo,
          pageSize: searchPageSizeLimit,
          ...(match === undefined ? {} : { match }),
          ...(canScroll && scrollToken !== undefined ? { scrollToken } : {}),
        },
        options,
      )
      for (const item of page.items) lastCreation = item.creationTime ?? lastCreation
      delivered += page.items.length
      yield { items: page.items, resumeFrom: lastCreation }
      if (page.items.length < searchPageSizeLimit) return
      if (page.total !== undefined && delivered >= page.total) return
      if (canScroll) scrollToken = page.scrollToken ?? scrollToken
      if (pageNo * searchPageSizeLimit >= searchResultWindow && (!canScroll || !scrollToken)) {
        windowFull = true
        break
      }
    }
    if (!windowFull) return
    // A new window from the last creation time seen: the items of that second come again
    // (recording them again changes nothing), the ones after it for the first time.
    if (lastCreation === null || lastCreation === from) throw new AppError('SearchWindowFull')
    from = lastCreation
  }
}
