import type { JobProgress, JobSnapshot } from '../../../../src/shared/jobs'
import type { Disposable } from '../../../../src/main/common/disposable'
import type { DownloadsChange, DownloadsFacade } from '../../../../src/main/desktop/downloads'

let nextJobId = 1

/** A job snapshot with sensible defaults. */
export function makeJob(patch: Partial<JobSnapshot> = {}): JobSnapshot {
  const id = patch.id ?? nextJobId++
  return {
    id,
    batchId: null,
    state: 'queued',
    source: { kind: 'url', url: `https://cdn.example.com/${id}.mp4` },
    label: `job ${id}`,
    directory: '/downloads',
    fileName: `clip-${id}.mp4`,
    totalBytes: 1000,
    doneBytes: 0,
    connections: 4,
    priority: 0,
    position: id,
    attempts: 0,
    error: null,
    nextAttemptAt: null,
    createdAt: 0,
    updatedAt: 0,
    completedAt: null,
    ...patch,
  }
}

export function makeProgress(patch: Partial<JobProgress> & { id: number }): JobProgress {
  return {
    doneBytes: 0,
    totalBytes: 1000,
    speed: 0,
    etaSeconds: null,
    activeConnections: 1,
    ...patch,
  }
}

/** An engine stand-in: tests push state and progress; calls are recorded. */
export class FakeDownloads implements DownloadsFacade {
  readonly calls: string[] = []
  private readonly listeners = new Set<(change: DownloadsChange) => void>()
  private readonly jobs = new Map<number, JobSnapshot>()
  shutdown?: () => Promise<void>

  constructor(initial: readonly JobSnapshot[] = []) {
    for (const job of initial) this.jobs.set(job.id, job)
  }

  list(): readonly JobSnapshot[] {
    return [...this.jobs.values()]
  }

  pauseAll(): void {
    this.calls.push('pauseAll')
  }

  resumeAll(): void {
    this.calls.push('resumeAll')
  }

  onChange(listener: (change: DownloadsChange) => void): Disposable {
    this.listeners.add(listener)
    return { dispose: () => this.listeners.delete(listener) }
  }

  get listenerCount(): number {
    return this.listeners.size
  }

  /** Emits a state change (and remembers the job). */
  state(job: JobSnapshot): JobSnapshot {
    this.jobs.set(job.id, job)
    this.emit({ kind: 'state', snapshot: job })
    return job
  }

  progress(...progress: JobProgress[]): void {
    this.emit({ kind: 'progress', progress })
  }

  removed(...ids: number[]): void {
    for (const id of ids) this.jobs.delete(id)
    this.emit({ kind: 'removed', ids })
  }

  private emit(change: DownloadsChange): void {
    for (const listener of [...this.listeners]) listener(change)
  }
}
