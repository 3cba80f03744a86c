import type { Disposable } from '../common/disposable'
import { toDisposable } from '../common/disposable'
import type { DownloadsMonitor } from './downloads-monitor'
import type { QuitSource } from './policies/quit'
import { decideQuit, userQuitTimeoutMs } from './policies/quit'
import { runningJobCount } from './policies/aggregate'
import type { Scheduler } from './scheduler'

/** The part of Electron's `app` the coordinator drives. */
export interface QuitAppLike {
  on(event: 'before-quit', listener: (event: { preventDefault(): void }) => void): unknown
  off(event: 'before-quit', listener: (event: { preventDefault(): void }) => void): unknown
  quit(): void
}

export interface QuitCoordinatorOptions {
  app: QuitAppLike
  monitor: DownloadsMonitor
  scheduler: Scheduler
  /** Asks the user; resolves true to pause and quit. */
  confirm: (runningJobs: number) => Promise<boolean>
  /** Last words before the app exits (flush window state, etc.). */
  beforeExit?: () => void
  log?: (message: string, error?: unknown) => void
}

/**
 * Routes every quit (tray, app menu, Cmd+Q, last window, OS shutdown) through the quit policy.
 * Electron emits `before-quit` for all of them; the first one is held back with `preventDefault`
 * while the user confirms and the engine pauses, then `app.quit()` is called again, approved.
 */
export class QuitCoordinator implements Disposable {
  private approved = false
  private inProgress = false
  private source: QuitSource = 'user'
  private readonly subscription: Disposable

  constructor(private readonly options: QuitCoordinatorOptions) {
    const onBeforeQuit = (event: { preventDefault(): void }): void => this.onBeforeQuit(event)
    options.app.on('before-quit', onBeforeQuit)
    this.subscription = toDisposable(() => options.app.off('before-quit', onBeforeQuit))
  }

  /** True once quitting is approved: windows may close for real. */
  get quitting(): boolean {
    return this.approved
  }

  /** Starts a quit; `system` skips the confirmation (logout, shutdown). */
  requestQuit(source: QuitSource = 'user'): void {
    if (source === 'system') this.source = 'system'
    this.options.app.quit()
  }

  /**
   * Before a restart that installs an update: stops every download cleanly (they resume after
   * the restart) and approves the quit the updater starts next, so it is not asked about again.
   * The update policy has already asked the user when downloads were running.
   */
  async prepareRestart(): Promise<void> {
    const { monitor, scheduler } = this.options
    if (runningJobCount(monitor.aggregate()) > 0) {
      await monitor.stopForQuit()
      const outcome = await monitor.waitUntilSettled((callback) =>
        scheduler.schedule(userQuitTimeoutMs, callback),
      )
      if (outcome === 'timeout')
        this.options.log?.('Restarting before every job confirmed its pause')
    }
    this.approve()
  }

  dispose(): void {
    this.subscription.dispose()
  }

  private onBeforeQuit(event: { preventDefault(): void }): void {
    if (this.approved) return
    const decision = decideQuit({
      source: this.source,
      runningJobs: runningJobCount(this.options.monitor.aggregate()),
      approved: false,
    })
    if (decision.kind === 'proceed') {
      this.approve()
      return
    }
    event.preventDefault()
    if (this.inProgress) return
    this.inProgress = true
    const timeoutMs = decision.kind === 'pause-then-quit' ? decision.timeoutMs : userQuitTimeoutMs
    const confirmed =
      decision.kind === 'confirm'
        ? this.options.confirm(decision.runningJobs)
        : Promise.resolve(true)
    confirmed
      .then(async (yes) => {
        if (!yes) return
        await this.options.monitor.stopForQuit()
        const outcome = await this.options.monitor.waitUntilSettled((callback) =>
          this.options.scheduler.schedule(timeoutMs, callback),
        )
        if (outcome === 'timeout')
          this.options.log?.('Quitting before every job confirmed its pause')
        this.approve()
        this.options.app.quit()
      })
      .catch((error: unknown) => {
        // Never trap the user in an app that cannot quit: if pausing fails, quit anyway; the
        // engine's crash recovery treats interrupted jobs as resumable on the next start.
        this.options.log?.('Pausing before quit failed', error)
        this.approve()
        this.options.app.quit()
      })
      .finally(() => {
        this.inProgress = false
        this.source = 'user'
      })
  }

  private approve(): void {
    this.approved = true
    this.options.beforeExit?.()
  }
}
