import path from 'node:path'
import type { Language } from '../../shared/errors'
import type { Disposable } from '../common/disposable'
import { DisposableStore } from '../common/disposable'
import type { DownloadsMonitor, JobTransition } from './downloads-monitor'
import type {
  FinishedJob,
  NotificationBatchState,
  NotificationInput,
  NotificationMode,
  NotificationModel,
} from './policies/notification-grouping'
import {
  defaultNotificationTiming,
  emptyNotificationBatch,
  stepNotifications,
} from './policies/notification-grouping'
import type { Scheduler } from './scheduler'

/** Where finished-job notifications go (adapters/notifications.ts shows them natively). */
export interface NotificationSink {
  show(model: NotificationModel): void
}

export interface FinishedJobNotifierOptions {
  monitor: DownloadsMonitor
  scheduler: Scheduler
  sink: NotificationSink
  /** Read on every event, so a settings change applies to the next notification. */
  preferences: () => { mode: NotificationMode; language: Language }
  timing?: { settleMs: number; maximumDelayMs: number }
}

/**
 * Watches jobs reaching `completed` or `failed` and turns them into notifications through the
 * grouping policy, owning the one timer that policy asks for.
 */
export class FinishedJobNotifier implements Disposable {
  private state: NotificationBatchState = emptyNotificationBatch
  private wake: Disposable | null = null
  private idle: boolean
  private readonly disposables = new DisposableStore()

  constructor(private readonly options: FinishedJobNotifierOptions) {
    this.idle = this.isIdle()
    this.disposables.add(
      options.monitor.onTransition((transition) => this.onTransition(transition)),
    )
    this.disposables.add(
      options.monitor.onChange(() => {
        const idle = this.isIdle()
        if (idle === this.idle) return
        this.idle = idle
        this.step({ kind: 'tick', now: options.scheduler.now(), idle })
      }),
    )
  }

  dispose(): void {
    this.wake?.dispose()
    this.wake = null
    this.disposables.dispose()
  }

  private onTransition({ previous, snapshot }: JobTransition): void {
    // A job first seen already finished was finished before we started watching.
    if (previous === undefined) return
    if (snapshot.state !== 'completed' && snapshot.state !== 'failed') return
    const job: FinishedJob = {
      id: snapshot.id,
      fileName: path.basename(snapshot.fileName.replace(/\\/g, '/')),
      outcome: snapshot.state,
      error: snapshot.error,
    }
    this.idle = this.isIdle()
    this.step({ kind: 'finished', job, now: this.options.scheduler.now(), idle: this.idle })
  }

  private step(input: NotificationInput): void {
    const preferences = this.options.preferences()
    const result = stepNotifications(this.state, input, {
      ...preferences,
      ...(this.options.timing ?? defaultNotificationTiming),
    })
    this.state = result.state
    for (const model of result.deliver) this.options.sink.show(model)
    this.wake?.dispose()
    this.wake = null
    if (result.wakeAt !== null) {
      const delay = Math.max(0, result.wakeAt - this.options.scheduler.now())
      this.wake = this.options.scheduler.schedule(delay, () => {
        this.wake = null
        this.step({ kind: 'tick', now: this.options.scheduler.now(), idle: this.isIdle() })
      })
    }
  }

  private isIdle(): boolean {
    const aggregate = this.options.monitor.aggregate()
    return aggregate.active + aggregate.queued === 0
  }
}
