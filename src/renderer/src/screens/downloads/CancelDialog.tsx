import type { ReactNode } from 'react'
import { formatBytes } from '../../../../shared/format'
import { Dialog } from '../../components/Dialog'
import { useI18n } from '../../i18n/i18n-context'
import { plural } from './plural'

/**
 * Cancel deletes what was downloaded (a download that should only stop is paused), so it asks
 * first and says how much goes and how to get the download back.
 */
export function CancelDialog(props: {
  count: number
  partialBytes: number
  onConfirm: () => void
  onClose: () => void
}): ReactNode {
  const i18n = useI18n()
  const { t } = i18n
  return (
    <Dialog
      title={plural(i18n, 'downloads.cancel.title', props.count)}
      onClose={props.onClose}
      testId="cancel-dialog"
      footer={
        <>
          <button
            type="button"
            className="button"
            onClick={props.onClose}
            data-testid="cancel-keep"
          >
            {t('downloads.cancel.keep')}
          </button>
          <button
            type="button"
            className="button button--danger"
            onClick={props.onConfirm}
            data-testid="cancel-confirm"
          >
            {t('downloads.cancel.confirm')}
          </button>
        </>
      }
    >
      <p>{t('downloads.cancel.body', { size: formatBytes(props.partialBytes) })}</p>
    </Dialog>
  )
}
