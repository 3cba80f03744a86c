import { useRef, type KeyboardEvent, type ReactNode } from 'react'
import { mediaTypes, type MediaType } from '../../../../shared/contract'
import { useI18n } from '../../i18n/i18n-context'

export interface MediaTypeTabsProps {
  value: MediaType
  onChange: (mediaType: MediaType) => void
  /** Id of the element the tabs control. */
  panelId: string
}

/** Video / Audio / Image tabs with arrow-key navigation (WAI-ARIA tabs, automatic activation). */
export function MediaTypeTabs(props: MediaTypeTabsProps): ReactNode {
  const { t } = useI18n()
  const buttons = useRef(new Map<MediaType, HTMLButtonElement>())

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>): void {
    const index = mediaTypes.indexOf(props.value)
    let next: number | null = null
    if (event.key === 'ArrowRight') next = (index + 1) % mediaTypes.length
    if (event.key === 'ArrowLeft') next = (index - 1 + mediaTypes.length) % mediaTypes.length
    if (event.key === 'Home') next = 0
    if (event.key === 'End') next = mediaTypes.length - 1
    const mediaType = next === null ? undefined : mediaTypes[next]
    if (!mediaType) return
    event.preventDefault()
    props.onChange(mediaType)
    buttons.current.get(mediaType)?.focus()
  }

  return (
    <div
      className="tabs"
      role="tablist"
      aria-label={t('library.mediaTypeLabel')}
      onKeyDown={onKeyDown}
    >
      {mediaTypes.map((mediaType) => (
        <button
          key={mediaType}
          ref={(element) => {
            if (element) buttons.current.set(mediaType, element)
            else buttons.current.delete(mediaType)
          }}
          type="button"
          role="tab"
          className="tabs__tab"
          aria-selected={props.value === mediaType}
          aria-controls={props.panelId}
          tabIndex={props.value === mediaType ? 0 : -1}
          onClick={() => props.onChange(mediaType)}
          data-testid={`library-tab-${mediaType}`}
        >
          {t(`mediaType.${mediaType}`)}
        </button>
      ))}
    </div>
  )
}
