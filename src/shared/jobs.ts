import type { ErrorData } from './errors'
import type { VodFileReference } from './vod'

/**
 * Every state a download job can be in. The transitions between them live in one
 * function (src/main/engine/job-state.ts); the renderer only displays them.
 */
export const jobStates = [
  'queued',
  'probing',
  'downloading',
  'refreshing',
  'retrying',
  'verifying',
  'completed',
  'paused',
  'failed',
  'canceled',
] as const

export type JobState = (typeof jobStates)[number]

/** States in which a job holds a slot and may be moving bytes. */
export const activeJobStates: ReadonlySet<JobState> = new Set<JobState>([
  'probing',
  'downloading',
  'refreshing',
  'retrying',
  'verifying',
])

export const terminalJobStates: ReadonlySet<JobState> = new Set<JobState>(['completed', 'canceled'])

/** A plain HTTP(S) URL: nothing can renew it, so an expired link fails with the bytes kept. */
export interface UrlSource {
  kind: 'url'
  url: string
  headers?: Record<string, string>
}

/** A file inside the VOD library: resolved to a fresh signed URL through the VOD API whenever needed. */
export interface VodSource {
  kind: 'vod'
  reference: VodFileReference
  /** Extra headers (a Referer for CDN addresses). */
  headers?: Record<string, string>
}

export type JobSource = UrlSource | VodSource

/** What the outside world sees of a job; also the payload of state events. */
export interface JobSnapshot {
  id: number
  batchId: number | null
  state: JobState
  source: JobSource
  /** A short human label for the source (the URL or "<media id> · <file>"). */
  label: string
  directory: string
  /** Final file name relative to `directory` (may contain sub-folders made by a template). */
  fileName: string
  totalBytes: number | null
  doneBytes: number
  connections: number
  priority: number
  /** Place in the queue among jobs of the same priority (lower starts first). */
  position: number
  attempts: number
  error: ErrorData | null
  /** Epoch ms at which a job in `retrying` tries again. */
  nextAttemptAt: number | null
  createdAt: number
  updatedAt: number
  completedAt: number | null
}

/** Live transfer figures for a running job, sent at most 10 times a second. */
export interface JobProgress {
  id: number
  doneBytes: number
  totalBytes: number | null
  /** Bytes per second, moving average. */
  speed: number
  /** Seconds left at the current speed, or null while unknown. */
  etaSeconds: number | null
  activeConnections: number
}
