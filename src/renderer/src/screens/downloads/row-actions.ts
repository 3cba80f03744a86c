import type { JobState } from '../../../../shared/jobs'

/** Everything a user can do to one job from its row. */
export type RowAction =
  | 'pause'
  | 'resume'
  | 'retry'
  | 'cancel'
  | 'remove'
  | 'moveUp'
  | 'moveDown'
  | 'reveal'
  | 'open'
  | 'openSettings'

/** Which job controls make sense in a state (buttons that would be refused are not shown). */
export function availableJobActions(state: JobState): ReadonlySet<RowAction> {
  switch (state) {
    case 'queued':
    case 'probing':
    case 'downloading':
    case 'refreshing':
    case 'retrying':
    case 'verifying':
      return new Set<RowAction>(['pause', 'cancel', 'moveUp', 'moveDown'])
    case 'paused':
      return new Set<RowAction>(['resume', 'cancel', 'moveUp', 'moveDown'])
    case 'failed':
      return new Set<RowAction>(['retry', 'cancel', 'remove', 'moveUp', 'moveDown'])
    case 'canceled':
      return new Set<RowAction>(['retry', 'remove'])
    case 'completed':
      return new Set<RowAction>(['reveal', 'open', 'remove'])
  }
}
