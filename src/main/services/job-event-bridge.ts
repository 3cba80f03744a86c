import {
  createProgressCoalescer,
  progressIntervalMs,
  systemCoalescerClock,
  type CoalescerClock,
} from '../../shared/contract'
import { activeJobStates, type JobSnapshot } from '../../shared/jobs'
import type { EngineEvents } from '../engine/job-manager'
import type { Disposable } from '../common/disposable'
import type { TypedEmitter } from '../common/typed-emitter'
import type { EventSink } from './event-hub'

/** Timing of the bridge; tests pass a clock they drive. */
export interface JobEventBridgeOptions {
  /** Minimum time between two `jobs.changed` (and `jobs.removed`) events. */
  intervalMs?: number
  /** Most snapshots one `jobs.changed` carries; the rest follow in the next batches. */
  maxSnapshotsPerEvent?: number
  clock?: CoalescerClock
}

/**
 * A window takes one event in one task: 5,000 snapshots at once (a batch queued) held its main
 * thread for up to 350 ms. 250 keep each event's work at a few tens of milliseconds, far inside
 * a frame budget of 100 ms even on a busy machine, while a batch of 5,000 arrives in 2 seconds.
 */
export const defaultMaxSnapshotsPerEvent = 250

/**
 * Turns the engine's events into the contract's: `jobs.changed` carries the newest snapshot of
 * each job that changed since the last batch (at most one batch per interval, so 500 jobs
 * finishing at once cost one render, not 500, and at most `maxSnapshotsPerEvent` per batch, so
 * 5,000 jobs queued at once arrive in slices a window renders without a long frame), `jobs.progress` goes through the contract's
 * coalescer, and `jobs.removed` travels in the same batches as the changes so that a removed job
 * can never be resurrected by a snapshot that was still waiting.
 */
export function bridgeJobEvents(
  events: TypedEmitter<EngineEvents>,
  sink: EventSink,
  options: JobEventBridgeOptions = {},
): Disposable {
  const intervalMs = options.intervalMs ?? progressIntervalMs
  const maxSnapshots = Math.max(1, options.maxSnapshotsPerEvent ?? defaultMaxSnapshotsPerEvent)
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
      // Oldest changes first (a Map keeps insertion order); a job changed again keeps its place.
      const payload: JobSnapshot[] = []
      for (const [id, snapshot] of changed) {
        if (payload.length >= maxSnapshots) break
        payload.push(snapshot)
        changed.delete(id)
      }
      sink({ event: 'jobs.changed', payload })
    }
    if (removed.size > 0) {
      // Removed jobs have no pending snapshot left (see 'removed'), so removals never wait.
      const payload = [...removed]
      removed.clear()
      sink({ event: 'jobs.removed', payload })
    }
    if (changed.size > 0) schedule()
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
