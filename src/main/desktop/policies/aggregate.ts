import type { JobProgress, JobSnapshot, JobState } from '../../../shared/jobs'
import { activeJobStates } from '../../../shared/jobs'

/**
 * The engine's state boiled down to what the tray, taskbar, power and quit policies look at.
 * Byte totals cover only jobs still in flight (active, queued, paused), so a long history of
 * finished jobs does not pin the overall progress near 100 %.
 */
export interface DownloadsAggregate {
  /** Jobs in an active state (probing, downloading, refreshing, retrying, verifying). */
  active: number
  /** Jobs actually moving bytes over the network right now (see `isMovingBytes`). */
  moving: number
  /** Jobs in `downloading`, moving bytes or not (stalled connections included). */
  downloading: number
  queued: number
  paused: number
  failed: number
  /** Sum of the running jobs' speeds, bytes per second. */
  speed: number
  /** Done and total bytes over in-flight jobs whose size is known. */
  doneBytes: number
  totalBytes: number
  /** In-flight jobs whose size is not known yet. */
  unknownSizeJobs: number
  /** `doneBytes / totalBytes`, or `null` when no in-flight job has a known size. */
  progress: number | null
}

/** States in which a job is still expected to finish: it counts towards overall progress. */
const inFlightStates: ReadonlySet<JobState> = new Set<JobState>([
  ...activeJobStates,
  'queued',
  'paused',
])

/**
 * True while a job keeps the network busy: downloading with a positive speed, or probing /
 * refreshing its URL (short, but a sleep in the middle costs a fresh start). Retrying jobs wait for
 * a backoff and verifying jobs only read the local disk, so neither counts.
 */
export function isMovingBytes(job: JobSnapshot, progress: JobProgress | undefined): boolean {
  switch (job.state) {
    case 'probing':
    case 'refreshing':
      return true
    case 'downloading':
      return (progress?.speed ?? 0) > 0
    case 'queued':
    case 'retrying':
    case 'verifying':
    case 'completed':
    case 'paused':
    case 'failed':
    case 'canceled':
      return false
  }
}

/** Folds job snapshots and the latest progress per job into one aggregate. */
export function aggregateDownloads(
  jobs: Iterable<JobSnapshot>,
  progress: ReadonlyMap<number, JobProgress>,
): DownloadsAggregate {
  const aggregate: DownloadsAggregate = {
    active: 0,
    moving: 0,
    downloading: 0,
    queued: 0,
    paused: 0,
    failed: 0,
    speed: 0,
    doneBytes: 0,
    totalBytes: 0,
    unknownSizeJobs: 0,
    progress: null,
  }
  for (const job of jobs) {
    const live = activeJobStates.has(job.state) ? progress.get(job.id) : undefined
    if (activeJobStates.has(job.state)) aggregate.active++
    if (job.state === 'downloading') aggregate.downloading++
    if (job.state === 'queued') aggregate.queued++
    if (job.state === 'paused') aggregate.paused++
    if (job.state === 'failed') aggregate.failed++
    if (isMovingBytes(job, live)) aggregate.moving++
    if (live) aggregate.speed += Math.max(0, live.speed)
    if (!inFlightStates.has(job.state)) continue
    const total = live?.totalBytes ?? job.totalBytes
    if (total === null || total <= 0) {
      aggregate.unknownSizeJobs++
      continue
    }
    aggregate.totalBytes += total
    aggregate.doneBytes += Math.min(total, Math.max(0, live?.doneBytes ?? job.doneBytes))
  }
  aggregate.progress = aggregate.totalBytes > 0 ? aggregate.doneBytes / aggregate.totalBytes : null
  return aggregate
}

/** Jobs that keep the app busy: running or waiting for a slot. Paused and failed jobs do not. */
export function runningJobCount(aggregate: DownloadsAggregate): number {
  return aggregate.active + aggregate.queued
}
