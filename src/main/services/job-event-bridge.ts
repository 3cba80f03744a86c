import {
  createProgressCoalescer,
  progressIntervalMs,
  systemCoalescerClock,
  type CoalescerClock,
} from '../../shared/contract'
import { activeJobStates, type JobSnapshot } from '../../shared/jobs'
import type { EngineEvents } from '../engine/job-manager'
import type { Disposable, TypedEmitter } from '../engine/typed-emitter'
import type { EventSink } from './event-hub'

/** Timing of the bridge; tests pass a clock they drive. */
export interface JobEventBridgeOptions {
  /** Minimum time between two `jobs.changed` (and `jobs.removed`) events. */
  intervalMs?: number
  clock?: CoalescerClock
}

/**
 * Turns the engine's events into the contract's: `jobs.changed` carries the newest snapshot of
 * each job that changed since the last batch (at most one batch per interval, so 500 jobs
 * finishing at once cost one render, not 500), `jobs.progress` goes through the contract's
 * coalescer, and `jobs.removed` travels in the same batches as the changes so that a removed job
 * can never be resurrected by a snapshot that was still waiting.
 */
export function bridgeJobEvents(
  events: TypedEmitter<EngineEvents>,
  sink: EventSink,
  options: JobEventBridgeOptions = {},
): Disposable {
  const intervalMs = options.intervalMs ?? progressIntervalMs
  const clock = options.clock ?? systemCoalescerClock
  const changed = new Map<number, JobSnapshot>()
  const removed = new Set<number>()
  let lastEmittedAt = Number.NEGATIVE_INFINITY
  let timer: unknown = null
  const progress = createProgressCoalescer(
    (batch) => sink({ event: 'jobs.progress', payload: batch }),
    { intervalMs, clock },
  )

  function flush(): void {
    timer = null
    if (changed.size === 0 && removed.size === 0) return
    lastEmittedAt = clock.now()
    if (changed.size > 0) {
      const payload = [...changed.values()]
      changed.clear()
      sink({ event: 'jobs.changed', payload })
    }
    if (removed.size > 0) {
      const payload = [...removed]
      removed.clear()
      sink({ event: 'jobs.removed', payload })
    }
  }

  function schedule(): void {
    if (timer !== null) return
    const wait = lastEmittedAt + intervalMs - clock.now()
    if (wait <= 0) flush()
    else timer = clock.setTimer(flush, wait)
  }

  const subscriptions = [
    events.on('state', (snapshot) => {
      changed.set(snapshot.id, snapshot)
      // Figures measured while running must not arrive after the job's final state.
      if (!activeJobStates.has(snapshot.state)) progress.drop([snapshot.id])
      schedule()
    }),
    events.on('progress', (batch) => progress.push(batch)),
    events.on('removed', (ids) => {
      for (const id of ids) {
        changed.delete(id)
        removed.add(id)
      }
      progress.drop(ids)
      schedule()
    }),
  ]

  return {
    dispose() {
      for (const subscription of subscriptions) subscription.dispose()
      if (timer !== null) clock.clearTimer(timer)
      timer = null
      changed.clear()
      removed.clear()
      progress.dispose()
    },
  }
}
