import { describe, expect, it } from 'vitest'
import type { ManifestItem } from '../../../src/main/database/backup-manifest-repository'
import { decideItem, listedItemOf } from '../../../src/main/backup/item-plan'
import type { ListedItem } from '../../../src/main/backup/plan-types'
import { searchMediaResponseSchema } from '../../../src/main/vod/actions/search-media'

const listed: ListedItem = listedItemOf(
  searchMediaResponseSchema.parse({
    MediaList: [
      {
        MediaType: 'video',
        MediaId: 'v1',
        CreationTime: '2026-01-01T00:00:00Z',
        Video: {
          VideoId: 'v1',
          Title: ' Launch ',
          Description: 'd',
          Status: 'Normal',
          CateId: 7,
          CateName: 'Marketing',
          Tags: 'a, b,,',
          ModificationTime: '2026-01-02T00:00:00Z',
          Duration: 12,
          Size: 1000,
          StorageClass: 'Standard',
        },
      },
    ],
  }).items[0]!,
  'video',
)

const known: ManifestItem = {
  mediaId: 'v1',
  mediaType: 'video',
  title: 'Launch',
  categoryId: 7,
  categoryName: 'Marketing',
  creationTime: '2026-01-01T00:00:00Z',
  modificationTime: '2026-01-02T00:00:00Z',
  size: 1000,
  status: 'Normal',
  storageClass: 'Standard',
  selection: 'source',
  sidecarPath: null,
  metadata: {},
  complete: true,
  syncedAt: 1,
  deletedAt: null,
}

const context = { selection: 'source', templateChanged: false }

describe('decideItem', () => {
  it('reads a search result as the plan needs it', () => {
    expect(listed).toMatchObject({ title: 'Launch', tags: ['a', 'b'], categoryId: 7, size: 1000 })
  })

  it('calls an item unchanged only when nothing that changes files or paths differs', () => {
    expect(decideItem(listed, known, context)).toBe('unchanged')
    expect(decideItem(listed, undefined, context)).toBe('new')
    expect(decideItem(listed, { ...known, deletedAt: 5 }, context)).toBe('new')
  })

  it('lists the files again when VOD changed the item or the last copy was incomplete', () => {
    expect(decideItem({ ...listed, modificationTime: 'later' }, known, context)).toBe('modified')
    expect(decideItem({ ...listed, size: 2000 }, known, context)).toBe('modified')
    expect(decideItem({ ...listed, status: 'Blocked' }, known, context)).toBe('modified')
    expect(decideItem({ ...listed, storageClass: 'Archive' }, known, context)).toBe('modified')
    expect(decideItem(listed, { ...known, complete: false }, context)).toBe('modified')
    expect(decideItem(listed, known, { ...context, selection: 'source+cover' })).toBe('modified')
  })

  it('only moves files when the title, category or layout changed', () => {
    expect(decideItem({ ...listed, title: 'New name' }, known, context)).toBe('renamed')
    expect(decideItem({ ...listed, categoryName: 'Sales' }, known, context)).toBe('renamed')
    expect(decideItem(listed, known, { ...context, templateChanged: true })).toBe('renamed')
  })
})
