import type { JobProgress } from '../jobs'

/**
 * Coalescing of progress figures before they cross to the renderer. Engines report per chunk;
 * the renderer needs at most ten frames of numbers a second (more only costs renders, as another
 * download manager found with 500 tasks). The newest figures per job win and one batch goes out
 * per interval.
 */

/** Minimum time between two `jobs.progress` events. */
export const progressIntervalMs = 100

export interface ProgressBuffer {
  /** Newest figures per job id, not yet emitted. */
  readonly pending: ReadonlyMap<number, JobProgress>
  /** Epoch ms of the last emission; -Infinity before the first one. */
  readonly lastEmittedAt: number
}

export const emptyProgressBuffer: ProgressBuffer = {
  pending: new Map(),
  lastEmittedAt: Number.NEGATIVE_INFINITY,
}

/** One step of the coalescer: the new buffer, what to emit now, and when to look again. */
export interface ProgressStep {
  buffer: ProgressBuffer
  /** Figures to send now; empty when nothing is due. */
  emit: JobProgress[]
  /** Epoch ms at which `flushProgress` should be called, or null when nothing is waiting. */
  flushAt: number | null
}

/**
 * Emits everything pending when the interval since the last emission has passed; otherwise
 * keeps it and says when it will be due.
 */
export function flushProgress(
  buffer: ProgressBuffer,
  now: number,
  intervalMs: number = progressIntervalMs,
): ProgressStep {
  if (buffer.pending.size === 0) return { buffer, emit: [], flushAt: null }
  const dueAt = buffer.lastEmittedAt + intervalMs
  if (now < dueAt) return { buffer, emit: [], flushAt: dueAt }
  return {
    buffer: { pending: new Map(), lastEmittedAt: now },
    emit: [...buffer.pending.values()],
    flushAt: null,
  }
}

/** Merges new figures (the latest per job replaces older ones) and emits if due. */
export function coalesceProgress(
  buffer: ProgressBuffer,
  updates: readonly JobProgress[],
  now: number,
  intervalMs: number = progressIntervalMs,
): ProgressStep {
  const pending = new Map(buffer.pending)
  for (const update of updates) pending.set(update.id, update)
  return flushProgress({ pending, lastEmittedAt: buffer.lastEmittedAt }, now, intervalMs)
}

/**
 * Forgets pending figures of jobs that left the running states or were removed, so stale numbers
 * never arrive after a job's final state.
 */
export function dropProgress(buffer: ProgressBuffer, ids: readonly number[]): ProgressBuffer {
  if (ids.every((id) => !buffer.pending.has(id))) return buffer
  const pending = new Map(buffer.pending)
  for (const id of ids) pending.delete(id)
  return { pending, lastEmittedAt: buffer.lastEmittedAt }
}

/** The clock and timer a coalescer uses; injected so tests drive time without sleeping. */
export interface CoalescerClock {
  now(): number
  setTimer(callback: () => void, delayMs: number): unknown
  clearTimer(handle: unknown): void
}

export const systemCoalescerClock: CoalescerClock = {
  now: () => Date.now(),
  setTimer: (callback, delayMs) => setTimeout(callback, delayMs),
  clearTimer: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
}

/** A stateful wrapper over the pure steps, for the composition root to wire to an event sink. */
export interface ProgressCoalescer {
  push(updates: readonly JobProgress[]): void
  drop(ids: readonly number[]): void
  dispose(): void
}

/** Creates a coalescer that calls `emit` at most once per interval with the newest figures. */
export function createProgressCoalescer(
  emit: (batch: JobProgress[]) => void,
  options: { intervalMs?: number; clock?: CoalescerClock } = {},
): ProgressCoalescer {
  const intervalMs = options.intervalMs ?? progressIntervalMs
  const clock = options.clock ?? systemCoalescerClock
  let buffer = emptyProgressBuffer
  let timer: unknown = null

  function apply(step: ProgressStep): void {
    buffer = step.buffer
    if (step.emit.length > 0) emit(step.emit)
    if (step.flushAt !== null && timer === null) {
      timer = clock.setTimer(
        () => {
          timer = null
          apply(flushProgress(buffer, clock.now(), intervalMs))
        },
        Math.max(0, step.flushAt - clock.now()),
      )
    }
  }

  return {
    push(updates) {
      apply(coalesceProgress(buffer, updates, clock.now(), intervalMs))
    },
    drop(ids) {
      buffer = dropProgress(buffer, ids)
    },
    dispose() {
      if (timer !== null) clock.clearTimer(timer)
      timer = null
      buffer = emptyProgressBuffer
    },
  }
}
