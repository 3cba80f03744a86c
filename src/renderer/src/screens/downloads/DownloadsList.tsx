import { useVirtualizer } from '@tanstack/react-virtual'
import { memo, useMemo, useRef, useState, type ReactNode } from 'react'
import { useI18n } from '../../i18n/i18n-context'
import { useJobsStore } from '../../store/jobs-store-context'
import { groupIntoBatches } from './batch-groups'
import { BatchRow } from './BatchRow'
import { DownloadRow } from './DownloadRow'

/** Fixed row height: rows never change height, so the virtualizer never measures. */
export const downloadRowHeight = 92

export interface DownloadsListProps {
  ids: readonly number[]
}

/**
 * The virtualized job list: only the rows in view (plus a few) exist in the DOM, so 10,000 jobs
 * cost the same per frame as 20. It re-renders when membership or order changes, not on progress
 * (memo: the screen around it re-renders with every change of the totals).
 */
export const DownloadsList = memo(function DownloadsList(props: DownloadsListProps): ReactNode {
  const { t } = useI18n()
  const scrollElement = useRef<HTMLDivElement>(null)
  const store = useJobsStore()
  const [expanded, setExpanded] = useState<ReadonlySet<number>>(new Set())
  const entries = useMemo(
    () => groupIntoBatches(props.ids, (id) => store.getJob(id)?.snapshot.batchId ?? null, expanded),
    [props.ids, store, expanded],
  )
  const toggle = (batchId: number): void =>
    setExpanded((current) => {
      const next = new Set(current)
      if (!next.delete(batchId)) next.add(batchId)
      return next
    })
  const virtualizer = useVirtualizer({
    count: entries.length,
    getScrollElement: () => scrollElement.current,
    estimateSize: () => downloadRowHeight,
    getItemKey: (index) => {
      const entry = entries[index]
      if (!entry) return index
      return entry.kind === 'job' ? entry.id : `batch-${entry.batchId}`
    },
    overscan: 6,
    // React 19 batches the re-render anyway; flushSync from a layout effect only warns.
    useFlushSync: false,
  })
  return (
    <div
      ref={scrollElement}
      className="scroll-list downloads-list"
      data-testid="downloads-list"
      role="list"
      aria-label={t('downloads.listLabel')}
      tabIndex={-1}
    >
      <div className="scroll-list__canvas" style={{ height: virtualizer.getTotalSize() }}>
        {virtualizer.getVirtualItems().map((item) => {
          const entry = entries[item.index]
          if (entry === undefined) return null
          return (
            <div
              key={item.key}
              role="listitem"
              className="scroll-list__item"
              style={{ height: downloadRowHeight, transform: `translateY(${item.start}px)` }}
            >
              {entry.kind === 'batch' ? (
                <BatchRow
                  ids={entry.ids}
                  expanded={entry.expanded}
                  onToggle={() => toggle(entry.batchId)}
                />
              ) : (
                <DownloadRow
                  id={entry.id}
                  canMoveUp={item.index > 0}
                  canMoveDown={item.index < entries.length - 1}
                />
              )}
            </div>
          )
        })}
      </div>
    </div>
  )
})
