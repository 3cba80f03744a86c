import type { JobRecord } from '../database/job-repository'
import type { VodFileKind } from '../../shared/vod'

/** VOD files that are small by nature: covers, snapshots, sprite sheets and frames, thumbnails. */
const smallVodKinds: ReadonlySet<VodFileKind> = new Set<VodFileKind>([
  'cover',
  'snapshot',
  'sprite',
  'sprite-origin',
  'webvtt',
])

export type SizeClass = 'small' | 'large' | 'unknown'

/** What is known of a job's size before (or after) it is probed. */
export function sizeClassOf(record: JobRecord, smallFileBytes: number): SizeClass {
  const size = record.totalBytes ?? record.expectedSize
  if (size !== null) return size <= smallFileBytes ? 'small' : 'large'
  if (record.source.kind === 'vod' && smallVodKinds.has(record.source.reference.kind))
    return 'small'
  return 'unknown'
}

export interface SmallFileLaneOptions {
  initial: number
  minimum: number
  maximum: number
  step: number
  /** How long one throughput measurement lasts. */
  windowMs: number
}

export const defaultSmallFileLane: SmallFileLaneOptions = {
  initial: 16,
  minimum: 4,
  maximum: 64,
  step: 8,
  windowMs: 500,
}

/**
 * How many small files download at once. Thousands of covers and snapshots are limited by round
 * trips, not bandwidth, so they get a lane of their own, apart from the few large jobs. Its width
 * adapts: it grows while files per second keep rising and shrinks when they fall (the server or
 * the disk is saturated), like TCP's additive increase.
 */
export class SmallFileLane {
  private width: number
  private windowStart: number | undefined
  private completedInWindow = 0
  private previousRate = 0

  constructor(private readonly options: SmallFileLaneOptions = defaultSmallFileLane) {
    this.width = options.initial
  }

  /** The number of small files allowed to run at once right now. */
  get limit(): number {
    return this.width
  }

  /** A small file finished; at the end of each window the width is adjusted. */
  recordCompletion(now: number): void {
    this.windowStart ??= now
    this.completedInWindow += 1
    const elapsed = now - this.windowStart
    if (elapsed < this.options.windowMs) return
    const rate = (this.completedInWindow * 1000) / elapsed
    if (rate > this.previousRate * 1.05) {
      this.width = Math.min(this.options.maximum, this.width + this.options.step)
    } else if (rate < this.previousRate * 0.85) {
      this.width = Math.max(this.options.minimum, this.width - this.options.step)
    }
    this.previousRate = rate
    this.windowStart = now
    this.completedInWindow = 0
  }
}
