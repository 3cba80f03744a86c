import { describe, expect, it } from 'vitest'
import { listingMatch } from '../../../src/main/backup/backup-request'
import { listLibrary, type ListingApi } from '../../../src/main/backup/library-listing'
import type {
  SearchMediaItem,
  SearchMediaPage,
  SearchMediaRequest,
} from '../../../src/main/vod/actions/search-media'

function item(index: number, creationTime: string): SearchMediaItem {
  return {
    mediaType: 'image',
    mediaId: `i${String(index).padStart(6, '0')}`,
    creationTime,
  } as SearchMediaItem
}

/**
 * A SearchMedia over `count` images created one per second, honouring only what the listing
 * sends: a `CreationTime = ['…',]` bound, PageNo/PageSize, and no ScrollToken (images have none),
 * so nothing past 5,000 results per query.
 */
function imageSearch(
  count: number,
  sameSecond = 1,
): ListingApi & { requests: SearchMediaRequest[] } {
  const all = Array.from({ length: count }, (_, index) =>
    item(
      index,
      new Date(Date.UTC(2026, 0, 1) + Math.floor(index / sameSecond) * 1000)
        .toISOString()
        .replace('.000Z', 'Z'),
    ),
  )
  const requests: SearchMediaRequest[] = []
  return {
    requests,
    searchMedia(request): Promise<SearchMediaPage> {
      requests.push(request)
      const from = /CreationTime = \['([^']+)',\]/.exec(request.match ?? '')?.[1]
      const matching = from ? all.filter((entry) => (entry.creationTime ?? '') >= from) : all
      const pageNo = request.pageNo ?? 1
      const pageSize = request.pageSize ?? 10
      if (pageNo * pageSize > 5000) return Promise.reject(new Error('past the window'))
      const items = matching.slice((pageNo - 1) * pageSize, pageNo * pageSize)
      return Promise.resolve({
        requestId: 'r',
        total: matching.length,
        scrollToken: undefined,
        items,
      })
    },
  }
}

async function collect(api: ListingApi, from: string | null = null) {
  const ids: string[] = []
  const resumePoints: Array<string | null> = []
  for await (const page of listLibrary(api, {
    mediaType: 'image',
    scope: { kind: 'all' },
    since: null,
    from,
  })) {
    ids.push(...page.items.map((entry) => entry.mediaId))
    resumePoints.push(page.resumeFrom)
  }
  return { ids, resumePoints }
}

describe('listLibrary', () => {
  it('lists past the 5,000-result window of an image search with creation-time windows', async () => {
    const api = imageSearch(12_345)
    const { ids } = await collect(api)
    expect(new Set(ids).size).toBe(12_345)
    // 124 pages of 100 plus one page again at each window's boundary second.
    expect(api.requests.length).toBeLessThanOrEqual(124 + 3)
    expect(api.requests.every((request) => request.sortBy === 'CreationTime:Asc')).toBe(true)
  })

  it('resumes from the creation time of the last page it recorded', async () => {
    const api = imageSearch(450)
    const full = await collect(api)
    const resumeAt = full.resumePoints[1] as string
    const resumed = imageSearch(450)
    const rest = await collect(resumed, resumeAt)
    expect(resumed.requests).toHaveLength(3)
    expect(new Set([...full.ids.slice(0, 200), ...rest.ids])).toEqual(new Set(full.ids))
  })

  it('says so when more than 5,000 images share one second', async () => {
    await expect(collect(imageSearch(6_000, 6_000))).rejects.toMatchObject({
      code: 'SearchWindowFull',
    })
  })

  it('combines the scope, --since and the resume point into one Match', () => {
    expect(listingMatch({ kind: 'all' }, null, null)).toBeUndefined()
    expect(
      listingMatch(
        { kind: 'match', match: "Title = 'a' or Title = 'b'" },
        '2026-01-31T16:00:00.500Z',
        null,
      ),
    ).toBe("(Title = 'a' or Title = 'b') and CreationTime = ['2026-01-31T16:00:00Z',]")
    expect(listingMatch({ kind: 'category', categoryId: 7 }, null, '2026-02-01T00:00:00Z')).toBe(
      "CateId = 7 and CreationTime = ['2026-02-01T00:00:00Z',]",
    )
  })
})
