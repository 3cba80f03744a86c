import type * as ElectronUpdater from 'electron-updater'
import type { AppUpdater, ProgressInfo, UpdateInfo } from 'electron-updater'
import type { UpdateChannel } from '../../../shared/settings'
import type { Disposable } from '../../common/disposable'
import { toDisposable } from '../../common/disposable'
import type { UpdaterEvent } from '../policies/update'
import { updaterChannel } from '../policies/update'

/** The part of electron-updater's `AppUpdater` the shell drives. */
export type UpdaterLike = Pick<
  AppUpdater,
  | 'autoDownload'
  | 'autoInstallOnAppQuit'
  | 'allowDowngrade'
  | 'channel'
  | 'logger'
  | 'setFeedURL'
  | 'checkForUpdates'
  | 'quitAndInstall'
  | 'on'
  | 'off'
>

/**
 * electron-updater's updater for this platform and package (NSIS, Squirrel.Mac, AppImage, deb).
 * Loaded only in an installed app with updates on: development builds, the headless host and
 * the CLI never load the module.
 */
export async function loadElectronUpdater(): Promise<UpdaterLike> {
  // A CommonJS module: its exports arrive as `default` when imported from an ES module.
  const loaded = (await import('electron-updater')) as typeof ElectronUpdater & {
    default?: typeof ElectronUpdater
  }
  return (loaded.default ?? loaded).autoUpdater
}

/**
 * Points the updater at the generic feed and the chosen channel. Downloads run in the background
 * as soon as a check finds a newer version; installing is decided by the update policy. Never a
 * downgrade: a newer version may have migrated the job database, which an older one cannot open.
 */
export function configureUpdater(
  updater: UpdaterLike,
  options: {
    feedUrl: string
    channel: UpdateChannel
    installOnQuit: boolean
    log: (message: string) => void
  },
): void {
  updater.logger = {
    info: (message?: unknown) => options.log(`updater: ${String(message)}`),
    warn: (message?: unknown) => options.log(`updater: ${String(message)}`),
    error: (message?: unknown) => options.log(`updater: ${String(message)}`),
  }
  updater.autoDownload = true
  updater.setFeedURL({ provider: 'generic', url: options.feedUrl })
  // Setting the channel also allows downgrades (electron-updater's default for channel switches).
  updater.channel = updaterChannel(options.channel)
  updater.allowDowngrade = false
  updater.autoInstallOnAppQuit = options.installOnQuit
}

/** Turns the updater's events into the policy's `UpdaterEvent`s. */
export function watchUpdater(
  updater: UpdaterLike,
  onEvent: (event: UpdaterEvent) => void,
): Disposable {
  const checking = (): void => onEvent({ kind: 'checking' })
  const available = (info: UpdateInfo): void =>
    onEvent({ kind: 'available', version: info.version })
  const notAvailable = (): void => onEvent({ kind: 'not-available' })
  const progress = (info: ProgressInfo): void =>
    onEvent({ kind: 'progress', percent: info.percent })
  const downloaded = (info: UpdateInfo): void =>
    onEvent({ kind: 'downloaded', version: info.version })
  const failed = (): void => onEvent({ kind: 'error' })
  updater.on('checking-for-update', checking)
  updater.on('update-available', available)
  updater.on('update-not-available', notAvailable)
  updater.on('download-progress', progress)
  updater.on('update-downloaded', downloaded)
  updater.on('error', failed)
  return toDisposable(() => {
    updater.off('checking-for-update', checking)
    updater.off('update-available', available)
    updater.off('update-not-available', notAvailable)
    updater.off('download-progress', progress)
    updater.off('update-downloaded', downloaded)
    updater.off('error', failed)
  })
}
