import type { JobState } from '../../../../shared/jobs'

/** Everything a user can do to one job from its row. */
export type RowAction =
  | 'pause'
  | 'resume'
  | 'retry'
  | 'cancel'
  | 'remove'
  | 'moveTop'
  | 'reveal'
  | 'open'
  | 'openSettings'

/**
 * Which job controls make sense in a state (buttons that would be refused or contradict the
 * state are not shown): a failed job has nothing running to cancel, only a retry or removal; a
 * canceled one kept no bytes, so Retry starts it over.
 */
export function availableJobActions(state: JobState): ReadonlySet<RowAction> {
  switch (state) {
    case 'queued':
    case 'probing':
    case 'downloading':
    case 'refreshing':
    case 'retrying':
    case 'verifying':
      return new Set<RowAction>(['pause', 'cancel', 'moveTop'])
    case 'paused':
      return new Set<RowAction>(['resume', 'cancel', 'moveTop', 'remove'])
    case 'failed':
      return new Set<RowAction>(['retry', 'remove'])
    case 'canceled':
      return new Set<RowAction>(['retry', 'remove'])
    case 'completed':
      return new Set<RowAction>(['reveal', 'open', 'remove'])
  }
}
