import type { SettingsPatch } from '../../../shared/settings'
import type { Disposable } from '../../common/disposable'
import { toDisposable } from '../../common/disposable'
import { legacyAppSettingsOf, legacySettingsKeys } from '../legacy-settings'
import type { DesktopSettings, DesktopSettingsStore, LegacySettingsFile } from '../settings'
import { sanitizeDesktopSettings } from '../settings'
import { readJsonFile, writeJsonFile } from './json-file'

/** The shell's state file in userData. */
export const desktopSettingsFileName = 'desktop-settings.json'

/**
 * The default store of the shell's own state: one JSON file in userData, read once and rewritten
 * atomically on every change. Listeners run after the file is written, so a crash right after a
 * change keeps it. It also hands over the app settings an earlier version kept in the file.
 */
export class JsonSettingsStore implements DesktopSettingsStore, LegacySettingsFile {
  private current: DesktopSettings
  private legacy: SettingsPatch
  private legacyKeysPresent: boolean
  private readonly listeners = new Set<
    (settings: DesktopSettings, previous: DesktopSettings) => void
  >()

  constructor(
    private readonly filePath: string,
    initial: Partial<DesktopSettings> = {},
  ) {
    const stored = readJsonFile(filePath)
    const record = isRecord(stored) ? stored : {}
    this.current = sanitizeDesktopSettings({ ...initial, ...record })
    this.legacy = legacyAppSettingsOf(record)
    this.legacyKeysPresent = legacySettingsKeys.some((key) => key in record)
  }

  get(): DesktopSettings {
    return this.current
  }

  update(patch: Partial<DesktopSettings>): DesktopSettings {
    const previous = this.current
    const next = sanitizeDesktopSettings({ ...previous, ...patch })
    if (JSON.stringify(next) === JSON.stringify(previous)) return previous
    writeJsonFile(this.filePath, next)
    this.legacyKeysPresent = false
    this.current = next
    for (const listener of [...this.listeners]) listener(next, previous)
    return next
  }

  onChange(listener: (settings: DesktopSettings, previous: DesktopSettings) => void): Disposable {
    this.listeners.add(listener)
    return toDisposable(() => this.listeners.delete(listener))
  }

  legacySettings(): SettingsPatch {
    return { ...this.legacy }
  }

  dropLegacySettings(): void {
    this.legacy = {}
    if (!this.legacyKeysPresent) return
    writeJsonFile(this.filePath, this.current)
    this.legacyKeysPresent = false
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
