import type { JobRecord, JobRepository } from '../database/job-repository'
import { sizeClassOf } from './small-file-lane'

/** What the scheduler needs to know of a running job. */
export interface LaneMember {
  /** Runs in the small-file lane (known small before starting, or found small while probing). */
  small: boolean
}

export interface JobSchedulerDependencies {
  /** The head of the queue: the first queued jobs in queue order. */
  queue: Pick<JobRepository, 'queuedRecords'>
  /** The jobs this process runs now (the scheduler only reads it). */
  running: ReadonlyMap<number, LaneMember>
  /** Live settings: the large lane's size and what counts as a small file may change. */
  settings: { readonly maxConcurrentJobs: number; readonly smallFileBytes: number }
  /** How many small files may run at once (adapts to their throughput). */
  smallLimit: () => number
  /**
   * The only jobs this process runs, when it is a command (undefined: every job). The head of
   * the queue is read among them, so every job in it is this process's to start: a command's jobs may wait behind more than a head's worth of
   * jobs that are not its own (the app's queue, a killed command's list).
   */
  scope: () => readonly number[] | undefined
  /**
   * Claims and starts a job in a lane (checking in the database that it is still queued and
   * nobody else holds it); false when it could not be started here.
   */
  launch: (record: JobRecord, small: boolean) => boolean
  /**
   * Runs the claims of one pass in one database transaction: when several small files end
   * together, the jobs that take their places are claimed with one commit.
   */
  together: (work: () => void) => void
}

/** How many queued jobs one read of the queue's head holds. */
export const queueHeadSize = 256

/**
 * Which queued jobs start, in two lanes: up to `maxConcurrentJobs` large files, and a small-file
 * lane (sized by its own throughput) so thousands of covers and snapshots flow past a few big
 * videos.
 *
 * It reads the head of the queue once and starts jobs from that copy until it runs out or
 * the queue changes: with thousands of small files, one read per finished file was a tenth of
 * the lane's time. The copy may be out of date (another process started, paused or removed a
 * job), which costs nothing: starting a job checks its row in the claim's transaction, and the
 * job manager marks the copy stale when this process changes the queue and once a second for
 * what other processes did.
 */
export class JobScheduler {
  /** Queued jobs in queue order, as last read; undefined when it must be read again. */
  private head: JobRecord[] | undefined
  /** The last read returned every queued job (fewer than it asked for). */
  private headHoldsWholeQueue = false
  /** The last read found no large job in the head: a free large slot needs no new read. */
  private noLargeJobQueued = false

  constructor(private readonly dependencies: JobSchedulerDependencies) {}

  /** The queue changed (jobs added, resumed, put back or reordered): read its head again. */
  queueChanged(): void {
    this.head = undefined
    this.noLargeJobQueued = false
  }

  /** Every large slot is taken (a job found large while probing must wait for one). */
  largeLaneFull(): boolean {
    let large = 0
    for (const other of this.dependencies.running.values()) if (!other.small) large += 1
    return large >= this.dependencies.settings.maxConcurrentJobs
  }

  /** Starts queued jobs in order while a lane has a free slot. */
  fillSlots(): void {
    const { running, settings, smallLimit } = this.dependencies
    let large = 0
    let small = 0
    for (const member of running.values()) {
      if (member.small) small += 1
      else large += 1
    }
    const largeRoom = (): boolean => large < settings.maxConcurrentJobs
    const smallRoom = (): boolean => small < smallLimit()
    if (!largeRoom() && !smallRoom()) return
    let fresh = this.head === undefined
    let head = this.head ?? this.readHead()
    for (;;) {
      let waiting = { small: 0, large: 0 }
      const start = (): void => {
        waiting = this.startFrom(head, largeRoom, smallRoom, (isSmall) => {
          if (isSmall) small += 1
          else large += 1
        })
      }
      // No transaction for a pass that starts nothing (full lanes, every job running).
      if (this.firstStartable(head, largeRoom, smallRoom)) this.dependencies.together(start)
      else start()
      // Read the queue again only when a lane with room has no job left in the copy and the
      // queue may hold more than the copy did; not for a free large slot when the last read
      // found no large job (thousands of small files finishing one by one), and at most once
      // per pass.
      const wantMore =
        (smallRoom() && waiting.small === 0) ||
        (largeRoom() && waiting.large === 0 && !this.noLargeJobQueued)
      if (fresh || !wantMore || this.headHoldsWholeQueue) break
      fresh = true
      head = this.readHead()
    }
  }

  private readHead(): JobRecord[] {
    const head = this.dependencies.queue.queuedRecords(queueHeadSize, this.dependencies.scope())
    this.headHoldsWholeQueue = head.length < queueHeadSize
    this.noLargeJobQueued = head.every((record) => this.runsSmall(record))
    this.head = head
    return head
  }

  /** Whether the copy holds a job this process could start now. */
  private firstStartable(
    head: readonly JobRecord[],
    largeRoom: () => boolean,
    smallRoom: () => boolean,
  ): boolean {
    const { running } = this.dependencies
    return head.some(
      (record) => !running.has(record.id) && (this.runsSmall(record) ? smallRoom() : largeRoom()),
    )
  }

  /**
   * Whether a queued job starts in the small-file lane. Files of unknown size are probed there:
   * most turn out small, and one that turns out large moves to the large lane (or back to the
   * queue) right after.
   */
  private runsSmall(record: JobRecord): boolean {
    return sizeClassOf(record, this.dependencies.settings.smallFileBytes) !== 'large'
  }

  /**
   * Starts jobs from the copy of the head in order while their lane has room. A job that could
   * not be claimed leaves the copy (it is no longer queued, or another process holds it: the
   * next read brings it back if it is queued again). Returns how many jobs of each lane the
   * copy still holds for this process.
   */
  private startFrom(
    head: JobRecord[],
    largeRoom: () => boolean,
    smallRoom: () => boolean,
    onStarted: (small: boolean) => void,
  ): { small: number; large: number } {
    const { running, launch } = this.dependencies
    const waiting = { small: 0, large: 0 }
    let index = 0
    while (index < head.length && (largeRoom() || smallRoom())) {
      const record = head[index] as JobRecord
      if (running.has(record.id)) {
        // Running already (the copy is older than its start): never started twice.
        index += 1
        continue
      }
      const isSmall = this.runsSmall(record)
      if (isSmall ? !smallRoom() : !largeRoom()) {
        if (isSmall) waiting.small += 1
        else waiting.large += 1
        index += 1
        continue
      }
      head.splice(index, 1)
      if (launch(record, isSmall)) onStarted(isSmall)
    }
    return waiting
  }
}
