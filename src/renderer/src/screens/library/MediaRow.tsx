import { memo, type MouseEvent, type ReactNode } from 'react'
import type { MediaSummary } from '../../../../shared/contract'
import { formatBytes, formatDate, formatMediaDuration } from '../../../../shared/format'
import { sourceIsArchived } from '../../../../shared/vod'
import { Badge } from '../../components/Badge'
import { mediaOffers, mediaStatusLabel, mediaStatusTone } from '../../components/media-status'
import { Thumbnail } from '../../components/Thumbnail'
import { storageClassLabel } from '../../components/storage-class'
import { useI18n } from '../../i18n/i18n-context'

export interface MediaRowProps {
  item: MediaSummary
  index: number
  selected: boolean
  focused: boolean
  onClick: (index: number, event: MouseEvent) => void
  /** The checkbox: toggles one item, or with Shift adds the range from the anchor. */
  onToggle: (index: number, extend: boolean) => void
  onOpen: (index: number) => void
}

/** Id of a row's element, for `aria-activedescendant`. */
export function mediaOptionId(mediaId: string): string {
  return `media-option-${mediaId}`
}

/** One media item in the library list: cover, title and the figures that matter for a download. */
export const MediaRow = memo(function MediaRow(props: MediaRowProps): ReactNode {
  const i18n = useI18n()
  const { t } = i18n
  const { item, index } = props
  const offers = mediaOffers(item.mediaType, item.status)
  const statusTone = mediaStatusTone(item.status)
  return (
    <div
      id={mediaOptionId(item.mediaId)}
      role="option"
      aria-selected={props.selected}
      className={`media-row${props.selected ? ' media-row--selected' : ''}${props.focused ? ' media-row--focused' : ''}`}
      data-testid="media-row"
      data-media-id={item.mediaId}
      onClick={(event) => props.onClick(index, event)}
      onDoubleClick={() => props.onOpen(index)}
    >
      <span
        className={`check${props.selected ? ' check--on' : ''}`}
        aria-hidden="true"
        onClick={(event) => {
          // The box toggles without replacing the selection, like a checkbox would.
          event.stopPropagation()
          props.onToggle(index, event.shiftKey)
        }}
      />
      <span className="media-row__thumb">
        <Thumbnail src={item.coverUrl} alt="" placeholder={t(`mediaType.${item.mediaType}`)} />
      </span>
      <span className="media-row__text">
        <span className="media-row__title" title={item.title}>
          {item.title || item.mediaId}
        </span>
        <span className="media-row__meta">
          {item.mediaType !== 'image' && <span>{formatMediaDuration(item.duration)}</span>}
          <span>{formatBytes(item.size)}</span>
          <span
            className="media-row__status"
            data-testid="media-row-status"
            data-status={item.status}
            data-tone={statusTone ?? 'normal'}
          >
            {statusTone === null ? (
              mediaStatusLabel(i18n, item.status)
            ) : (
              <Badge tone={statusTone}>{mediaStatusLabel(i18n, item.status)}</Badge>
            )}
          </span>
          {sourceIsArchived(item.storageClass) && (
            <span data-testid="media-row-storage" data-storage-class={item.storageClass}>
              <Badge
                tone={item.restoreStatus === 'Success' ? 'info' : 'warning'}
                title={item.restoreStatus === 'Success' ? undefined : t('archive.libraryBadge')}
              >
                {storageClassLabel(i18n, item.storageClass)}
              </Badge>
            </span>
          )}
          {offers && (
            <span className="media-row__offers" data-testid="media-row-offers">
              {t(`mediaOffers.${offers}`)}
            </span>
          )}
          {item.categoryName && <span>{item.categoryName}</span>}
          <span>{formatDate(item.createdAt)}</span>
        </span>
      </span>
      <button
        type="button"
        className="button button--small button--quiet"
        tabIndex={-1}
        onClick={(event) => {
          event.stopPropagation()
          props.onOpen(index)
        }}
        data-testid="media-row-open"
      >
        {t('library.openDetails')}
      </button>
    </div>
  )
})
