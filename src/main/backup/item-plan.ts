import type { VodMediaType } from '../../shared/vod'
import type { ManifestItem } from '../database/backup-manifest-repository'
import type { SearchMediaItem } from '../vod/actions/search-media'
import type { ItemDecision, ListedItem } from './plan-types'

/**
 * What one listed item means for the local copy (pure). Only the listing is used: an item whose
 * listing did not change costs no further API call, which is what makes a run over an unchanged
 * library cost one SearchMedia call per 100 items.
 */

/** The SearchMedia fields the plan reads (without `Fields` the API returns ids only). */
export function listingFields(mediaType: VodMediaType): string[] {
  return mediaType === 'image'
    ? ['Title', 'Description', 'Tags', 'CateId', 'CateName', 'Status', 'ModificationTime']
    : [
        'Title',
        'Description',
        'Tags',
        'CateId',
        'CateName',
        'Duration',
        'Size',
        'Status',
        'ModificationTime',
        'StorageClass',
        'RestoreStatus',
      ]
}

/** A search result as the plan's item. */
export function listedItemOf(item: SearchMediaItem, mediaType: VodMediaType): ListedItem {
  // Read without depending on it: older replies (and clients) have no restore fields.
  const restoreStatus = (item as { restoreStatus?: string | undefined }).restoreStatus
  return {
    mediaId: item.mediaId,
    mediaType,
    title: item.title?.trim() || item.mediaId,
    description: item.description ?? null,
    tags: (item.tags ?? '')
      .split(',')
      .map((tag) => tag.trim())
      .filter((tag) => tag !== ''),
    categoryId: item.cateId ?? null,
    categoryName: item.cateName?.trim() || null,
    creationTime: item.creationTime ?? null,
    modificationTime: item.modificationTime ?? null,
    size: item.size ?? null,
    duration: item.duration ?? null,
    status: item.status ?? null,
    storageClass: item.storageClass ?? null,
    restoreStatus: restoreStatus ?? null,
  }
}

export interface ItemPlanContext {
  /** The file words of this run (`source+cover`); an item copied with others is looked at again. */
  selection: string
  /** The layout template changed since the last run: every file may move. */
  templateChanged: boolean
}

/**
 * - `new`: not in the local copy (or found deleted earlier and listed again);
 * - `modified`: the listing differs in what can change files (modification time, source size,
 *   status, storage class, restore), the item was copied with other file words, or its last copy
 *   was incomplete: its files are listed again;
 * - `renamed`: only the title or category differs (or the template changed): files move;
 * - `unchanged`.
 */
export function decideItem(
  listed: ListedItem,
  known: ManifestItem | undefined,
  context: ItemPlanContext,
): ItemDecision {
  if (!known || known.deletedAt !== null) return 'new'
  if (
    !known.complete ||
    known.selection !== context.selection ||
    known.modificationTime !== listed.modificationTime ||
    known.size !== listed.size ||
    known.status !== listed.status ||
    known.storageClass !== listed.storageClass ||
    // A restore in progress or done changes what can be downloaded.
    (listed.restoreStatus !== null && listed.restoreStatus !== known.metadata.restoreStatus)
  ) {
    return 'modified'
  }
  if (
    context.templateChanged ||
    known.title !== listed.title ||
    known.categoryId !== listed.categoryId ||
    known.categoryName !== listed.categoryName
  ) {
    return 'renamed'
  }
  return 'unchanged'
}
