import { useState, type ReactNode } from 'react'
import type { DownloadableFile } from '../../../../shared/contract'
import type { RestoreOptions } from '../../../../shared/vod'
import { useApi } from '../../api/api-context'
import { useI18n } from '../../i18n/i18n-context'
import { useQueueDownloads } from '../downloads/use-queue-downloads'
import { RestoreDialog } from './RestoreDialog'

/**
 * The "Restore and download" button of an archived source, and its dialog. Confirming queues
 * the file with the restore options: main asks VOD for the restore and the job waits, in the
 * Downloads list, until the restored copy can be read.
 */
export function RestoreAction(props: {
  file: DownloadableFile
  onShowDownloads: () => void
}): ReactNode {
  const client = useApi()
  const { t } = useI18n()
  const { queue, dialog: conflictDialog } = useQueueDownloads(props.onShowDownloads)
  const [open, setOpen] = useState(false)
  const [busy, setBusy] = useState(false)
  const { file } = props
  if (!file.archive?.restorable) return null

  async function restore(options: RestoreOptions): Promise<void> {
    setBusy(true)
    try {
      const queued = await queue((conflicts) =>
        client.request('downloads.enqueue', {
          items: [{ reference: file.reference }],
          restore: options,
          ...(conflicts ? { conflicts } : {}),
        }),
      )
      if (queued) setOpen(false)
    } finally {
      setBusy(false)
    }
  }

  return (
    <>
      <button
        type="button"
        className="button button--small"
        onClick={() => setOpen(true)}
        data-testid="restore-and-download"
      >
        {t('archive.restoreAndDownload')}
      </button>
      {open && (
        <RestoreDialog
          name={file.suggestedName || file.label}
          storageClass={file.archive.storageClass}
          busy={busy}
          onConfirm={(options) => void restore(options)}
          onClose={() => setOpen(false)}
        />
      )}
      {conflictDialog}
    </>
  )
}
