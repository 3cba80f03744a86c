import type { Disposable } from '../../common/disposable'
import { DisposableStore, toDisposable } from '../../common/disposable'
import type { DownloadsMonitor } from '../downloads-monitor'
import type { PowerOptions, PowerState } from '../policies/power'
import { decidePower, defaultPowerOptions, initialPowerState } from '../policies/power'
import type { Scheduler } from '../scheduler'

/** The part of Electron's `powerSaveBlocker` the shell uses. */
export interface PowerSaveBlockerLike {
  start(type: 'prevent-app-suspension'): number
  stop(id: number): unknown
  isStarted(id: number): boolean
}

/**
 * Holds `prevent-app-suspension` exactly while the power policy says so. It re-evaluates on every
 * engine change and at the end of a stall grace; `prevent-display-sleep` is never used (the screen
 * may sleep, the download must not). Disposing releases the blocker.
 */
export class PowerController implements Disposable {
  private state: PowerState = initialPowerState
  private blockerId: number | null = null
  private recheck: Disposable | null = null
  private readonly disposables = new DisposableStore()

  constructor(
    private readonly monitor: DownloadsMonitor,
    private readonly blocker: PowerSaveBlockerLike,
    private readonly scheduler: Scheduler,
    private readonly options: PowerOptions = defaultPowerOptions,
  ) {
    this.disposables.add(monitor.onChange(() => this.evaluate()))
    this.evaluate()
  }

  /** Whether the blocker is held now. */
  get holding(): boolean {
    return this.blockerId !== null && this.blocker.isStarted(this.blockerId)
  }

  evaluate(): void {
    const decision = decidePower(
      this.state,
      this.monitor.aggregate(),
      this.scheduler.now(),
      this.options,
    )
    this.state = decision.state
    this.apply(decision.hold)
    this.recheck?.dispose()
    this.recheck = null
    if (decision.recheckAt !== null) {
      this.recheck = this.scheduler.schedule(decision.recheckAt - this.scheduler.now(), () => {
        this.recheck = null
        this.evaluate()
      })
    }
  }

  dispose(): void {
    this.disposables.dispose()
    this.recheck?.dispose()
    this.recheck = null
    this.apply(false)
  }

  private apply(hold: boolean): void {
    if (hold && !this.holding) {
      this.blockerId = this.blocker.start('prevent-app-suspension')
    } else if (!hold && this.blockerId !== null) {
      if (this.blocker.isStarted(this.blockerId)) this.blocker.stop(this.blockerId)
      this.blockerId = null
    }
  }
}

/** The part of Electron's `powerMonitor` the shell uses. */
export interface PowerMonitorLike {
  on(event: 'suspend', listener: () => void): unknown
  on(event: 'resume', listener: () => void): unknown
  on(event: 'shutdown', listener: () => void): unknown
  off(event: 'suspend', listener: () => void): unknown
  off(event: 'resume', listener: () => void): unknown
  off(event: 'shutdown', listener: () => void): unknown
}

export interface PowerEventHandlers {
  /** The machine is going to sleep: a chance to flush progress. */
  onSuspend: () => void
  /**
   * The machine woke up: sockets are dead and signed URLs may have expired meanwhile, so the
   * engine should reconnect (and re-resolve leases) rather than wait for timeouts.
   */
  onResume: () => void
  /** macOS and Linux are shutting down or restarting: pause and quit without asking. */
  onShutdown: () => void
}

/** Subscribes to sleep, wake and shutdown. */
export function watchPowerEvents(
  powerMonitor: PowerMonitorLike,
  handlers: PowerEventHandlers,
): Disposable {
  const onSuspend = (): void => handlers.onSuspend()
  const onResume = (): void => handlers.onResume()
  const onShutdown = (): void => handlers.onShutdown()
  powerMonitor.on('suspend', onSuspend)
  powerMonitor.on('resume', onResume)
  powerMonitor.on('shutdown', onShutdown)
  return toDisposable(() => {
    powerMonitor.off('suspend', onSuspend)
    powerMonitor.off('resume', onResume)
    powerMonitor.off('shutdown', onShutdown)
  })
}
