import type { ReactNode } from 'react'
import type { BatchSummary } from '../../../../shared/contract'
import type { ErrorData } from '../../../../shared/errors'
import { formatBytes } from '../../../../shared/format'
import { ErrorNotice } from '../../components/ErrorNotice'
import { StatusMessage } from '../../components/StatusMessage'
import { useI18n } from '../../i18n/i18n-context'

export interface BatchSummaryViewProps {
  summary: BatchSummary | null
  error: ErrorData | null
  onRetry: () => void
  onOpenSettings: () => void
}

/** Count and size of what the batch would queue, shown before anything starts. */
export function BatchSummaryView(props: BatchSummaryViewProps): ReactNode {
  const { t } = useI18n()
  if (props.error) {
    return (
      <ErrorNotice
        error={props.error}
        onRetry={props.onRetry}
        onOpenSettings={props.onOpenSettings}
        testId="batch-error"
      />
    )
  }
  if (!props.summary) {
    return (
      <StatusMessage kind="loading" title={t('batch.summarizing')} testId="batch-summary-loading" />
    )
  }
  const { summary } = props
  return (
    <div className="card batch-summary" data-testid="batch-summary" aria-live="polite">
      <p className="batch-summary__headline">
        {t('batch.summary', {
          count: summary.count,
          media: summary.mediaCount,
          size: formatBytes(summary.totalBytes),
        })}
      </p>
      {summary.unknownSizes > 0 && (
        <p>{t('batch.unknownSizes', { count: summary.unknownSizes })}</p>
      )}
      {summary.alreadyQueued + summary.alreadyDownloaded > 0 && (
        <p data-testid="batch-summary-already">
          {t('batch.newFiles', {
            count: summary.count - summary.alreadyQueued - summary.alreadyDownloaded,
          })}
          {summary.alreadyDownloaded > 0 &&
            `, ${t('enqueue.alreadyDownloaded', { count: summary.alreadyDownloaded })}`}
          {summary.alreadyQueued > 0 &&
            `, ${t('enqueue.alreadyQueued', { count: summary.alreadyQueued })}`}
        </p>
      )}
      {summary.skippedMedia > 0 && (
        <p className="warning" data-testid="batch-summary-skipped">
          {t('batch.skipped', { count: summary.skippedMedia })}{' '}
          {summary.skippedMediaItems.map((item) => item.title ?? item.mediaId).join(', ')}
          {summary.skippedMediaItems.length < summary.skippedMedia && ' …'}
        </p>
      )}
    </div>
  )
}
