import type { MediaSummary, MediaType } from '../../shared/contract'
import type { SearchMediaItem } from '../vod/actions/search-media'

/** The SearchMedia fields a library row shows; without `Fields` the API returns ids only. */
export function summaryFields(mediaType: MediaType): string[] {
  return mediaType === 'image'
    ? ['Title', 'CateId', 'CateName', 'Status', 'ModificationTime', 'URL']
    : [
        'Title',
        'CoverURL',
        'Duration',
        'Size',
        'Status',
        'CateId',
        'CateName',
        'ModificationTime',
        'StorageClass',
        'RestoreStatus',
      ]
}

/** One search result as a library row. Cover URLs are signed and expire: fine for display. */
export function mediaSummaryOf(item: SearchMediaItem, mediaType: MediaType): MediaSummary {
  return {
    mediaId: item.mediaId,
    mediaType,
    title: item.title?.trim() || item.mediaId,
    coverUrl: item.coverUrl ?? (mediaType === 'image' ? (item.url ?? null) : null),
    duration: mediaType === 'image' ? null : (item.duration ?? null),
    size: item.size ?? null,
    status: item.status ?? 'Unknown',
    categoryId: item.cateId ?? null,
    categoryName: item.cateName ?? null,
    createdAt: item.creationTime ?? '',
    modifiedAt: item.modificationTime ?? null,
    storageClass: item.storageClass ?? null,
    restoreStatus: item.restoreStatus ?? null,
  }
}
