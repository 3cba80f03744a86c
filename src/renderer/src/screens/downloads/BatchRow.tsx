import type { ReactNode } from 'react'
import { formatBytes } from '../../../../shared/format'
import { ProgressBar } from '../../components/ProgressBar'
import { useNow } from '../../hooks/clock-context'
import { useI18n } from '../../i18n/i18n-context'
import { useJobsStore } from '../../store/jobs-store-context'

export interface BatchRowProps {
  ids: readonly number[]
  expanded: boolean
  onToggle: () => void
}

interface BatchFigures {
  completed: number
  failed: number
  active: number
  doneBytes: number
  totalBytes: number
}

/**
 * One row for a batch of many small files. It reads its members' figures from the store a few
 * times a second instead of subscribing to thousands of jobs, so a batch of 5,000 files costs
 * one row's work per frame, not 5,000.
 */
export function BatchRow(props: BatchRowProps): ReactNode {
  const { t } = useI18n()
  const store = useJobsStore()
  useNow(true)
  const figures: BatchFigures = { completed: 0, failed: 0, active: 0, doneBytes: 0, totalBytes: 0 }
  for (const id of props.ids) {
    const view = store.getJob(id)
    if (!view) continue
    const { snapshot, progress } = view
    if (snapshot.state === 'completed') figures.completed += 1
    else if (snapshot.state === 'failed') figures.failed += 1
    else if (snapshot.state !== 'paused' && snapshot.state !== 'canceled') figures.active += 1
    figures.doneBytes += progress?.doneBytes ?? snapshot.doneBytes
    figures.totalBytes += progress?.totalBytes ?? snapshot.totalBytes ?? 0
  }
  const count = props.ids.length
  return (
    <div className="download-row download-row--batch" data-testid="download-batch-row">
      <div className="download-row__main">
        <button
          type="button"
          className="button button--small"
          aria-expanded={props.expanded}
          onClick={props.onToggle}
          data-testid="download-batch-toggle"
        >
          {props.expanded ? t('downloads.batch.collapse') : t('downloads.batch.expand')}
        </button>
        <span className="download-row__name">
          {t('downloads.batch.summary', {
            count,
            completed: figures.completed,
            failed: figures.failed,
            active: figures.active,
          })}
        </span>
      </div>
      <ProgressBar
        value={count === 0 ? 0 : figures.completed / count}
        label={t('downloads.batch.progress')}
        tone={figures.failed > 0 ? 'error' : figures.completed === count ? 'done' : 'normal'}
      />
      <div className="download-row__figures">
        {formatBytes(figures.doneBytes)} / {formatBytes(figures.totalBytes)}
      </div>
    </div>
  )
}
