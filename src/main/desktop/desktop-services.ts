import { existsSync } from 'node:fs'
import type { BrowserWindow, NativeImage } from 'electron'
import { nativeImage, shell } from 'electron'
import type { Language } from '../../shared/errors'
import type { Dialogs } from './adapters/dialogs'
import { startDragOut } from './adapters/drag'
import { openPathWithSystem } from './adapters/shell'
import type { DownloadsMonitor } from './downloads-monitor'
import { openDownloadedFile } from './file-opener'
import { createFolderProbe } from './io/folder-probe'
import { buildDragPayload } from './policies/drag-payload'
import type { FolderCheck } from './policies/drop-folder'
import { dropFolderConfirmation, validateDownloadFolder } from './policies/drop-folder'
import type { AppSettingsSource, DesktopServices } from './shell-contract'
import { desktopStrings } from './strings'
import type { TargetFolderStore } from './target-folder-store'

/** The running shell's parts the services façade is made of. */
export interface DesktopServicesDependencies {
  platform: NodeJS.Platform
  language: () => Language
  /** The download folder in effect (the app settings'). */
  downloadFolder: () => string
  settings: AppSettingsSource
  targetFolders: TargetFolderStore
  dialogs: Dialogs<BrowserWindow>
  monitor: DownloadsMonitor
  /** Whether the tray icon exists, and whether this system and build can start at login. */
  capabilities: { tray: () => boolean; startAtLogin: () => boolean }
  showWindow: () => void
  quit: () => void
  openDownloadFolder: () => Promise<string | null>
  openExternal: (url: string) => Promise<boolean>
  /** A file of the app's resources folder (drag icons). */
  resource: (relative: string) => string
  exportJobs: DesktopServices['exportJobs']
  updates: DesktopServices['updates']
}

/** The services façade the IPC handlers call (shell-contract.ts `DesktopServices`). */
export function createDesktopServices(dependencies: DesktopServicesDependencies): DesktopServices {
  const { platform, settings, targetFolders, dialogs, monitor } = dependencies
  /** A writable folder the user chose in main: the window may name it as a place to write. */
  const chooseValidFolder = async (
    paths: readonly string[],
    confirm: (folder: string) => Promise<boolean>,
  ): Promise<FolderCheck | null> => {
    const check = await validateDownloadFolder(paths, createFolderProbe(), undefined, platform)
    if (!check.ok) return check
    if (!(await confirm(check.path))) return null
    targetFolders.grant(check.path)
    return check
  }
  return {
    capabilities: () => ({
      revealFiles: true,
      openFiles: true,
      dragFiles: true,
      chooseDirectory: true,
      tray: dependencies.capabilities.tray(),
      startAtLogin: dependencies.capabilities.startAtLogin(),
    }),
    settings,
    showWindow: dependencies.showWindow,
    quit: dependencies.quit,
    // Only the window sees a drop, so main confirms it before it becomes the download folder.
    setDownloadFolder: async (paths) => {
      const check = await chooseValidFolder(paths, (folder) =>
        dialogs.confirmDroppedFolder(dropFolderConfirmation(folder, dependencies.language())),
      )
      if (check?.ok) settings.update({ downloadDirectory: check.path })
      return check
    },
    // A folder picked in main's own dialog needs no second question. It is only answered: the
    // window saves it where it belongs (the download folder, a backup's folder).
    chooseFolder: async (defaultPath) => {
      const strings = desktopStrings(dependencies.language())
      const folder = await dialogs.chooseFolder(
        strings.chooseDownloadFolder,
        strings.chooseButton,
        defaultPath ?? dependencies.downloadFolder(),
      )
      return folder === null ? null : chooseValidFolder([folder], () => Promise.resolve(true))
    },
    openDownloadFolder: dependencies.openDownloadFolder,
    targetFolders,
    showItemInFolder: (filePath) => shell.showItemInFolder(filePath),
    openFile: (filePath) =>
      openDownloadedFile(filePath, {
        platform,
        open: (file) => openPathWithSystem(shell, file),
        confirm: (confirmation) => dialogs.confirmOpen(confirmation),
        language: dependencies.language,
      }),
    openExternal: dependencies.openExternal,
    startDrag: (sender, jobIds) => {
      const jobs = jobIds.flatMap((id) => monitor.job(id) ?? [])
      const payload = buildDragPayload(jobs, existsSync, platform)
      if (!payload) return false
      startDragOut<NativeImage>(
        sender,
        payload,
        (icon) => nativeImage.createFromPath(dependencies.resource(`drag/${icon}.png`)),
        () =>
          nativeImage.createFromBitmap(Buffer.alloc(16 * 16 * 4, 0x80), {
            width: 16,
            height: 16,
          }),
      )
      return true
    },
    exportJobs: dependencies.exportJobs,
    updates: dependencies.updates,
  }
}
