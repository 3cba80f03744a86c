import { compareJobQueueOrder, queueOrderChanged, referenceKey } from '../../../shared/contract'
import type { JobProgress, JobSnapshot } from '../../../shared/jobs'
import {
  filterOfState,
  isRunning,
  isUnfinished,
  jobFilters,
  matchesFilter,
  type JobFilter,
} from './job-filters'

/** One job as a row shows it: the last snapshot plus live figures while it runs. */
export interface JobView {
  readonly snapshot: JobSnapshot
  readonly progress: JobProgress | null
}

/** Figures for the footer, over every job in the list. */
export interface JobTotals {
  readonly counts: Readonly<Record<JobFilter, number>>
  /** Jobs moving bytes right now. */
  readonly running: number
  /** Bytes per second over all running jobs. */
  readonly speed: number
  /** Over unfinished jobs: bytes done and bytes expected (jobs with unknown size count as done). */
  readonly doneBytes: number
  readonly totalBytes: number
  readonly unknownSizes: number
  /** Seconds until the running jobs are done at their current speed; null while unknown. */
  readonly etaSeconds: number | null
  /** Every job but the canceled ones: files finished and in all, bytes done and expected. */
  readonly files: { readonly done: number; readonly total: number }
  readonly overallBytes: { readonly done: number; readonly total: number }
  /** Running jobs per lane: large files (limited by the setting) and small files (own lane). */
  readonly lanes: { readonly large: number; readonly small: number }
  /** Jobs that wait for the user or the queue. */
  readonly waiting: { readonly paused: number; readonly failed: number; readonly queued: number }
}

/** The engine's small-file threshold: files up to this size run in the small-file lane. */
export const smallFileBytes = 1024 * 1024

/**
 * Which lane a running job is in, as the engine decides it (`sizeClassOf`): by size when known;
 * a file of unknown size is probed in the small-file lane.
 */
export function laneOf(snapshot: JobSnapshot, progress: JobProgress | null): 'large' | 'small' {
  const size = progress?.totalBytes ?? snapshot.totalBytes
  return size === null || size <= smallFileBytes ? 'small' : 'large'
}

type Listener = () => void

/** Snapshots `applyChangedInSlices` applies in one task. */
export const snapshotsPerSlice = 500

function addListener(set: Set<Listener>, listener: Listener): () => void {
  set.add(listener)
  return () => {
    set.delete(listener)
  }
}

/**
 * The renderer's read model of the download queue. Main owns the truth and pushes events; this
 * store only patches. Listeners are split three ways so that a progress tick re-renders the one
 * row it concerns (and the footer), never the list: rows subscribe to their job id, the list to
 * membership and order, the footer to totals.
 */
export class JobsStore {
  readonly #views = new Map<number, JobView>()
  readonly #jobListeners = new Map<number, Set<Listener>>()
  readonly #listListeners = new Set<Listener>()
  readonly #totalsListeners = new Set<Listener>()
  readonly #idsByFilter = new Map<JobFilter, readonly number[]>()
  readonly #idByReference = new Map<string, number>()
  #totals: JobTotals | null = null
  #loaded = false
  /** Counts events, so a full reload can tell which entries changed while it was in flight. */
  #eventCounter = 0
  readonly #touchedAt = new Map<number, number>()
  readonly #removedAt = new Map<number, number>()

  // Bound methods: they are handed to useSyncExternalStore directly.
  readonly subscribeList = (listener: Listener): (() => void) =>
    addListener(this.#listListeners, listener)

  readonly subscribeTotals = (listener: Listener): (() => void) =>
    addListener(this.#totalsListeners, listener)

  readonly isLoaded = (): boolean => this.#loaded

  readonly getTotals = (): JobTotals => {
    this.#totals ??= this.#computeTotals()
    return this.#totals
  }

  subscribeJob(id: number, listener: Listener): () => void {
    let set = this.#jobListeners.get(id)
    if (!set) {
      set = new Set()
      this.#jobListeners.set(id, set)
    }
    const listeners = set
    listeners.add(listener)
    return () => {
      listeners.delete(listener)
      if (listeners.size === 0) this.#jobListeners.delete(id)
    }
  }

  getJob(id: number): JobView | undefined {
    return this.#views.get(id)
  }

  /** Job ids for a filter in queue order; the same array until membership or order changes. */
  getIds(filter: JobFilter): readonly number[] {
    let ids = this.#idsByFilter.get(filter)
    if (!ids) {
      ids = [...this.#views.values()]
        .map((view) => view.snapshot)
        .filter((snapshot) => matchesFilter(snapshot.state, filter))
        .sort(compareJobQueueOrder)
        .map((snapshot) => snapshot.id)
      this.#idsByFilter.set(filter, ids)
    }
    return ids
  }

  /** The newest job for a file, by `referenceKey`, or undefined when it was never queued. */
  getJobIdForReference(key: string): number | undefined {
    return this.#idByReference.get(key)
  }

  /** Marks the start of a full reload; pass the answer to `replaceAll` with this mark. */
  beginSync(): number {
    return this.#eventCounter
  }

  /**
   * Replaces the whole list with a `downloads.list` answer, keeping whatever events changed
   * after `since` (the answer may be older than events that overtook it).
   */
  replaceAll(snapshots: readonly JobSnapshot[], since: number): void {
    const incoming = new Map(snapshots.map((snapshot) => [snapshot.id, snapshot]))
    const changed = new Set<number>()
    const lists = new ListChange()
    if (!this.#loaded) lists.everything()
    for (const id of [...this.#views.keys()]) {
      if (!incoming.has(id) && (this.#touchedAt.get(id) ?? -1) <= since) {
        const removed = this.#views.get(id)
        this.#views.delete(id)
        changed.add(id)
        if (removed) lists.removed(removed.snapshot)
      }
    }
    for (const snapshot of snapshots) {
      if ((this.#removedAt.get(snapshot.id) ?? -1) > since) continue
      this.#put(snapshot, lists)
      changed.add(snapshot.id)
    }
    this.#touchedAt.clear()
    this.#removedAt.clear()
    this.#loaded = true
    this.#notify(changed, lists)
  }

  /** Applies `jobs.changed`: full snapshots of added or changed jobs. */
  applyChanged(snapshots: readonly JobSnapshot[]): void {
    this.#eventCounter += 1
    const changed = new Set<number>()
    const lists = new ListChange()
    for (const snapshot of snapshots) {
      const existing = this.#views.get(snapshot.id)
      // An older snapshot can arrive after a newer one (a details answer, a slow reload).
      if (existing && existing.snapshot.updatedAt > snapshot.updatedAt) continue
      this.#touchedAt.set(snapshot.id, this.#eventCounter)
      this.#removedAt.delete(snapshot.id)
      this.#put(snapshot, lists)
      changed.add(snapshot.id)
    }
    this.#notify(changed, lists)
  }

  /** Applies `jobs.progress`: only running jobs take live figures, stale ticks are ignored. */
  applyProgress(updates: readonly JobProgress[]): void {
    const changed = new Set<number>()
    for (const progress of updates) {
      const view = this.#views.get(progress.id)
      if (!view || !isRunning(view.snapshot.state)) continue
      this.#views.set(progress.id, { snapshot: view.snapshot, progress })
      changed.add(progress.id)
    }
    this.#notify(changed, new ListChange())
  }

  /**
   * Applies a large answer (the 5,000 jobs a batch just queued) a slice per task, so the window
   * renders between slices instead of holding one long frame; main's `jobs.changed` events come
   * in slices of the same size. A job removed meanwhile is not brought back by a later slice.
   */
  applyChangedInSlices(
    snapshots: readonly JobSnapshot[],
    later: (next: () => void) => void = (next) => setTimeout(next, 0),
  ): void {
    const since = this.#eventCounter
    const apply = (from: number): void => {
      const slice = snapshots
        .slice(from, from + snapshotsPerSlice)
        .filter((snapshot) => (this.#removedAt.get(snapshot.id) ?? -1) <= since)
      this.applyChanged(slice)
      if (from + snapshotsPerSlice < snapshots.length) later(() => apply(from + snapshotsPerSlice))
    }
    apply(0)
  }

  /** Applies `jobs.removed`. */
  applyRemoved(ids: readonly number[]): void {
    this.#eventCounter += 1
    const changed = new Set<number>()
    const lists = new ListChange()
    for (const id of ids) {
      this.#removedAt.set(id, this.#eventCounter)
      this.#touchedAt.delete(id)
      const removed = this.#views.get(id)
      if (!removed) continue
      this.#views.delete(id)
      changed.add(id)
      lists.removed(removed.snapshot)
    }
    this.#notify(changed, lists)
  }

  /** Stores a snapshot and notes which filtered lists it changes. */
  #put(snapshot: JobSnapshot, lists: ListChange): void {
    const existing = this.#views.get(snapshot.id)
    const progress = existing && isRunning(snapshot.state) ? existing.progress : null
    this.#views.set(snapshot.id, { snapshot, progress })
    if (!existing) lists.added(snapshot)
    else if (queueOrderChanged(existing.snapshot, snapshot)) lists.everything()
    else lists.moved(filterOfState(existing.snapshot.state), filterOfState(snapshot.state))
  }

  #notify(changed: ReadonlySet<number>, lists: ListChange): void {
    if (changed.size === 0 && lists.isEmpty()) return
    this.#totals = null
    for (const filter of lists.filters) this.#idsByFilter.delete(filter)
    // A job's reference never changes: only added or removed jobs change the index.
    if (lists.jobsRemoved) this.#rebuildReferenceIndex()
    else for (const snapshot of lists.jobsAdded) this.#indexReference(snapshot)
    const listeners: Listener[] = []
    for (const id of changed) listeners.push(...(this.#jobListeners.get(id) ?? []))
    if (!lists.isEmpty()) listeners.push(...this.#listListeners)
    listeners.push(...this.#totalsListeners)
    for (const listener of listeners) listener()
  }

  #rebuildReferenceIndex(): void {
    this.#idByReference.clear()
    for (const { snapshot } of this.#views.values()) this.#indexReference(snapshot)
  }

  #indexReference(snapshot: JobSnapshot): void {
    if (snapshot.source.kind !== 'vod') return
    const key = referenceKey(snapshot.source.reference)
    const current = this.#idByReference.get(key)
    if (current === undefined || current < snapshot.id) this.#idByReference.set(key, snapshot.id)
  }

  #computeTotals(): JobTotals {
    const counts = Object.fromEntries(jobFilters.map((filter) => [filter, 0])) as Record<
      JobFilter,
      number
    >
    let running = 0
    let speed = 0
    let doneBytes = 0
    let totalBytes = 0
    let unknownSizes = 0
    const files = { done: 0, total: 0 }
    const overallBytes = { done: 0, total: 0 }
    const lanes = { large: 0, small: 0 }
    const waiting = { paused: 0, failed: 0, queued: 0 }
    let runningLeft = 0
    let runningUnknown = false
    for (const { snapshot, progress } of this.#views.values()) {
      counts.all += 1
      counts[filterOfState(snapshot.state)] += 1
      if (isRunning(snapshot.state)) {
        running += 1
        speed += progress?.speed ?? 0
        lanes[laneOf(snapshot, progress)] += 1
        const size = progress?.totalBytes ?? snapshot.totalBytes
        if (size === null) runningUnknown = true
        else runningLeft += Math.max(0, size - (progress?.doneBytes ?? snapshot.doneBytes))
      }
      if (snapshot.state === 'paused') waiting.paused += 1
      else if (snapshot.state === 'failed') waiting.failed += 1
      else if (snapshot.state === 'queued') waiting.queued += 1
      if (snapshot.state !== 'canceled') {
        files.total += 1
        if (snapshot.state === 'completed') files.done += 1
        const done = progress?.doneBytes ?? snapshot.doneBytes
        overallBytes.done += done
        overallBytes.total += Math.max(progress?.totalBytes ?? snapshot.totalBytes ?? done, done)
      }
      if (!isUnfinished(snapshot.state)) continue
      const done = progress?.doneBytes ?? snapshot.doneBytes
      const total = progress?.totalBytes ?? snapshot.totalBytes
      doneBytes += done
      if (total === null) unknownSizes += 1
      else totalBytes += Math.max(total, done)
      if (total === null) totalBytes += done
    }
    // The ETA is of what runs now, at the speed of what runs now.
    const etaSeconds = speed > 0 && !runningUnknown ? runningLeft / speed : null
    return {
      counts,
      running,
      speed,
      doneBytes,
      totalBytes,
      unknownSizes,
      etaSeconds,
      files,
      overallBytes,
      lanes,
      waiting,
    }
  }
}

/**
 * Which filtered id lists a batch of changes touches. A job that only changes state moves
 * between two filters: the "all" list (the one usually on screen) keeps its array, so the list
 * does not re-render while thousands of small files finish.
 */
class ListChange {
  readonly filters = new Set<JobFilter>()
  readonly jobsAdded: JobSnapshot[] = []
  jobsRemoved = false

  added(snapshot: JobSnapshot): void {
    this.jobsAdded.push(snapshot)
    this.#touch('all', filterOfState(snapshot.state))
  }

  removed(snapshot: JobSnapshot): void {
    this.jobsRemoved = true
    this.#touch('all', filterOfState(snapshot.state))
  }

  moved(from: JobFilter, to: JobFilter): void {
    if (from !== to) this.#touch(from, to)
  }

  /** Order changed (or the first load): every list is rebuilt. */
  everything(): void {
    this.#touch(...jobFilters)
  }

  isEmpty(): boolean {
    return this.filters.size === 0
  }

  #touch(...filters: Array<JobFilter | null>): void {
    for (const filter of filters) if (filter !== null) this.filters.add(filter)
  }
}
