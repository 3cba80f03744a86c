import { useEffect } from 'react'
import { useApi } from '../api/api-context'
import { errorDataOf } from '../api/api-client'
import { useI18n } from '../i18n/i18n-context'
import { useNotify } from '../notices/notices-context'
import { useAppInfo } from '../store/app-state-context'

/** What the Electron preload adds for drops: the real path of a dropped file or folder. */
interface DropBridge {
  pathForFile(file: File): string
}

function dropBridge(): DropBridge | undefined {
  const api = (window as unknown as { api?: Partial<DropBridge> }).api
  return typeof api?.pathForFile === 'function' ? (api as DropBridge) : undefined
}

/**
 * In the desktop app, a folder dropped anywhere on the window becomes the download folder
 * (main checks that it is a writable folder). Browsers never reveal paths, so the headless UI
 * does not offer it.
 */
export function useFolderDrop(): void {
  const client = useApi()
  const notify = useNotify()
  const { t, errorMessage } = useI18n()
  const { capabilities } = useAppInfo()
  useEffect(() => {
    const bridge = dropBridge()
    if (!bridge || !capabilities.chooseDirectory) return
    const onDragOver = (event: DragEvent): void => {
      if (event.dataTransfer?.types.includes('Files')) event.preventDefault()
    }
    const onDrop = (event: DragEvent): void => {
      const file = event.dataTransfer?.files[0]
      if (!file) return
      event.preventDefault()
      client
        .request('dialog.useDroppedFolder', { path: bridge.pathForFile(file) })
        .then((result) => {
          // null: the user declined main's confirmation, and the folder stays as it was.
          if (result.path === null) return
          notify({ tone: 'info', text: t('settings.folderDropped', { path: result.path }) })
        })
        .catch((error: unknown) =>
          notify({ tone: 'error', text: errorMessage(errorDataOf(error)) }),
        )
    }
    window.addEventListener('dragover', onDragOver)
    window.addEventListener('drop', onDrop)
    return () => {
      window.removeEventListener('dragover', onDragOver)
      window.removeEventListener('drop', onDrop)
    }
  }, [client, notify, t, errorMessage, capabilities.chooseDirectory])
}
