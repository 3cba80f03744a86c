import type { Language } from '../../shared/errors'
import type { UpdateChannel } from '../../shared/settings'
import type { Disposable } from './disposable'
import type { NotificationMode } from './policies/notification-grouping'

/** The shell's own settings: how it behaves around windows, the tray, notifications and login. */
export interface DesktopSettings {
  /** `system` follows the OS locale. */
  language: Language | 'system'
  /** Closing the window keeps the app in the tray even when nothing is downloading. */
  closeToTray: boolean
  /** macOS: hide the Dock icon while no window is shown (menu-bar-only mode). */
  hideDockWhenWindowless: boolean
  notifications: NotificationMode
  startAtLogin: boolean
  /** Absolute path of the folder new downloads go to; `null` until chosen (the OS Downloads folder). */
  downloadFolder: string | null
  /** The one-time "still running in the tray" notification was shown. */
  closeToTrayHintShown: boolean
  /** Check for, download and install updates (mirrors the app's `autoUpdate` setting). */
  autoUpdate: boolean
  updateChannel: UpdateChannel
  /**
   * Another update feed than the one built in (a company mirror); set only in
   * desktop-settings.json, and overridden by VOD_DL_UPDATE_URL. Read at start.
   */
  updateFeedUrl: string | null
}

/**
 * Defaults for a first start. Close-to-tray is on because downloads are meant to outlive the
 * window.
 */
export function defaultDesktopSettings(): DesktopSettings {
  return {
    language: 'system',
    closeToTray: true,
    hideDockWhenWindowless: false,
    notifications: 'batch',
    startAtLogin: false,
    downloadFolder: null,
    closeToTrayHintShown: false,
    autoUpdate: true,
    updateChannel: 'stable',
    updateFeedUrl: null,
  }
}

/**
 * Reads settings from untrusted JSON (a file a user may have edited, or an IPC payload), keeping
 * each valid field and falling back to the default for anything else.
 */
export function sanitizeDesktopSettings(value: unknown): DesktopSettings {
  const defaults = defaultDesktopSettings()
  if (typeof value !== 'object' || value === null) return defaults
  const record = value as Record<string, unknown>
  const boolean = (key: keyof DesktopSettings, fallback: boolean): boolean =>
    typeof record[key] === 'boolean' ? record[key] : fallback
  const language = record['language']
  const notifications = record['notifications']
  const downloadFolder = record['downloadFolder']
  const updateChannel = record['updateChannel']
  const updateFeedUrl = record['updateFeedUrl']
  return {
    language:
      language === 'en' || language === 'zh-CN' || language === 'system'
        ? language
        : defaults.language,
    closeToTray: boolean('closeToTray', defaults.closeToTray),
    hideDockWhenWindowless: boolean('hideDockWhenWindowless', defaults.hideDockWhenWindowless),
    notifications:
      notifications === 'each' || notifications === 'batch' || notifications === 'none'
        ? notifications
        : defaults.notifications,
    startAtLogin: boolean('startAtLogin', defaults.startAtLogin),
    downloadFolder:
      typeof downloadFolder === 'string' && downloadFolder.length > 0 ? downloadFolder : null,
    closeToTrayHintShown: boolean('closeToTrayHintShown', defaults.closeToTrayHintShown),
    autoUpdate: boolean('autoUpdate', defaults.autoUpdate),
    updateChannel:
      updateChannel === 'stable' || updateChannel === 'beta'
        ? updateChannel
        : defaults.updateChannel,
    updateFeedUrl:
      typeof updateFeedUrl === 'string' && updateFeedUrl.trim().length > 0
        ? updateFeedUrl.trim()
        : null,
  }
}

/** Resolves the `system` language against the OS locale. */
export function effectiveLanguage(settings: DesktopSettings, systemLanguage: Language): Language {
  return settings.language === 'system' ? systemLanguage : settings.language
}

/**
 * Where the shell reads and writes its settings. The default implementation is a JSON file in
 * userData (io/settings-file.ts); integration.ts mirrors the app's settings into it. Another
 * store can be swapped in by implementing this interface.
 */
export interface DesktopSettingsStore {
  get(): DesktopSettings
  /** Applies `patch`, persists, notifies listeners, and returns the new settings. */
  update(patch: Partial<DesktopSettings>): DesktopSettings
  onChange(listener: (settings: DesktopSettings, previous: DesktopSettings) => void): Disposable
}
