import { isAbsolute } from 'node:path'
import type { DomainHandlers } from '../../shared/contract'
import { AppError } from '../../shared/errors'
import {
  applySettingsPatch,
  readStoredSettings,
  settingsSchema,
  type Settings,
  type SettingsPatch,
} from '../../shared/settings'
import type { EngineSettings } from '../engine/job-manager'
import type { VodResolverSettings } from '../vod/vod-source-resolver'
import type { EventSink } from './event-hub'
import { settle } from './settle'

/** Key of the settings object in the key → JSON store. */
export const settingsKey = 'settings'

/** The key → JSON store settings live in (the SettingsRepository). */
export interface KeyValueStore {
  get(key: string): unknown
  set(key: string, value: unknown): void
  delete(key: string): void
}

/** The engine settings a user can change while jobs run. */
export type AdjustableEngineSettings = Pick<
  EngineSettings,
  'maxConcurrentJobs' | 'connectionsPerJob' | 'speedLimitBytesPerSecond'
>

/** Whatever applies engine settings (the JobManager). */
export interface EngineSettingsTarget {
  updateSettings(patch: Partial<AdjustableEngineSettings>): void
}

/** The store settings live in, the defaults, and who else must hear of a change. */
export interface SettingsServiceDependencies {
  store: KeyValueStore
  /** First-start values; the download folder depends on the machine, so the caller gives them. */
  defaults: Settings
  engine: EngineSettingsTarget
  events: EventSink
}

/** The engine's share of the user settings. */
export function engineSettingsOf(settings: Settings): AdjustableEngineSettings {
  return {
    maxConcurrentJobs: settings.maxConcurrentJobs,
    connectionsPerJob: settings.connectionsPerJob,
    speedLimitBytesPerSecond: settings.speedLimitBytesPerSecond,
  }
}

/** The VOD resolver's share: read on every URL it asks for, so changes apply to the next one. */
export function resolverSettingsOf(settings: Settings): VodResolverSettings {
  const resolverSettings: VodResolverSettings = {
    defaultAuthTimeoutSeconds: settings.authTimeoutSeconds,
  }
  if (settings.cdnReferer !== '') resolverSettings.referer = settings.cdnReferer
  if (settings.mtsHlsUriToken !== '') resolverSettings.mtsHlsUriToken = settings.mtsHlsUriToken
  return resolverSettings
}

/**
 * Owns the user settings: reads them tolerantly (a bad stored field falls back to its default,
 * never the whole object), validates and persists updates, applies the engine's share at once
 * and announces every change with `settings.changed`.
 */
export class SettingsService {
  private settings: Settings

  constructor(private readonly dependencies: SettingsServiceDependencies) {
    this.settings = readStoredSettings(dependencies.store.get(settingsKey), dependencies.defaults)
    // Jobs restored from the last run must start under the stored limits, not the defaults.
    dependencies.engine.updateSettings(engineSettingsOf(this.settings))
  }

  current(): Settings {
    return this.settings
  }

  /** Applies a parsed patch; answers the full new settings. */
  update(patch: SettingsPatch): Settings {
    const next = applySettingsPatch(this.settings, patch)
    const checked = settingsSchema.safeParse(next)
    if (!checked.success) {
      throw new AppError('InvalidInput', checked.error.issues[0]?.message ?? 'invalid settings')
    }
    if (!isAbsolute(checked.data.downloadDirectory)) {
      throw new AppError('InvalidInput', 'the download folder must be an absolute path')
    }
    const previous = this.settings
    this.settings = checked.data
    this.dependencies.store.set(settingsKey, this.settings)
    const engineChanged =
      JSON.stringify(engineSettingsOf(previous)) !== JSON.stringify(engineSettingsOf(this.settings))
    if (engineChanged) this.dependencies.engine.updateSettings(engineSettingsOf(this.settings))
    if (JSON.stringify(previous) !== JSON.stringify(this.settings)) {
      this.dependencies.events({ event: 'settings.changed', payload: this.settings })
    }
    return this.settings
  }
}

/** The `settings.*` requests. */
export function settingsHandlers(service: SettingsService): DomainHandlers<'settings'> {
  return {
    'settings.get': () => settle(() => service.current()),
    'settings.update': (patch) => settle(() => service.update(patch)),
  }
}
