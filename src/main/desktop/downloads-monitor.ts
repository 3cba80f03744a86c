import type { JobProgress, JobSnapshot, JobState } from '../../shared/jobs'
import { activeJobStates } from '../../shared/jobs'
import type { Disposable } from '../common/disposable'
import { DisposableStore, toDisposable } from '../common/disposable'
import type { DownloadsChange, DownloadsFacade } from './downloads'
import type { DownloadsAggregate } from './policies/aggregate'
import { aggregateDownloads } from './policies/aggregate'

/** A job moved from one state to another (`previous` is undefined for a job first seen now). */
export interface JobTransition {
  previous: JobState | undefined
  snapshot: JobSnapshot
}

/**
 * The shell's read model of the engine: the latest snapshot and progress of every job, kept from
 * the facade's events, so each consumer (tray, power, taskbar, notifications, quit) reads one
 * consistent picture instead of subscribing and bookkeeping on its own.
 */
export class DownloadsMonitor implements Disposable {
  private readonly jobs = new Map<number, JobSnapshot>()
  private readonly progress = new Map<number, JobProgress>()
  private readonly changeListeners = new Set<() => void>()
  private readonly transitionListeners = new Set<(transition: JobTransition) => void>()
  private readonly disposables = new DisposableStore()

  constructor(private readonly facade: DownloadsFacade) {
    for (const snapshot of facade.list()) this.jobs.set(snapshot.id, snapshot)
    this.disposables.add(facade.onChange((change) => this.apply(change)))
  }

  /** The current aggregate; cheap enough to compute on every throttled UI refresh. */
  aggregate(): DownloadsAggregate {
    return aggregateDownloads(this.jobs.values(), this.progress)
  }

  /** The latest snapshot of a job, if the engine reported it. */
  job(id: number): JobSnapshot | undefined {
    return this.jobs.get(id)
  }

  pauseAll(): Promise<void> {
    return Promise.resolve(this.facade.pauseAll())
  }

  resumeAll(): Promise<void> {
    return Promise.resolve(this.facade.resumeAll())
  }

  /** Records where a finished job's file went after a move; see `DownloadsFacade.relocate`. */
  async relocate(id: number, directory: string, fileName: string): Promise<void> {
    if (!this.facade.relocate) throw new Error('the engine cannot record a moved file')
    await this.facade.relocate(id, directory, fileName)
  }

  /**
   * Brings every job to rest before the process exits: the engine's shutdown when it has one
   * (jobs resume at the next start), otherwise pause all.
   */
  stopForQuit(): Promise<void> {
    return this.facade.shutdown ? this.facade.shutdown() : this.pauseAll()
  }

  /** Called after every applied change (state or progress). */
  onChange(listener: () => void): Disposable {
    this.changeListeners.add(listener)
    return toDisposable(() => this.changeListeners.delete(listener))
  }

  /** Called when a job's state differs from the last one seen (not for progress ticks). */
  onTransition(listener: (transition: JobTransition) => void): Disposable {
    this.transitionListeners.add(listener)
    return toDisposable(() => this.transitionListeners.delete(listener))
  }

  /**
   * Resolves once no job is in an active state (every job paused, finished or failed), or when
   * `timeout` fires first. Used to pause cleanly before quitting; never polls.
   */
  waitUntilSettled(timeout: (callback: () => void) => Disposable): Promise<'settled' | 'timeout'> {
    if (this.aggregate().active === 0) return Promise.resolve('settled')
    return new Promise((resolve) => {
      const store = new DisposableStore()
      const finish = (outcome: 'settled' | 'timeout'): void => {
        store.dispose()
        resolve(outcome)
      }
      store.add(
        this.onChange(() => {
          if (this.aggregate().active === 0) finish('settled')
        }),
      )
      store.add(timeout(() => finish('timeout')))
    })
  }

  dispose(): void {
    this.disposables.dispose()
    this.changeListeners.clear()
    this.transitionListeners.clear()
  }

  private apply(change: DownloadsChange): void {
    switch (change.kind) {
      case 'state': {
        const { snapshot } = change
        const previous = this.jobs.get(snapshot.id)?.state
        this.jobs.set(snapshot.id, snapshot)
        // Progress is only meaningful while a job runs; a stale speed must not keep the
        // machine awake or inflate the tray's speed line.
        if (!activeJobStates.has(snapshot.state)) this.progress.delete(snapshot.id)
        if (previous !== snapshot.state) {
          for (const listener of [...this.transitionListeners]) listener({ previous, snapshot })
        }
        break
      }
      case 'removed':
        for (const id of change.ids) {
          this.jobs.delete(id)
          this.progress.delete(id)
        }
        break
      case 'progress':
        for (const item of change.progress) {
          const job = this.jobs.get(item.id)
          if (job && !activeJobStates.has(job.state)) continue
          this.progress.set(item.id, item)
        }
        break
    }
    for (const listener of [...this.changeListeners]) listener()
  }
}
