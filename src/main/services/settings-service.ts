import { isAbsolute } from 'node:path'
import type { DomainHandlers } from '../../shared/contract'
import { AppError, asAppError } from '../../shared/errors'
import {
  applySettingsPatch,
  readStoredSettings,
  settingsSchema,
  type Settings,
  type SettingsPatch,
} from '../../shared/settings'
import type { EngineSettings } from '../engine/job-manager'
import type { Logger } from '../common/logger'
import type { SecretBox } from '../runtime/secret-box'
import type { VodResolverSettings } from '../vod/vod-source-resolver'
import type { EventSink } from './event-hub'
import { openHlsToken, plainHlsTokenOf, sealHlsToken } from './hls-token-record'
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
  /** Seals the MtsHlsUriToken at rest, as the account's secrets are sealed. */
  secretBox: SecretBox
  /** Where the sealed token lives in the store (see `hlsTokenKey`). */
  tokenKey: string
  log: Logger
  /**
   * Runs a write that removes a token an earlier version kept in the clear, so the store keeps
   * no stale copy of its bytes (the runtime's SQLite store zeroes what the write frees and
   * empties its write-ahead log). Default: just the write.
   */
  erasingWrite?: (write: () => void) => void
}

/** The engine's share of the user settings. */
export function engineSettingsOf(settings: Settings): AdjustableEngineSettings {
  return {
    maxConcurrentJobs: settings.maxConcurrentJobs,
    connectionsPerJob: settings.connectionsPerJob,
    speedLimitBytesPerSecond: settings.speedLimitBytesPerSecond,
  }
}

/**
 * The VOD resolver's share: read on every URL it asks for, so changes apply to the next one.
 * The token goes to GetPlayInfo (PlayConfig), a signed API call over the account's endpoint.
 */
export function resolverSettingsOf(
  settings: Settings,
  mtsHlsUriToken: string | undefined,
): VodResolverSettings {
  const resolverSettings: VodResolverSettings = {
    defaultAuthTimeoutSeconds: settings.authTimeoutSeconds,
  }
  if (settings.cdnReferer !== '') resolverSettings.referer = settings.cdnReferer
  if (settings.playDomain !== '') resolverSettings.playDomain = settings.playDomain
  if (mtsHlsUriToken !== undefined) resolverSettings.mtsHlsUriToken = mtsHlsUriToken
  return resolverSettings
}

/**
 * Owns the user settings: reads them tolerantly (a bad stored field falls back to its default,
 * never the whole object), validates and persists updates, applies the engine's share at once
 * and announces every change with `settings.changed`. The MtsHlsUriToken is kept apart, sealed
 * with the SecretBox: settings and events only say whether one is saved.
 */
export class SettingsService {
  private settings: Settings
  /** The sealed token, opened. */
  private token: string | undefined
  /** A plain token of an earlier version that could not be sealed yet (it stays where it was). */
  private unsealedToken: string | undefined

  constructor(private readonly dependencies: SettingsServiceDependencies) {
    const stored = dependencies.store.get(settingsKey)
    this.token = this.loadToken()
    this.sealPlainToken(stored)
    this.settings = {
      ...readStoredSettings(stored, dependencies.defaults),
      mtsHlsUriTokenConfigured: this.hlsToken() !== undefined,
    }
    // Jobs restored from the last run must start under the stored limits, not the defaults.
    dependencies.engine.updateSettings(engineSettingsOf(this.settings))
  }

  current(): Settings {
    return this.settings
  }

  /** The MtsHlsUriToken for key requests and GetPlayInfo. Main process only. */
  hlsToken(): string | undefined {
    return this.token ?? this.unsealedToken
  }

  /** Seals a new token (refused when the SecretBox cannot protect it); answers the settings. */
  saveHlsToken(token: string): Settings {
    const { store, tokenKey, secretBox } = this.dependencies
    store.set(tokenKey, sealHlsToken(token, secretBox))
    this.token = token
    this.dropUnsealedToken()
    return this.announceToken()
  }

  /** Forgets the token; answers the settings. */
  clearHlsToken(): Settings {
    const { store, tokenKey } = this.dependencies
    store.delete(tokenKey)
    this.token = undefined
    this.dropUnsealedToken()
    return this.announceToken()
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
    this.dependencies.store.set(settingsKey, this.storedForm())
    const engineChanged =
      JSON.stringify(engineSettingsOf(previous)) !== JSON.stringify(engineSettingsOf(this.settings))
    if (engineChanged) this.dependencies.engine.updateSettings(engineSettingsOf(this.settings))
    if (JSON.stringify(previous) !== JSON.stringify(this.settings)) {
      this.dependencies.events({ event: 'settings.changed', payload: this.settings })
    }
    return this.settings
  }

  /** The settings object as stored: without the derived flag, with a token not sealed yet. */
  private storedForm(): Record<string, unknown> {
    const { mtsHlsUriTokenConfigured: _derived, ...stored } = this.settings
    return this.unsealedToken === undefined
      ? stored
      : { ...stored, mtsHlsUriToken: this.unsealedToken }
  }

  private announceToken(): Settings {
    this.settings = { ...this.settings, mtsHlsUriTokenConfigured: this.hlsToken() !== undefined }
    this.dependencies.events({ event: 'settings.changed', payload: this.settings })
    return this.settings
  }

  private loadToken(): string | undefined {
    const { store, tokenKey, secretBox, log } = this.dependencies
    try {
      return openHlsToken(store.get(tokenKey), secretBox)
    } catch (error) {
      // The key changed (a new machine, a lost key file): the token has to be entered again.
      log.warn(`saved MtsHlsUriToken unreadable: ${asAppError(error).message}`)
      return undefined
    }
  }

  /**
   * Earlier versions kept the token in plain text in the settings object. It is sealed once
   * (unless a sealed token exists already) and the plain copy removed. When the SecretBox
   * cannot protect it (a desktop without a usable keychain), it stays where it was, is used,
   * and sealing is tried again at the next start.
   */
  private sealPlainToken(stored: unknown): void {
    const plain = plainHlsTokenOf(stored)
    if (!plain.present) return
    const { store, tokenKey, secretBox, log } = this.dependencies
    if (plain.token !== undefined && this.token === undefined) {
      try {
        store.set(tokenKey, sealHlsToken(plain.token, secretBox))
        this.token = plain.token
      } catch (error) {
        log.warn(
          `MtsHlsUriToken stays unsealed in the settings for now: ${asAppError(error).message}`,
        )
        this.unsealedToken = plain.token
        return
      }
      log.info('MtsHlsUriToken moved from the settings into sealed storage')
    }
    const { mtsHlsUriToken: _plain, ...rest } = stored as Record<string, unknown>
    this.erasing(() => store.set(settingsKey, rest))
  }

  /** A token that stayed unsealed is replaced or removed: its plain copy goes too. */
  private dropUnsealedToken(): void {
    if (this.unsealedToken === undefined) return
    this.unsealedToken = undefined
    this.erasing(() => this.dependencies.store.set(settingsKey, this.storedForm()))
  }

  private erasing(write: () => void): void {
    const { erasingWrite } = this.dependencies
    if (erasingWrite) erasingWrite(write)
    else write()
  }
}

/** The `settings.*` requests. */
export function settingsHandlers(service: SettingsService): DomainHandlers<'settings'> {
  return {
    'settings.get': () => settle(() => service.current()),
    'settings.update': (patch) => settle(() => service.update(patch)),
    'settings.saveHlsToken': (input) => settle(() => service.saveHlsToken(input.token)),
    'settings.clearHlsToken': () => settle(() => service.clearHlsToken()),
  }
}
