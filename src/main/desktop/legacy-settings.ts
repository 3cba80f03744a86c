import { isAbsolute } from 'node:path'
import { settingsSchema, type Settings, type SettingsPatch } from '../../shared/settings'
import { settingsKey } from '../services/settings-service'
import type { LegacySettingsFile } from './settings'

/**
 * desktop-settings.json keys of earlier versions, each with the app setting it mirrored (the
 * download folder had another name there).
 */
const legacyFields = {
  language: 'language',
  notifications: 'notifications',
  closeToTray: 'closeToTray',
  startAtLogin: 'startAtLogin',
  downloadFolder: 'downloadDirectory',
  autoUpdate: 'autoUpdate',
  updateChannel: 'updateChannel',
} as const satisfies Record<string, keyof SettingsPatch>

/** The keys of desktop-settings.json that belong to the app settings now. */
export const legacySettingsKeys: readonly string[] = Object.keys(legacyFields)

/**
 * The app settings an earlier version's desktop-settings.json holds, renamed to the app's names;
 * a value the app settings would refuse is left out (a hand-edited or `null` folder).
 */
export function legacyAppSettingsOf(stored: unknown): SettingsPatch {
  if (typeof stored !== 'object' || stored === null || Array.isArray(stored)) return {}
  const record = stored as Record<string, unknown>
  const patch: SettingsPatch = {}
  for (const [fileKey, settingKey] of Object.entries(legacyFields)) {
    if (!(fileKey in record)) continue
    const parsed = settingsSchema.shape[settingKey].safeParse(record[fileKey])
    if (!parsed.success) continue
    if (settingKey === 'downloadDirectory' && !isAbsolute(parsed.data as string)) continue
    Object.assign(patch, { [settingKey]: parsed.data })
  }
  return patch
}

/**
 * What of `legacy` to write into the app settings: only the settings the stored object (as the
 * job database holds it, `undefined` before the first save) has no value for yet. A value there
 * was already the source of truth, as the earlier versions' mirror made it.
 */
export function legacySettingsToMigrate(legacy: SettingsPatch, stored: unknown): SettingsPatch {
  const record =
    typeof stored === 'object' && stored !== null ? (stored as Record<string, unknown>) : {}
  const patch: SettingsPatch = {}
  for (const key of Object.keys(legacy) as (keyof SettingsPatch)[]) {
    if (record[key] === undefined) Object.assign(patch, { [key]: legacy[key] })
  }
  return patch
}

/** Where the app settings live: the job database's key → JSON store and the settings service. */
export interface MigrationTarget {
  store: { get(key: string): unknown }
  settings: { update(patch: SettingsPatch): Settings }
}

/**
 * Moves the app settings an earlier version left in desktop-settings.json into the job database,
 * once: each one the database has no value for yet is written there, then the file forgets them
 * all. When the settings service refuses the patch the file keeps them, to be tried at the next
 * start.
 */
export function migrateLegacySettings(
  file: LegacySettingsFile,
  target: MigrationTarget,
  log: (message: string, error?: unknown) => void,
): void {
  const legacy = file.legacySettings()
  if (Object.keys(legacy).length === 0) return
  const patch = legacySettingsToMigrate(legacy, target.store.get(settingsKey))
  if (Object.keys(patch).length > 0) {
    try {
      target.settings.update(patch)
    } catch (error) {
      log('Moving the settings of desktop-settings.json into the job database failed', error)
      return
    }
  }
  file.dropLegacySettings()
}
