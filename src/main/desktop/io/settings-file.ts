import type { Disposable } from '../disposable'
import { toDisposable } from '../disposable'
import type { DesktopSettings, DesktopSettingsStore } from '../settings'
import { sanitizeDesktopSettings } from '../settings'
import { readJsonFile, writeJsonFile } from './json-file'

/**
 * The default settings store: one JSON file in userData, read once and rewritten atomically on
 * every change. Listeners run after the file is written, so a crash right after a change keeps it.
 */
export class JsonSettingsStore implements DesktopSettingsStore {
  private current: DesktopSettings
  private readonly listeners = new Set<
    (settings: DesktopSettings, previous: DesktopSettings) => void
  >()

  constructor(
    private readonly filePath: string,
    initial: Partial<DesktopSettings> = {},
  ) {
    const stored = readJsonFile(filePath)
    this.current = sanitizeDesktopSettings({ ...initial, ...(isRecord(stored) ? stored : {}) })
  }

  get(): DesktopSettings {
    return this.current
  }

  update(patch: Partial<DesktopSettings>): DesktopSettings {
    const previous = this.current
    const next = sanitizeDesktopSettings({ ...previous, ...patch })
    if (JSON.stringify(next) === JSON.stringify(previous)) return previous
    writeJsonFile(this.filePath, next)
    this.current = next
    for (const listener of [...this.listeners]) listener(next, previous)
    return next
  }

  onChange(listener: (settings: DesktopSettings, previous: DesktopSettings) => void): Disposable {
    this.listeners.add(listener)
    return toDisposable(() => this.listeners.delete(listener))
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
