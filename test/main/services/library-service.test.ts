import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { LibrarySearchInput, MediaSummary } from '../../../src/shared/contract'
import { startAppHarness, type AppHarness } from './harness'

/** Follows the cursor to the end; answers every item and how many pages it took. */
async function searchEverything(
  harness: AppHarness,
  input: LibrarySearchInput,
): Promise<{ items: MediaSummary[]; pages: number; total: number }> {
  const items: MediaSummary[] = []
  let cursor: string | undefined
  let pages = 0
  let total = 0
  do {
    const page = await harness.call('library.search', { ...input, ...(cursor ? { cursor } : {}) })
    items.push(...page.items)
    total = page.total
    pages += 1
    cursor = page.nextCursor ?? undefined
  } while (cursor !== undefined)
  return { items, pages, total }
}

describe('library service against the demo library', () => {
  let harness: AppHarness

  beforeAll(async () => {
    harness = await startAppHarness()
  })

  afterAll(async () => {
    await harness.cleanup()
  })

  it('filters by title, status, category and creation time, and sorts', async () => {
    const { videos } = harness.emulator.library
    const byTitle = await harness.call('library.search', { mediaType: 'video', title: '发布会' })
    expect(byTitle.items.map((item) => item.title).sort()).toEqual(
      videos
        .filter((video) => video.title.includes('发布会'))
        .map((video) => video.title)
        .sort(),
    )

    const quoted = await harness.call('library.search', {
      mediaType: 'video',
      title: `What's next`,
    })
    expect(quoted.items.map((item) => item.title)).toEqual([`Q&A: "What's next?" / roadmap 2026`])

    const transcoding = await harness.call('library.search', {
      mediaType: 'video',
      status: 'Transcoding',
    })
    expect(transcoding.total).toBe(videos.filter((video) => video.status === 'Transcoding').length)
    expect(transcoding.items.every((item) => item.status === 'Transcoding')).toBe(true)

    const music = await harness.call('library.search', { mediaType: 'video', categoryId: 1000005 })
    expect(music.total).toBe(videos.filter((video) => video.cateId === 1000005).length)
    expect(music.items[0]).toMatchObject({ categoryId: 1000005, categoryName: '音乐 Music' })

    const from = '2026-01-01T00:00:00Z'
    const to = '2026-06-30T23:59:59Z'
    const inRange = await harness.call('library.search', {
      mediaType: 'video',
      createdFrom: from,
      createdTo: to,
      sort: 'created-asc',
    })
    const expected = videos.filter(
      (video) => video.creationTime >= Date.parse(from) && video.creationTime <= Date.parse(to),
    )
    expect(inRange.total).toBe(expected.length)
    const times = inRange.items.map((item) => Date.parse(item.createdAt))
    expect(times).toEqual([...times].sort((left, right) => left - right))
    const withCover = inRange.items.find((item) => item.coverUrl !== null)
    expect(withCover?.coverUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/cdn\//)
    expect(typeof withCover?.duration).toBe('number')
    expect(typeof withCover?.size).toBe('number')
    expect(withCover?.storageClass).toBe('Standard')
  })

  it('pages with an opaque cursor through the whole library', async () => {
    const { items, pages, total } = await searchEverything(harness, {
      mediaType: 'video',
      pageSize: 10,
    })
    const count = harness.emulator.library.videos.length
    expect(total).toBe(count)
    expect(pages).toBe(Math.ceil(count / 10))
    expect(new Set(items.map((item) => item.mediaId)).size).toBe(count)

    const images = await searchEverything(harness, { mediaType: 'image', pageSize: 100 })
    expect(images.items).toHaveLength(harness.emulator.library.images.length)
    expect(images.items[0]?.coverUrl).toMatch(/^http:/)
  })

  it('refuses a damaged cursor and a cursor from another search', async () => {
    const first = await harness.call('library.search', { mediaType: 'video', pageSize: 5 })
    expect(
      (await harness.failure('library.search', { mediaType: 'video', pageSize: 5, cursor: 'x' }))
        .code,
    ).toBe('InvalidInput')
    const other = await harness.failure('library.search', {
      mediaType: 'video',
      pageSize: 5,
      title: 'a',
      cursor: first.nextCursor!,
    })
    expect(other.code).toBe('InvalidInput')
    expect(other.detail).toMatch(/another search/)
  })

  it('lists the category tree from GetCategories, parents before their children', async () => {
    const categories = await harness.call('library.categories', { mediaType: 'video' })
    const tree = harness.emulator.library.categories
    expect(categories).toHaveLength(tree.length)
    expect(categories).toContainEqual({
      id: 1000002,
      name: 'Travel 旅行',
      parentId: null,
      level: 0,
    })
    expect(categories).toContainEqual({
      id: 1000211,
      name: '杭州 Hangzhou',
      parentId: 1000201,
      level: 2,
    })
    for (const [index, category] of categories.entries()) {
      if (category.parentId === null) continue
      const parent = categories.findIndex((candidate) => candidate.id === category.parentId)
      expect(parent).toBeGreaterThanOrEqual(0)
      expect(parent).toBeLessThan(index)
    }
    // The root, then each category that has children (Travel, Domestic, Training); the tree
    // is kept a minute, so the category searches above and the list share one walk.
    const calls = harness.emulator.log.filter((entry) => entry.action === 'GetCategories')
    expect(calls).toHaveLength(4)
  })

  it('filters by a category including the categories below it', async () => {
    const videos = harness.emulator.library.videos
    const travelTree = new Set([1000002, 1000201, 1000202, 1000211])
    const travel = await harness.call('library.search', {
      mediaType: 'video',
      categoryId: 1000002,
      pageSize: 100,
    })
    const expected = videos.filter((video) => travelTree.has(video.cateId))
    expect(travel.total).toBe(expected.length)
    expect(travel.items.map((item) => item.categoryId)).toContain(1000211)
    const hangzhou = await harness.call('library.search', {
      mediaType: 'video',
      categoryId: 1000211,
    })
    expect(hangzhou.items.map((item) => item.mediaId).sort()).toEqual(
      videos
        .filter((video) => video.cateId === 1000211)
        .map((video) => video.id)
        .sort(),
    )
    expect(hangzhou.total).toBe(2)
  })
})

describe('library paging past the 5,000-result window', () => {
  let harness: AppHarness

  beforeAll(async () => {
    harness = await startAppHarness({
      emulator: {
        extraVideos: 5100,
        extraImages: 5100,
        extraImageBytes: 1024,
        scrollTokenLifetimeSeconds: 3,
      },
    })
  })

  afterAll(async () => {
    await harness.cleanup()
  })

  it('follows the ScrollToken beyond page 50 and reaches every video once', async () => {
    const { items, pages, total } = await searchEverything(harness, {
      mediaType: 'video',
      pageSize: 100,
      sort: 'created-asc',
    })
    const count = harness.emulator.library.videos.length
    expect(count).toBeGreaterThan(5000)
    expect(total).toBe(count)
    expect(pages).toBe(Math.ceil(count / 100))
    expect(new Set(items.map((item) => item.mediaId)).size).toBe(count)
    const searches = harness.emulator.log.filter((entry) => entry.action === 'SearchMedia')
    expect(searches.every((entry) => entry.status === 200)).toBe(true)
  })
  it('reaches every image past 5,000 by starting each window after the last image shown', async () => {
    const { items, total } = await searchEverything(harness, {
      mediaType: 'image',
      pageSize: 100,
    })
    const count = harness.emulator.library.images.length
    expect(count).toBeGreaterThan(5000)
    expect(items).toHaveLength(count)
    expect(new Set(items.map((item) => item.mediaId)).size).toBe(count)
    expect(total).toBe(count)
    const times = items.map((item) => Date.parse(item.createdAt))
    expect(times).toEqual([...times].sort((left, right) => right - left))
  })

  it('goes on after the last item shown when the ScrollToken expired meanwhile', async () => {
    const items: MediaSummary[] = []
    let cursor: string | undefined
    for (let page = 1; page <= 51; page += 1) {
      const answer = await harness.call('library.search', {
        mediaType: 'video',
        pageSize: 100,
        ...(cursor ? { cursor } : {}),
      })
      items.push(...answer.items)
      cursor = answer.nextCursor ?? undefined
    }
    // The user looks away for longer than a ScrollToken lives (three seconds here).
    await new Promise((resolve) => setTimeout(resolve, 3_300))
    const before = harness.emulator.log.length
    while (cursor !== undefined) {
      const answer = await harness.call('library.search', {
        mediaType: 'video',
        pageSize: 100,
        cursor,
      })
      items.push(...answer.items)
      expect(answer.total).toBe(harness.emulator.library.videos.length)
      cursor = answer.nextCursor ?? undefined
    }
    const count = harness.emulator.library.videos.length
    expect(items).toHaveLength(count)
    expect(new Set(items.map((item) => item.mediaId)).size).toBe(count)
    const refused = harness.emulator.log
      .slice(before)
      .filter((entry) => entry.action === 'SearchMedia' && entry.status === 400)
    expect(refused).toHaveLength(1)
  })
})
