import type { Unsubscribe } from '../../shared/contract'
import { AppError } from '../../shared/errors'
import {
  applySettingsPatch,
  settingsSchema,
  type Settings,
  type SettingsPatch,
} from '../../shared/settings'
import type { EventSink } from '../services/event-hub'
import { toDisposable } from '../common/disposable'
import type { AppSettingsSource } from './shell-contract'

/**
 * The app's settings service (SQLite) as the shell sees it: read on every decision, and every
 * `settings.changed` it announces reaches the shell's listeners with the settings before it.
 */
export function appSettingsOf(
  service: { current(): Settings; update(patch: SettingsPatch): Settings },
  events: { subscribe(listener: EventSink): Unsubscribe },
): AppSettingsSource {
  return {
    current: () => service.current(),
    update: (patch) => service.update(patch),
    onChange: (listener) => {
      let previous = service.current()
      return toDisposable(
        events.subscribe((message) => {
          if (message.event !== 'settings.changed') return
          const settings = message.payload
          const before = previous
          previous = settings
          listener(settings, before)
        }),
      )
    },
  }
}

/**
 * Settings kept in memory for one run: the shell's settings when no engine is plugged in (a
 * shell without the integration keeps working, and forgets changes on quit).
 */
export class MemoryAppSettings implements AppSettingsSource {
  private readonly listeners = new Set<(settings: Settings, previous: Settings) => void>()

  constructor(private settings: Settings) {}

  current(): Settings {
    return this.settings
  }

  update(patch: SettingsPatch): Settings {
    const checked = settingsSchema.safeParse(applySettingsPatch(this.settings, patch))
    if (!checked.success) {
      throw new AppError('InvalidInput', checked.error.issues[0]?.message ?? 'invalid settings')
    }
    const previous = this.settings
    this.settings = checked.data
    if (JSON.stringify(previous) !== JSON.stringify(this.settings)) {
      for (const listener of [...this.listeners]) listener(this.settings, previous)
    }
    return this.settings
  }

  onChange(listener: (settings: Settings, previous: Settings) => void) {
    this.listeners.add(listener)
    return toDisposable(() => this.listeners.delete(listener))
  }
}
