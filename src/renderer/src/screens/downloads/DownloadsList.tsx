import { useVirtualizer } from '@tanstack/react-virtual'
import { memo, useEffect, useRef, type KeyboardEvent, type ReactNode } from 'react'
import { useI18n } from '../../i18n/i18n-context'
import {
  selectionActionForKey,
  type ListSelection,
  type SelectionAction,
} from '../library/selection'
import type { ListEntry } from './batch-groups'
import { BatchRow } from './BatchRow'
import { DownloadRow, downloadOptionId } from './DownloadRow'

/** Fixed row heights: rows never change height, so the virtualizer never measures. */
export const downloadRowHeight = 52
export const batchRowHeight = 60

export interface DownloadsListProps {
  entries: readonly ListEntry[]
  selection: ListSelection
  onSelectionAction: (action: SelectionAction) => void
  /** Alt+↑ / Alt+↓: the selected (or focused) jobs one place up or down. */
  onMove: (direction: 'up' | 'down') => void
  /** Delete: removes the selected jobs. */
  onRemoveSelected: () => void
}

/**
 * The virtualized job list, a multi-select listbox: only the rows in view (plus a few) exist
 * in the DOM, so 10,000 jobs cost the same per frame as 20. It re-renders when membership,
 * order or the selection change, not on progress (memo: the screen around it re-renders with
 * every change of the totals). Keys: arrows move, Shift extends, Space toggles, Ctrl/⌘+A
 * selects all, Esc clears, Alt+↑/↓ reorder, Delete removes.
 */
export const DownloadsList = memo(function DownloadsList(props: DownloadsListProps): ReactNode {
  const { t } = useI18n()
  const scrollElement = useRef<HTMLDivElement>(null)
  const { entries, selection, onSelectionAction } = props
  const virtualizer = useVirtualizer({
    count: entries.length,
    getScrollElement: () => scrollElement.current,
    estimateSize: (index) =>
      entries[index]?.kind === 'batch' ? batchRowHeight : downloadRowHeight,
    getItemKey: (index) => entries[index]?.key ?? index,
    overscan: 6,
    // React 19 batches the re-render anyway; flushSync from a layout effect only warns.
    useFlushSync: false,
  })
  const focus = Math.min(selection.focus, Math.max(0, entries.length - 1))
  const previousFocus = useRef(focus)
  useEffect(() => {
    if (previousFocus.current === focus) return
    previousFocus.current = focus
    virtualizer.scrollToIndex(focus, { align: 'auto' })
  }, [focus, virtualizer])

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
    if (event.altKey && (event.key === 'ArrowUp' || event.key === 'ArrowDown')) {
      event.preventDefault()
      props.onMove(event.key === 'ArrowUp' ? 'up' : 'down')
      return
    }
    if (event.key === 'Delete') {
      event.preventDefault()
      props.onRemoveSelected()
      return
    }
    const pageSize = Math.max(
      1,
      Math.floor((scrollElement.current?.clientHeight ?? 0) / downloadRowHeight),
    )
    const action = selectionActionForKey(event, pageSize)
    if (!action) return
    event.preventDefault()
    onSelectionAction(action)
  }

  const focused = entries[focus]
  return (
    <div
      ref={scrollElement}
      className="scroll-list downloads-list"
      data-testid="downloads-list"
      role="listbox"
      aria-multiselectable="true"
      aria-label={t('downloads.listLabel')}
      aria-activedescendant={focused ? downloadOptionId(focused.key) : undefined}
      tabIndex={0}
      onKeyDown={onKeyDown}
    >
      <div className="scroll-list__canvas" style={{ height: virtualizer.getTotalSize() }}>
        {virtualizer.getVirtualItems().map((item) => {
          const entry = entries[item.index]
          if (entry === undefined) return null
          const selected = selection.selected.has(entry.key)
          return (
            <div
              key={item.key}
              role="none"
              className="scroll-list__item"
              style={{ height: item.size, transform: `translateY(${item.start}px)` }}
            >
              {entry.kind === 'batch' ? (
                <BatchRow
                  batchId={entry.batchId}
                  ids={entry.ids}
                  expanded={entry.expanded}
                  index={item.index}
                  selected={selected}
                  focused={item.index === focus}
                />
              ) : (
                <DownloadRow
                  id={entry.id}
                  index={item.index}
                  selected={selected}
                  focused={item.index === focus}
                  inBatch={entry.inBatch}
                />
              )}
            </div>
          )
        })}
      </div>
    </div>
  )
})
