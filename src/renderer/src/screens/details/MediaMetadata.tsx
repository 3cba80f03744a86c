import type { ReactNode } from 'react'
import type { MediaDetails } from '../../../../shared/contract'
import {
  formatBytes,
  formatDateTime,
  formatMediaDuration,
  formatResolution,
} from '../../../../shared/format'
import { mediaStatusLabel } from '../../components/media-status'
import { storageClassLabel } from '../../components/storage-class'
import { Thumbnail } from '../../components/Thumbnail'
import { useI18n } from '../../i18n/i18n-context'

/**
 * The media item's facts: id, duration (or, for an image, its pixel size), size, status,
 * category, storage, dates, tags.
 */
export function MediaMetadata(props: {
  media: MediaDetails
  /** An image's width and height, from its files. */
  dimensions?: { width: number; height: number } | null
}): ReactNode {
  const i18n = useI18n()
  const { t } = i18n
  const { media } = props
  // [field (for tests), label, value]
  const rows: [string, string, string][] = [
    ['mediaId', t('details.mediaId'), media.mediaId],
    ['status', t('details.status'), mediaStatusLabel(i18n, media.status)],
    media.mediaType === 'image'
      ? [
          'dimensions',
          t('details.dimensions'),
          formatResolution(props.dimensions?.width, props.dimensions?.height),
        ]
      : ['duration', t('details.duration'), formatMediaDuration(media.duration)],
    ['size', t('details.size'), formatBytes(media.size)],
    ['category', t('details.category'), media.categoryName ?? '—'],
    ['storageClass', t('details.storageClass'), storageClassLabel(i18n, media.storageClass)],
    ['storageLocation', t('details.storageLocation'), media.storageLocation ?? '—'],
    ['created', t('details.created'), formatDateTime(media.createdAt)],
    ['modified', t('details.modified'), formatDateTime(media.modifiedAt)],
  ]
  if (media.tags.length > 0) rows.push(['tags', t('details.tags'), media.tags.join(', ')])
  return (
    <div className="metadata" data-testid="details-metadata">
      {media.coverUrl && (
        <span className="metadata__cover">
          <Thumbnail src={media.coverUrl} alt="" placeholder={t('kind.cover')} />
        </span>
      )}
      <dl className="metadata__list">
        {rows.map(([field, label, value]) => (
          <div key={field} className="metadata__row" data-field={field}>
            <dt>{label}</dt>
            <dd data-testid={`details-meta-${field}`}>{value}</dd>
          </div>
        ))}
      </dl>
      {media.description && <p className="metadata__description">{media.description}</p>}
    </div>
  )
}
