import { useVirtualizer } from '@tanstack/react-virtual'
import {
  useCallback,
  useEffect,
  useRef,
  type KeyboardEvent,
  type MouseEvent,
  type ReactNode,
} from 'react'
import type { MediaSummary } from '../../../../shared/contract'
import { useI18n } from '../../i18n/i18n-context'
import { mediaOptionId, MediaRow } from './MediaRow'
import { selectionActionForKey, type ListSelection, type SelectionAction } from './selection'

/** Fixed row height; the list never measures rows. */
export const mediaRowHeight = 64

/** Start loading the next page this many rows before the end, so scrolling rarely waits. */
const prefetchRows = 30

export interface MediaListProps {
  items: readonly MediaSummary[]
  selection: ListSelection
  hasMore: boolean
  loadingMore: boolean
  onSelectionAction: (action: SelectionAction) => void
  onOpen: (item: MediaSummary) => void
  onLoadMore: () => void
}

/**
 * The virtualized, keyboard-driven library list (a multi-select listbox). Only visible rows are
 * rendered, so 10,000 loaded items scroll as smoothly as 50; the next page loads before the end.
 */
export function MediaList(props: MediaListProps): ReactNode {
  const { t } = useI18n()
  const scrollElement = useRef<HTMLDivElement>(null)
  const { items, selection, hasMore, loadingMore, onLoadMore, onSelectionAction, onOpen } = props
  // This project does not run the React Compiler, and the virtualizer is only read during render.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: items.length + (hasMore ? 1 : 0),
    getScrollElement: () => scrollElement.current,
    estimateSize: () => mediaRowHeight,
    getItemKey: (index) => items[index]?.mediaId ?? `more-${index}`,
    overscan: 10,
    // React 19 batches the re-render anyway; flushSync from a layout effect only warns.
    useFlushSync: false,
  })
  const virtualItems = virtualizer.getVirtualItems()
  const lastVisible = virtualItems.at(-1)?.index ?? -1

  useEffect(() => {
    if (hasMore && !loadingMore && lastVisible >= items.length - prefetchRows) onLoadMore()
  }, [hasMore, loadingMore, lastVisible, items.length, onLoadMore])

  const focus = Math.min(selection.focus, Math.max(0, items.length - 1))
  // Follow keyboard focus, but never on page loads: a mouse user scrolled far away stays there.
  const previousFocus = useRef(focus)
  useEffect(() => {
    if (previousFocus.current === focus) return
    previousFocus.current = focus
    virtualizer.scrollToIndex(focus, { align: 'auto' })
  }, [focus, virtualizer])

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
    if (event.key === 'Enter') {
      const item = items[focus]
      if (item) onOpen(item)
      event.preventDefault()
      return
    }
    const pageSize = Math.max(
      1,
      Math.floor((scrollElement.current?.clientHeight ?? 0) / mediaRowHeight),
    )
    const action = selectionActionForKey(event, pageSize)
    if (!action) return
    event.preventDefault()
    onSelectionAction(action)
  }

  const onClick = useCallback(
    (index: number, event: MouseEvent) => {
      onSelectionAction({
        type: 'click',
        index,
        shift: event.shiftKey,
        toggle: event.ctrlKey || event.metaKey,
      })
      scrollElement.current?.focus({ preventScroll: true })
    },
    [onSelectionAction],
  )
  const onToggle = useCallback(
    (index: number, extend: boolean) => onSelectionAction({ type: 'toggle', index, extend }),
    [onSelectionAction],
  )
  const onOpenIndex = useCallback(
    (index: number) => {
      const item = items[index]
      if (item) onOpen(item)
    },
    [items, onOpen],
  )

  const focusedItem = items[focus]
  return (
    <div
      ref={scrollElement}
      className="scroll-list media-list"
      role="listbox"
      aria-multiselectable="true"
      aria-label={t('library.listLabel')}
      aria-activedescendant={focusedItem ? mediaOptionId(focusedItem.mediaId) : undefined}
      tabIndex={0}
      onKeyDown={onKeyDown}
      data-testid="media-list"
    >
      <div className="scroll-list__canvas" style={{ height: virtualizer.getTotalSize() }}>
        {virtualItems.map((virtualItem) => {
          const item = items[virtualItem.index]
          return (
            <div
              key={virtualItem.key}
              className="scroll-list__item"
              role="none"
              style={{ height: mediaRowHeight, transform: `translateY(${virtualItem.start}px)` }}
            >
              {item ? (
                <MediaRow
                  item={item}
                  index={virtualItem.index}
                  selected={selection.selected.has(item.mediaId)}
                  focused={virtualItem.index === focus}
                  onClick={onClick}
                  onToggle={onToggle}
                  onOpen={onOpenIndex}
                />
              ) : (
                <div
                  className="media-row media-row--loader"
                  role="none"
                  data-testid="media-list-loading-more"
                >
                  {t('library.loadingMore')}
                </div>
              )}
            </div>
          )
        })}
      </div>
    </div>
  )
}
