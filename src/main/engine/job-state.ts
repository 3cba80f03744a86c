import { AppError } from '../../shared/errors'
import type { JobState } from '../../shared/jobs'

/**
 * The job state machine. Every state change in the engine goes through `transition`, so an
 * illegal change is a bug that surfaces at once instead of a job silently stuck in limbo.
 *
 * queued → probing → downloading ⇄ refreshing → verifying → completed
 * retrying waits out a backoff; paused, failed and canceled are reachable from any live state.
 * Only completed is final: a canceled job (its partial file deleted) goes back to the queue when
 * the user retries it, and starts over.
 */
const allowed: Record<JobState, readonly JobState[]> = {
  queued: ['probing', 'paused', 'canceled', 'failed'],
  probing: [
    'downloading',
    'refreshing',
    'retrying',
    'verifying',
    'paused',
    'failed',
    'canceled',
    'queued',
  ],
  downloading: [
    'refreshing',
    'retrying',
    'verifying',
    'probing',
    'paused',
    'failed',
    'canceled',
    'queued',
  ],
  refreshing: ['downloading', 'probing', 'retrying', 'paused', 'failed', 'canceled', 'queued'],
  retrying: ['probing', 'queued', 'paused', 'failed', 'canceled'],
  verifying: ['completed', 'probing', 'failed', 'paused', 'canceled', 'queued'],
  completed: [],
  paused: ['queued', 'canceled', 'failed'],
  failed: ['queued', 'canceled'],
  canceled: ['queued'],
}

export function canTransition(from: JobState, to: JobState): boolean {
  return allowed[from].includes(to)
}

/** Returns `to` when the change is legal; throws otherwise. */
export function transition(from: JobState, to: JobState): JobState {
  if (!canTransition(from, to)) {
    throw new AppError('Internal', `illegal job state change ${from} → ${to}`)
  }
  return to
}

/** The state a job found in the database at start-up resumes from (it was running when we died). */
export function recoveredState(state: JobState): JobState {
  switch (state) {
    case 'probing':
    case 'downloading':
    case 'refreshing':
    case 'retrying':
    case 'verifying':
      return 'queued'
    case 'queued':
    case 'completed':
    case 'paused':
    case 'failed':
    case 'canceled':
      return state
  }
}
