import { describe, expect, it } from 'vitest'
import { mediaSummarySchema } from '../../../src/shared/contract'
import { mediaSummaryOf, summaryFields } from '../../../src/main/services/media-summary'
import type { SearchMediaItem } from '../../../src/main/vod/actions/search-media'

function item(fields: Partial<SearchMediaItem>): SearchMediaItem {
  return {
    mediaType: 'video',
    mediaId: 'a1b2c3',
    snapshotUrls: [],
    spriteUrls: [],
    ...fields,
  } as SearchMediaItem
}

describe('media summaries', () => {
  it('maps a search result to a library row', () => {
    const summary = mediaSummaryOf(
      item({
        title: '  发布会  ',
        coverUrl: 'https://cdn.example/cover.jpg?auth_key=1',
        duration: 12.5,
        size: 1024,
        status: 'Normal',
        cateId: 7,
        cateName: 'Travel',
        creationTime: '2026-01-01T00:00:00Z',
        modificationTime: '2026-01-02T00:00:00Z',
        storageClass: 'ColdArchive',
        restoreStatus: 'Processing',
      }),
      'video',
    )
    expect(summary).toEqual({
      mediaId: 'a1b2c3',
      mediaType: 'video',
      title: '发布会',
      coverUrl: 'https://cdn.example/cover.jpg?auth_key=1',
      duration: 12.5,
      size: 1024,
      status: 'Normal',
      categoryId: 7,
      categoryName: 'Travel',
      createdAt: '2026-01-01T00:00:00Z',
      modifiedAt: '2026-01-02T00:00:00Z',
      storageClass: 'ColdArchive',
      restoreStatus: 'Processing',
    })
    expect(mediaSummarySchema.parse(summary)).toEqual(summary)
  })

  it('fills what is missing and uses an image URL as its cover', () => {
    const summary = mediaSummaryOf(
      item({ mediaType: 'image', url: 'https://cdn/x.png', duration: 3 }),
      'image',
    )
    expect(summary).toMatchObject({
      title: 'a1b2c3',
      coverUrl: 'https://cdn/x.png',
      duration: null,
      status: 'Unknown',
    })
  })

  it('asks for the fields each row shows', () => {
    expect(summaryFields('video')).toContain('CoverURL')
    expect(summaryFields('image')).toContain('URL')
    expect(summaryFields('image')).not.toContain('Duration')
  })
})
