import type { ReactNode } from 'react'
import { formatPercent } from '../../../../shared/format'
import type { VodFileReference } from '../../../../shared/vod'
import { Badge } from '../../components/Badge'
import { isRestoreWait } from '../../components/restore-wait'
import { useI18n } from '../../i18n/i18n-context'
import { isRunning } from '../../store/job-filters'
import { useJobForReference } from '../../store/use-job-for-reference'

/** Whether a file is already queued or downloaded (so nobody downloads the same master twice). */
export function FileJobStatus(props: { reference: VodFileReference }): ReactNode {
  const { t } = useI18n()
  const job = useJobForReference(props.reference)
  if (!job) return null
  const { snapshot, progress } = job
  const done = progress?.doneBytes ?? snapshot.doneBytes
  const total = progress?.totalBytes ?? snapshot.totalBytes
  let text: string
  if (snapshot.state === 'completed') text = t('details.job.downloaded')
  else if (isRestoreWait(snapshot)) text = t('details.job.restoring')
  else if (isRunning(snapshot.state))
    text = `${t('details.job.downloading')} ${formatPercent(done, total)}`
  else if (snapshot.state === 'failed') text = t('state.failed')
  else if (snapshot.state === 'canceled') return null
  else text = t('details.job.queued')
  return (
    <Badge
      tone={
        snapshot.state === 'completed' ? 'success' : snapshot.state === 'failed' ? 'danger' : 'info'
      }
      testId="file-job-status"
    >
      {text}
    </Badge>
  )
}
