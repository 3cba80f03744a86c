import type { RestartOutcome, UpdateStatus } from '../../shared/contract'
import type { UpdateChannel } from '../../shared/settings'
import type { UpdaterLike } from './adapters/updater'
import { configureUpdater, watchUpdater } from './adapters/updater'
import type { Disposable } from '../common/disposable'
import { DisposableStore, toDisposable } from '../common/disposable'
import type { DownloadsMonitor } from './downloads-monitor'
import { runningJobCount } from './policies/aggregate'
import type {
  DownloadedUpdate,
  FeedResolution,
  RestartChoice,
  UnavailableReason,
  UpdateState,
  UpdaterEvent,
} from './policies/update'
import {
  decideRestart,
  initialUpdateState,
  installable,
  installOnQuit,
  installWhenIdle,
  nextCheckDelay,
  nextUpdateState,
  updaterChannel,
  withWaitingForDownloads,
} from './policies/update'
import type { Scheduler } from './scheduler'

export interface UpdatePreferences {
  enabled: boolean
  channel: UpdateChannel
}

export interface UpdateControllerOptions {
  /** From `updateSupport`: whether this copy of the app can replace itself. */
  support: { supported: true } | { supported: false; reason: UnavailableReason }
  feed: FeedResolution
  /** electron-updater's updater; loaded on the first check, never when updates cannot run. */
  loadUpdater: () => Promise<UpdaterLike>
  preferences: () => UpdatePreferences
  /** Called when the Settings switch or channel changed. */
  onPreferencesChange: (listener: () => void) => Disposable
  monitor: Pick<DownloadsMonitor, 'aggregate' | 'onChange'>
  scheduler: Scheduler
  /** "Restart now" while downloads run: restart when they finish, stop them, or cancel. */
  askRestart: (runningJobs: number, version: string) => Promise<RestartChoice>
  /** Stops the downloads cleanly and lets the next quit through (the quit coordinator). */
  prepareRestart: () => Promise<void>
  /** Restarts without installing, when the installer would not start. */
  relaunch: () => void
  notifyReady: (version: string) => void
  log: (message: string, error?: unknown) => void
}

/**
 * Runs the self-update: checks the feed a minute after start and every few hours, lets
 * electron-updater download in the background, and installs when the app quits or on "Restart
 * now" — never while downloads would be cut off, unless the user agrees. Every decision is the
 * update policy's (policies/update.ts); this class holds the state and the timers.
 */
export class UpdateController implements Disposable {
  private state: UpdateState
  private updater: Promise<UpdaterLike> | null = null
  private nextCheck: Disposable | null = null
  private downloaded: DownloadedUpdate | null = null
  private channel: UpdateChannel
  private waiting = false
  private installing = false
  private readonly listeners = new Set<(status: UpdateStatus) => void>()
  private readonly disposables = new DisposableStore()

  constructor(private readonly options: UpdateControllerOptions) {
    const preferences = options.preferences()
    this.channel = preferences.channel
    this.state = initialUpdateState({
      unavailable: this.unavailableReason(),
      enabled: preferences.enabled,
      lastCheckedAt: null,
    })
    if (this.unavailableReason() !== null) {
      if (options.feed.kind === 'none' && options.support.supported) {
        options.log(`Updates are off: ${options.feed.detail}`)
      }
      return
    }
    this.disposables.add(options.onPreferencesChange(() => this.applyPreferences()))
    this.disposables.add(options.monitor.onChange(() => this.onQueueChange()))
    if (preferences.enabled) this.schedule(nextCheckDelay('start'))
  }

  status(): UpdateStatus {
    return this.state.status
  }

  onChange(listener: (status: UpdateStatus) => void): Disposable {
    this.listeners.add(listener)
    return toDisposable(() => this.listeners.delete(listener))
  }

  /** "Restart now" in Settings. */
  async restartNow(): Promise<RestartOutcome> {
    const { status } = this.state
    const decision = decideRestart({
      ready: status.state === 'ready' && this.installable(),
      runningJobs: this.runningJobs(),
    })
    switch (decision.kind) {
      case 'nothing-to-install':
        return 'nothing-to-install'
      case 'install':
        await this.install()
        return 'restarting'
      case 'ask': {
        const version = status.state === 'ready' ? status.version : ''
        const choice = await this.options.askRestart(decision.runningJobs, version)
        if (choice === 'cancel') return 'canceled'
        if (choice === 'stop') {
          await this.install()
          return 'restarting'
        }
        this.waiting = true
        this.update(withWaitingForDownloads(this.state, true))
        // The queue may have emptied while the box was open.
        this.onQueueChange()
        return this.installing ? 'restarting' : 'waiting-for-downloads'
      }
    }
  }

  dispose(): void {
    this.nextCheck?.dispose()
    this.nextCheck = null
    this.disposables.dispose()
    this.listeners.clear()
  }

  private unavailableReason(): UnavailableReason | null {
    if (!this.options.support.supported) return this.options.support.reason
    return this.options.feed.kind === 'feed' ? null : 'no-feed'
  }

  private runningJobs(): number {
    return runningJobCount(this.options.monitor.aggregate())
  }

  /** A downloaded update for the channel chosen now (and updates are on). */
  private installable(): boolean {
    const { enabled } = this.options.preferences()
    return installable({ enabled, channel: this.channel, downloaded: this.downloaded })
  }

  private installOnQuit(): boolean {
    const { enabled } = this.options.preferences()
    return installOnQuit({ enabled, channel: this.channel, downloaded: this.downloaded })
  }

  private applyPreferences(): void {
    const { enabled, channel } = this.options.preferences()
    const channelChanged = channel !== this.channel
    this.channel = channel
    this.waiting = false
    this.nextCheck?.dispose()
    this.nextCheck = null
    void this.updater?.then((updater) => {
      updater.autoInstallOnAppQuit = this.installOnQuit()
      if (channelChanged) updater.channel = updaterChannel(channel)
      updater.allowDowngrade = false
    })
    if (!enabled) {
      this.update(
        initialUpdateState({ unavailable: null, enabled, lastCheckedAt: this.state.lastCheckedAt }),
      )
      return
    }
    const downloaded = this.downloaded
    this.update(
      downloaded && downloaded.channel === channel
        ? {
            ...this.state,
            status: { state: 'ready', version: downloaded.version, waitingForDownloads: false },
          }
        : initialUpdateState({
            unavailable: null,
            enabled,
            lastCheckedAt: this.state.lastCheckedAt,
          }),
    )
    // Switched on, or to another channel: look soon, not in four hours.
    this.schedule(nextCheckDelay('start'))
  }

  private schedule(delayMs: number): void {
    this.nextCheck?.dispose()
    this.nextCheck = this.options.scheduler.schedule(delayMs, () => {
      this.nextCheck = null
      void this.check()
    })
  }

  private loadUpdater(): Promise<UpdaterLike> {
    this.updater ??= this.options.loadUpdater().then((updater) => {
      const { feed } = this.options
      if (feed.kind !== 'feed') throw new Error('no update feed')
      configureUpdater(updater, {
        feedUrl: feed.url,
        channel: this.channel,
        installOnQuit: this.installOnQuit(),
        log: (message) => this.options.log(message),
      })
      this.disposables.add(watchUpdater(updater, (event) => this.onUpdaterEvent(event)))
      return updater
    })
    return this.updater
  }

  private async check(): Promise<void> {
    if (!this.options.preferences().enabled) return
    let outcome: 'checked' | 'failed' = 'checked'
    try {
      const updater = await this.loadUpdater()
      await updater.checkForUpdates()
    } catch (error) {
      // Offline, a proxy, a feed that is down: the next check comes sooner; nothing to tell.
      outcome = 'failed'
      this.options.log('Checking for updates failed', error)
    }
    if (this.options.preferences().enabled) this.schedule(nextCheckDelay(outcome))
  }

  private onUpdaterEvent(event: UpdaterEvent): void {
    const before = this.state.status
    this.update(nextUpdateState(this.state, event, this.options.scheduler.now()))
    if (event.kind !== 'downloaded') return
    this.downloaded = { version: event.version, channel: this.channel }
    if (!(before.state === 'ready' && before.version === event.version)) {
      this.options.notifyReady(event.version)
    }
    this.onQueueChange()
  }

  private onQueueChange(): void {
    const ready = this.state.status.state === 'ready' && this.installable()
    if (!installWhenIdle({ waiting: this.waiting, ready, runningJobs: this.runningJobs() })) return
    this.waiting = false
    void this.install()
  }

  private async install(): Promise<void> {
    if (this.installing) return
    this.installing = true
    const updater = await this.loadUpdater()
    await this.options.prepareRestart()
    let failed = false
    const onError = (): void => {
      failed = true
    }
    updater.on('error', onError)
    try {
      // Silent (no installer window on Windows), and start the new version afterwards.
      updater.quitAndInstall(true, true)
    } catch (error) {
      failed = true
      this.options.log('Installing the update failed', error)
    } finally {
      updater.off('error', onError)
    }
    if (failed) {
      // The downloads are already stopped for the restart: restart anyway, so they carry on.
      this.options.log('The update could not be installed; restarting without it')
      this.options.relaunch()
    }
  }

  private update(next: UpdateState): void {
    const changed = JSON.stringify(next.status) !== JSON.stringify(this.state.status)
    this.state = next
    if (!changed) return
    for (const listener of [...this.listeners]) listener(next.status)
  }
}
