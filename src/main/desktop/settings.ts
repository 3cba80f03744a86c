import type { Language } from '../../shared/errors'
import type { LanguageChoice, SettingsPatch } from '../../shared/settings'
import type { Disposable } from '../common/disposable'

/**
 * The shell's own state, kept in desktop-settings.json: what only the desktop shell has and the
 * Settings screen does not show. Everything a person sets in Settings (language, notifications,
 * close to tray, start at login, the download folder, updates) lives in the app's settings in the
 * job database (`AppSettingsSource` in shell-contract.ts), the one source of truth.
 */
export interface DesktopSettings {
  /** macOS: hide the Dock icon while no window is shown (menu-bar-only mode). */
  hideDockWhenWindowless: boolean
  /** The one-time "still running in the tray" notification was shown. */
  closeToTrayHintShown: boolean
  /**
   * Another update feed than the one built in (a company mirror); set only in
   * desktop-settings.json, and overridden by VOD_DL_UPDATE_URL. Read at start.
   */
  updateFeedUrl: string | null
}

/** Defaults for a first start. */
export function defaultDesktopSettings(): DesktopSettings {
  return {
    hideDockWhenWindowless: false,
    closeToTrayHintShown: false,
    updateFeedUrl: null,
  }
}

/**
 * Reads the shell's state from untrusted JSON (a file a user may have edited), keeping each valid
 * field and falling back to the default for anything else.
 */
export function sanitizeDesktopSettings(value: unknown): DesktopSettings {
  const defaults = defaultDesktopSettings()
  if (typeof value !== 'object' || value === null) return defaults
  const record = value as Record<string, unknown>
  const boolean = (key: keyof DesktopSettings, fallback: boolean): boolean =>
    typeof record[key] === 'boolean' ? record[key] : fallback
  const updateFeedUrl = record['updateFeedUrl']
  return {
    hideDockWhenWindowless: boolean('hideDockWhenWindowless', defaults.hideDockWhenWindowless),
    closeToTrayHintShown: boolean('closeToTrayHintShown', defaults.closeToTrayHintShown),
    updateFeedUrl:
      typeof updateFeedUrl === 'string' && updateFeedUrl.trim().length > 0
        ? updateFeedUrl.trim()
        : null,
  }
}

/** Resolves the `system` language against the OS locale. */
export function effectiveLanguage(
  settings: { language: LanguageChoice },
  systemLanguage: Language,
): Language {
  return settings.language === 'system' ? systemLanguage : settings.language
}

/**
 * Where the shell reads and writes its own state. The default implementation is a JSON file in
 * userData (io/settings-file.ts).
 */
export interface DesktopSettingsStore {
  get(): DesktopSettings
  /** Applies `patch`, persists, notifies listeners, and returns the new state. */
  update(patch: Partial<DesktopSettings>): DesktopSettings
  onChange(listener: (settings: DesktopSettings, previous: DesktopSettings) => void): Disposable
}

/**
 * Earlier versions mirrored the app settings the shell acts on into desktop-settings.json. They
 * are moved into the job database once (legacy-settings.ts), then removed from the file.
 */
export interface LegacySettingsFile {
  /** The valid app settings an earlier version left in the file; empty once they are moved. */
  legacySettings(): SettingsPatch
  /** Removes them from the file (called once they are in the job database). */
  dropLegacySettings(): void
}
