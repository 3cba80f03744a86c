import { dirname } from 'node:path'
import type { ExportResult } from '../../shared/contract'
import { AppError } from '../../shared/errors'
import type { DesktopFileActions } from '../services/desktop-file-actions'
import type { DesktopServices } from './shell-contract'

/**
 * The `files.*` and `dialog.*` requests' desktop side (`DesktopFileActions`), each through the shell's
 * services, so every safeguard there (the confirmation before a program opens, the folder checks)
 * applies to requests from the window as well. `services` throws until the window is connected.
 */
export function desktopFileActionsFor(services: () => DesktopServices): DesktopFileActions {
  return {
    revealFile: (path) => {
      services().showItemInFolder(path)
      return Promise.resolve(true)
    },
    openFile: async (path) => (await services().openFile(path)) === null,
    startDrag: () => Promise.reject(new Error('drags start from the renderer drag message')),
    // Only answers the folder: the window saves it where it belongs (Settings, a backup).
    chooseDirectory: async (defaultPath) => {
      const check = await services().chooseFolder(defaultPath)
      return check && check.ok ? check.path : null
    },
    exportFiles: async (jobIds, mode) => {
      const summary = await services().exportJobs({ jobIds, mode })
      if (!('transferred' in summary)) return canceledExport
      const destination = summary.transferred[0]?.target ?? summary.skipped[0]?.target ?? null
      return {
        canceled: summary.canceled,
        transferred: summary.transferred.length,
        skipped: summary.skipped.length,
        failed: summary.failed.length,
        bytesWritten: summary.bytesWritten,
        destination: destination ? dirname(destination) : null,
      }
    },
    useDroppedFolder: async (path) => {
      // The shell validates it (a writable directory), asks the user in a native box and saves
      // it as the download folder in the app's settings.
      const check = await services().setDownloadFolder([path])
      if (check === null) return null
      if (!check.ok) throw new AppError(check.error.code, check.error.detail)
      return check.path
    },
  }
}

const canceledExport: ExportResult = {
  canceled: true,
  transferred: 0,
  skipped: 0,
  failed: 0,
  bytesWritten: 0,
  destination: null,
}
