import type { JobManager } from '../main/engine/job-manager'
import { holdJobsOnExpiredCredentials } from '../main/services/account-credential-wait'
import { ProgressDisplay, type DisplayStream } from './progress-display'

export interface ForegroundOptions {
  stderr: DisplayStream
  /** Installs a Ctrl-C handler; returns its remover. */
  onInterrupt?: (handler: () => void) => () => void
}

/**
 * Runs the given jobs in this process until each has ended (completed, failed, paused) and
 * reports the outcome. Exit status: 0 when every job completed and verified, 1 otherwise.
 */
export async function runInForeground(
  manager: JobManager,
  ids: readonly number[],
  options: ForegroundOptions,
): Promise<number> {
  const display = new ProgressDisplay(options.stderr)
  const runnable: number[] = []
  let status = 0
  // One read for all of them: a list of thousands of files starts here.
  const found = new Map(manager.lookup(ids).map((entry) => [entry.job.id, entry]))
  for (const id of ids) {
    const entry = found.get(id)
    if (!entry) {
      display.message(`job ${id} does not exist`)
      status = 1
      continue
    }
    if (entry.heldBy) {
      display.message(
        `job ${id} is being downloaded by another VOD Downloader process (pid ${entry.heldBy.pid ?? '?'}); not starting it here`,
      )
      status = 1
      continue
    }
    display.track(entry.job)
    runnable.push(id)
  }
  // A job whose STS token expired stops, paused with that error and its bytes, instead of
  // retrying for minutes: nothing in this process can renew the token.
  const credentialHold = holdJobsOnExpiredCredentials(manager, { staticCredentials: () => true })
  const subscriptions = [
    manager.events.on('state', (job) => display.onState(job)),
    manager.events.on('progress', (batch) => display.onProgress(batch)),
    credentialHold,
  ]
  let interrupted = false
  const removeInterrupt = options.onInterrupt?.(() => {
    if (interrupted) return
    interrupted = true
    display.message('Pausing… (the downloaded bytes are kept)')
    for (const id of runnable) {
      try {
        void manager.pause(id)
      } catch {
        // Already finished.
      }
    }
  })
  try {
    manager.start({ only: runnable })
    await manager.waitForIdle()
  } finally {
    removeInterrupt?.()
    for (const subscription of subscriptions) subscription.dispose()
  }
  display.render(true)
  display.clear()
  const ended = new Map(manager.lookup(runnable).map((entry) => [entry.job.id, entry.job]))
  const outcomes = runnable.flatMap((id) => ended.get(id) ?? [])
  const unfinished = outcomes.filter((job) => job.state !== 'completed')
  for (const job of unfinished) {
    const reason = job.error ? ` — ${job.error.message}` : ''
    display.message(`job ${job.id} ${job.fileName || job.label}: ${job.state}${reason}`)
  }
  if (unfinished.length > 0) {
    display.message(`Continue with: vod-dl resume ${unfinished.map((job) => job.id).join(' ')}`)
    status = 1
  }
  if (outcomes.length > 1) {
    display.message(`${outcomes.length - unfinished.length} of ${outcomes.length} files completed`)
  }
  return status
}
