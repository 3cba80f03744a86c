import type { ReactNode } from 'react'
import type { MediaDetails } from '../../../../shared/contract'
import { formatBytes, formatDateTime, formatMediaDuration } from '../../../../shared/format'
import { mediaStatusLabel } from '../../components/media-status'
import { Thumbnail } from '../../components/Thumbnail'
import { useI18n } from '../../i18n/i18n-context'

/** The media item's facts: id, duration, size, status, category, storage, dates, tags. */
export function MediaMetadata(props: { media: MediaDetails }): ReactNode {
  const i18n = useI18n()
  const { t } = i18n
  const { media } = props
  const rows: [string, string][] = [
    [t('details.mediaId'), media.mediaId],
    [t('details.status'), mediaStatusLabel(i18n, media.status)],
    [t('details.duration'), formatMediaDuration(media.duration)],
    [t('details.size'), formatBytes(media.size)],
    [t('details.category'), media.categoryName ?? '—'],
    [t('details.storageClass'), media.storageClass ?? '—'],
    [t('details.storageLocation'), media.storageLocation ?? '—'],
    [t('details.created'), formatDateTime(media.createdAt)],
    [t('details.modified'), formatDateTime(media.modifiedAt)],
  ]
  if (media.tags.length > 0) rows.push([t('details.tags'), media.tags.join(', ')])
  return (
    <div className="metadata" data-testid="details-metadata">
      {media.coverUrl && (
        <span className="metadata__cover">
          <Thumbnail src={media.coverUrl} alt="" placeholder={t('kind.cover')} />
        </span>
      )}
      <dl className="metadata__list">
        {rows.map(([label, value]) => (
          <div key={label} className="metadata__row">
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      {media.description && <p className="metadata__description">{media.description}</p>}
    </div>
  )
}
