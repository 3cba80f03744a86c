import type { ReactNode } from 'react'
import { formatSpeed } from '../../../../shared/format'
import { useI18n } from '../../i18n/i18n-context'
import type { JobTotals } from '../../store/jobs-store'

/**
 * Counts under the list. Running jobs are told per lane: large files are limited by
 * "Downloads at the same time", small files run in a lane of their own (the hint says so), so
 * "40 running" never seems to contradict a setting of 3.
 */
export function DownloadsFooter(props: {
  totals: JobTotals
  maxConcurrentJobs: number
}): ReactNode {
  const { t } = useI18n()
  const { totals } = props
  return (
    <footer className="status-bar" data-testid="downloads-footer" aria-live="off">
      <span>{t('downloads.footer.jobs', { count: totals.counts.all })}</span>
      <span data-testid="downloads-footer-lanes" title={t('downloads.footer.laneHint')}>
        {t('downloads.footer.lanes', {
          large: totals.lanes.large,
          max: props.maxConcurrentJobs,
          small: totals.lanes.small,
        })}
      </span>
      {totals.running > 0 && (
        <span data-testid="downloads-footer-speed">{formatSpeed(totals.speed)}</span>
      )}
    </footer>
  )
}
