import type { ReactNode } from 'react'
import { formatBytes, formatEta, formatSpeed } from '../../../../shared/format'
import { useI18n } from '../../i18n/i18n-context'
import type { JobTotals } from '../../store/jobs-store'

/** Totals over the whole queue: counts, bytes left, speed and overall ETA. */
export function DownloadsFooter(props: { totals: JobTotals }): ReactNode {
  const { t, language } = useI18n()
  const { totals } = props
  return (
    <footer className="status-bar" data-testid="downloads-footer" aria-live="off">
      <span>{t('downloads.footer.jobs', { count: totals.counts.all })}</span>
      <span>{t('downloads.footer.running', { count: totals.running })}</span>
      <span>
        {t('downloads.footer.bytes', {
          done: formatBytes(totals.doneBytes),
          total: formatBytes(totals.totalBytes),
        })}
        {totals.unknownSizes > 0 &&
          ` ${t('downloads.footer.unknownSizes', { count: totals.unknownSizes })}`}
      </span>
      <span data-testid="downloads-footer-speed">{formatSpeed(totals.speed)}</span>
      <span>{t('downloads.eta', { eta: formatEta(totals.etaSeconds, language) })}</span>
    </footer>
  )
}
