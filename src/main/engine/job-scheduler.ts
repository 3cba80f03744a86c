import type { JobRepository } from '../database/job-repository'
import { sizeClassOf, type SizeClass } from './small-file-lane'

/** What the scheduler needs to know of a running job. */
export interface LaneMember {
  /** Runs in the small-file lane (known small before starting, or found small while probing). */
  small: boolean
}

export interface JobSchedulerDependencies {
  /** Ids of queued jobs in queue order, a page at a time, and one job's row. */
  queue: Pick<JobRepository, 'idsInStates' | 'get'>
  /** The jobs this process runs now (the scheduler only reads it). */
  running: ReadonlyMap<number, LaneMember>
  /** Live settings: the large lane's size and what counts as a small file may change. */
  settings: { readonly maxConcurrentJobs: number; readonly smallFileBytes: number }
  /** How many small files may run at once (adapts to their throughput). */
  smallLimit: () => number
  /** Whether this process may run the job at all (a command runs only its own). */
  inScope: (id: number) => boolean
  /** Claims and starts a job in a lane; false when it could not be started here. */
  launch: (id: number, small: boolean) => boolean
}

/** Most queued ids one round looks at: the head of a queue of thousands is enough. */
const maximumScanned = 256

/**
 * Which queued jobs start, in two lanes: up to `maxConcurrentJobs` large files, and a small-file
 * lane (sized by its own throughput) so thousands of covers and snapshots flow past a few big
 * videos. It pages through the head of the queue and remembers, until the queue changes, that
 * no large job is waiting.
 */
export class JobScheduler {
  private noLargeJobQueued = false
  /** Size classes of queued jobs (forgotten when a job starts: probing may change it). */
  private readonly queuedSizeClasses = new Map<number, SizeClass>()

  constructor(private readonly dependencies: JobSchedulerDependencies) {}

  /** The queue changed (jobs added, resumed or put back): large jobs may be waiting again. */
  queueChanged(): void {
    this.noLargeJobQueued = false
  }

  /** A job left the list: its remembered size class goes too. */
  forget(id: number): void {
    this.queuedSizeClasses.delete(id)
  }

  /** Every large slot is taken (a job found large while probing must wait for one). */
  largeLaneFull(): boolean {
    let large = 0
    for (const other of this.dependencies.running.values()) if (!other.small) large += 1
    return large >= this.dependencies.settings.maxConcurrentJobs
  }

  /** Starts queued jobs in order while a lane has a free slot. */
  fillSlots(): void {
    const { running, settings, smallLimit, queue } = this.dependencies
    let large = 0
    let small = 0
    for (const member of running.values()) {
      if (member.small) small += 1
      else large += 1
    }
    // When the last look at the queue's head found no large job, a free large slot is no reason
    // to look again until the queue changes (thousands of small files finishing one by one).
    const largeRoom = (): boolean => large < settings.maxConcurrentJobs && !this.noLargeJobQueued
    const smallRoom = (): boolean => small < smallLimit()
    let sawLarge = false
    // Page through the head of the queue: with thousands of queued files only the first pages are
    // read, and a full lane never blocks the other (small files keep flowing past large ones).
    // A page is about as long as the free slots: when one small file ends, a few ids are read,
    // not 64 (that read, once per finished file, was a tenth of the small-file lane's time).
    const freeSlots = (): number =>
      (largeRoom() ? settings.maxConcurrentJobs - large : 0) +
      (smallRoom() ? smallLimit() - small : 0)
    // Jobs launched from a page leave the queue, so the next page starts after the skipped ones.
    let offset = 0
    let scanned = 0
    while (scanned < maximumScanned && (largeRoom() || smallRoom())) {
      const page = Math.min(64, freeSlots() + 8)
      const ids = queue.idsInStates(['queued'], page, offset)
      scanned += ids.length
      for (const id of ids) {
        if (!largeRoom() && !smallRoom()) break
        if (this.tryLaunch(id, largeRoom, smallRoom, () => (sawLarge = true))) {
          if (running.get(id)?.small) small += 1
          else large += 1
        } else {
          offset += 1
        }
      }
      if (ids.length < page) break
    }
    if (!sawLarge && large < settings.maxConcurrentJobs) {
      this.noLargeJobQueued = true
    }
  }

  /** Launches a queued job in its lane when that lane has room; false when it stays queued. */
  private tryLaunch(
    id: number,
    largeRoom: () => boolean,
    smallRoom: () => boolean,
    onLargeSeen: () => void,
  ): boolean {
    if (this.dependencies.running.has(id) || !this.dependencies.inScope(id)) return false
    // Files of unknown size are probed in the small-file lane: most turn out small, and one
    // that turns out large moves to the large lane (or back to the queue) right after.
    const isSmall = this.queuedSizeClass(id) !== 'large'
    if (!isSmall) {
      onLargeSeen()
      // The remembered "no large job queued" was out of date: look at large slots again.
      this.noLargeJobQueued = false
    }
    if (isSmall ? !smallRoom() : !largeRoom()) return false
    if (!this.dependencies.launch(id, isSmall)) return false
    this.queuedSizeClasses.delete(id)
    return true
  }

  /**
   * The size class of a queued job, read from the database once and remembered while it waits:
   * the scheduler looks at the head of the queue after every finished file.
   */
  private queuedSizeClass(id: number): SizeClass {
    let sizeClass = this.queuedSizeClasses.get(id)
    if (sizeClass === undefined) {
      const record = this.dependencies.queue.get(id)
      sizeClass = record
        ? sizeClassOf(record, this.dependencies.settings.smallFileBytes)
        : 'unknown'
      this.queuedSizeClasses.set(id, sizeClass)
    }
    return sizeClass
  }
}
