import type { ReactNode } from 'react'
import { formatBytes, formatEta, formatSpeed } from '../../../../shared/format'
import { ProgressBar } from '../../components/ProgressBar'
import { useI18n } from '../../i18n/i18n-context'
import type { JobTotals } from '../../store/jobs-store'
import { plural } from './plural'

/**
 * Overall progress above the list: files and bytes done of everything in the list (canceled
 * jobs aside), and while anything runs, the speed and time left of what runs. When nothing runs
 * it says so, with what waits, instead of "0 B of 0 B · — · ETA —".
 */
export function DownloadsOverview(props: { totals: JobTotals }): ReactNode {
  const i18n = useI18n()
  const { t, language } = i18n
  const { totals } = props
  const { files, overallBytes, waiting } = totals
  if (files.total === 0) {
    return (
      <div className="downloads-overview" data-testid="downloads-overview" data-status="empty">
        <span className="downloads-overview__headline">{t('downloads.overview.empty')}</span>
      </div>
    )
  }
  const finished = files.done === files.total
  const status = totals.running > 0 ? 'running' : finished ? 'finished' : 'idle'
  const fraction =
    overallBytes.total > 0 ? overallBytes.done / overallBytes.total : files.done / files.total
  return (
    <div
      className="downloads-overview"
      data-testid="downloads-overview"
      data-status={status}
      aria-label={t('downloads.overview.label')}
    >
      <span className="downloads-overview__headline" data-testid="downloads-overview-headline">
        {status === 'finished'
          ? plural(i18n, 'downloads.overview.finished', files.total)
          : t(status === 'running' ? 'downloads.overview.running' : 'downloads.overview.idle', {
              done: files.done,
              total: files.total,
            })}
      </span>
      <ProgressBar
        value={finished ? 1 : fraction}
        label={t('downloads.overview.label')}
        tone={finished ? 'done' : status === 'running' ? 'normal' : 'paused'}
        testId="downloads-overview-progress"
      />
      <span data-testid="downloads-overview-bytes">
        {t('downloads.overview.bytes', {
          done: formatBytes(overallBytes.done),
          total: formatBytes(overallBytes.total),
        })}
      </span>
      {status === 'running' && (
        <>
          <span data-testid="downloads-overview-speed">{formatSpeed(totals.speed)}</span>
          {totals.etaSeconds !== null && (
            <span data-testid="downloads-overview-eta">
              {t('downloads.overview.eta', { eta: formatEta(totals.etaSeconds, language) })}
            </span>
          )}
        </>
      )}
      {status === 'idle' && (
        <span data-testid="downloads-overview-waiting">
          {t('downloads.overview.waiting', waiting)}
        </span>
      )}
    </div>
  )
}
