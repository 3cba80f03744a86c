import { activeJobStates, type JobState } from '../../../shared/jobs'

/** The filters of the downloads screen. */
export const jobFilters = ['all', 'active', 'completed', 'failed', 'canceled'] as const
export type JobFilter = (typeof jobFilters)[number]

/** Which filter (besides `all`) a state belongs to. */
export function filterOfState(state: JobState): Exclude<JobFilter, 'all'> {
  switch (state) {
    case 'queued':
    case 'probing':
    case 'downloading':
    case 'refreshing':
    case 'retrying':
    case 'verifying':
    case 'paused':
      return 'active'
    case 'completed':
      return 'completed'
    case 'failed':
      return 'failed'
    case 'canceled':
      return 'canceled'
  }
}

export function matchesFilter(state: JobState, filter: JobFilter): boolean {
  return filter === 'all' || filterOfState(state) === filter
}

/** True while a job may be moving bytes, so live progress figures apply to it. */
export function isRunning(state: JobState): boolean {
  return activeJobStates.has(state)
}

/** True until a job is completed or canceled: it still counts towards what is left to do. */
export function isUnfinished(state: JobState): boolean {
  return state !== 'completed' && state !== 'canceled'
}
