import { promises as fs } from 'node:fs'
import { randomUUID } from 'node:crypto'
import { AppError, toErrorData } from '../../shared/errors'
import type { JobProgress, JobSnapshot, JobSource, JobState } from '../../shared/jobs'
import { activeJobStates } from '../../shared/jobs'
import type { JobPatch, JobRecord, JobRepository } from '../database/job-repository'
import {
  attemptOutcome,
  completedOutcome,
  finalizeErrorOutcome,
  startOverPatch,
  stoppedBeforeVerifyingOutcome,
  unexpectedErrorOutcome,
  type AttemptOutcome,
  type OutcomeContext,
  type StopReason,
} from './attempt-outcome'
import type { Clock } from '../common/clock'
import { FolderCache } from './folder-cache'
import type { HttpClient } from './http-client'
import { recoveredState, transition } from './job-state'
import {
  heldStates,
  orphanVerdict,
  ownerIsAlive,
  systemProcessProbe,
  type ProcessProbe,
} from './job-ownership'
import { JobScheduler } from './job-scheduler'
import { LeaseKeeper } from './lease-keeper'
import { NameClaims } from './name-claims'
import type { Logger } from '../common/logger'
import type { SourceResolver } from './source'
import { SmallFileLane, sizeClassOf } from './small-file-lane'
import { SpeedMeter } from './speed-meter'
import { TokenBucket } from './token-bucket'
import { RowWriteBatch } from './row-write-batch'
import type { AttemptResult, TransferSettings } from './job-transfer'
import { fileTransferKind } from './transfer'
import type { JobTransfer, TransferKind } from './job-transfer'
import { TypedEmitter } from '../common/typed-emitter'

export interface EngineSettings extends TransferSettings {
  maxConcurrentJobs: number
  /** Connections a new job gets unless it asks otherwise (1–32). */
  connectionsPerJob: number
  /** Global limit in bytes per second; 0 = unlimited. */
  speedLimitBytesPerSecond: number
  /** Job-level attempts after temporary failures before a job is marked failed. */
  maxAttempts: number
  /** Delay before the first job-level retry (doubles each time, with jitter). */
  jobRetryBaseMs: number
  /** Times a job may start over after its content changed or failed verification. */
  maxContentRestarts: number
  /** How often progress events are sent (ms). 100 ms = at most 10 per second. */
  progressIntervalMs: number
}

export const defaultEngineSettings: EngineSettings = {
  maxConcurrentJobs: 3,
  connectionsPerJob: 8,
  speedLimitBytesPerSecond: 0,
  maxAttempts: 8,
  jobRetryBaseMs: 2_000,
  maxContentRestarts: 3,
  progressIntervalMs: 100,
  minPieceBytes: 1024 * 1024,
  checkpointIntervalMs: 500,
  stallTimeoutMs: 30_000,
  connectionRetries: 5,
  retryBaseMs: 500,
  writeBatchBytes: 256 * 1024,
  smallFileBytes: 1024 * 1024,
  rampUpMs: 150,
  fastConnectionBytesPerSecond: 64 * 1024 * 1024,
  diskReserveBytes: 16 * 1024 * 1024,
  ownershipMs: 60_000,
  // Far above any VOD master, far below a full disk.
  maxUnknownLengthBytes: 256 * 1024 ** 3,
}

export const maxConnectionsPerJob = 32

export interface NewJob {
  source: JobSource
  directory: string
  /** Relative file name chosen by the caller (a template may add sub-folders). */
  fileName?: string
  connections?: number
  priority?: number
  /** Identity the caller already knows (e.g. from the VOD API), checked at the end. */
  expected?: { size?: number; md5?: string; crc64?: string }
}

export interface EngineEvents extends Record<string, unknown> {
  /** A job's state or stored fields changed. */
  state: JobSnapshot
  /** Transfer figures of running jobs, at most once per progress interval. */
  progress: JobProgress[]
  removed: number[]
}

export interface JobManagerDependencies {
  repository: JobRepository
  resolvers: readonly SourceResolver[]
  http: HttpClient
  clock: Clock
  log: Logger
  settings?: Partial<EngineSettings>
  /** Kinds of download besides plain files (HLS), tried in order before the file kind. */
  transferKinds?: readonly TransferKind[]
  /** This process and the process table, for telling live holders of a job from dead ones. */
  processes?: ProcessProbe
}

/**
 * How often the manager looks at jobs other processes hold: it takes over the jobs of one that
 * died, renews its own claims, and (for a command waiting on its jobs) notices when another
 * process finished them.
 */
const maintenanceIntervalMs = 1_000

/** A retry whose process died is taken over this long after it was due. */
const retryGraceMs = 3_000

/** States of a job that still has work to do (waiting or running). */
const unfinishedStates: readonly JobState[] = ['queued', ...activeJobStates]

interface RunningJob {
  controller: AbortController
  stopReason: StopReason | undefined
  meter: SpeedMeter
  doneBytes: number
  totalBytes: number | null
  connections: number
  lastReportedBytes: number
  transfer: JobTransfer | undefined
  finished: Promise<void>
  /** Runs in the small-file lane (known small before starting, or found small while probing). */
  small: boolean
}

/**
 * The durable download job manager. Jobs live in SQLite and survive restarts and crashes; a
 * bounded number run at once, each through the explicit state machine in job-state.ts; every
 * attempt ends in a discriminated result handled by one exhaustive switch.
 */
export class JobManager {
  readonly events = new TypedEmitter<EngineEvents>()
  private readonly settings: EngineSettings
  private readonly limiter: TokenBucket
  private readonly running = new Map<number, RunningJob>()
  private readonly retryTimers = new Map<number, NodeJS.Timeout>()
  private readonly names = new NameClaims()
  /** Jobs found held by another live process, so the warning is printed once each. */
  private readonly reportedHeldElsewhere = new Set<number>()
  private readonly folders: FolderCache
  private readonly transferKinds: readonly TransferKind[]
  private readonly smallFiles = new SmallFileLane()
  private readonly scheduler: JobScheduler
  /** Small files' names and final rows, written together when several come in one turn. */
  private readonly rowWrites: RowWriteBatch
  private readonly labels = new WeakMap<JobSource, string>()
  private schedulePending = false
  private readonly ownerId = randomUUID()
  private readonly resolvers: Map<string, SourceResolver>
  private scope: Set<number> | undefined
  /** The same jobs as a list, for the scheduler's read of the queue. */
  private scopeIds: readonly number[] | undefined
  private started = false
  private stopping = false
  private progressTimer: NodeJS.Timeout | undefined
  private maintenanceTimer: NodeJS.Timeout | undefined
  private lastRenewal = 0
  /** updatedAt of in-scope jobs another process runs, to announce their changes. */
  private readonly foreignVersions = new Map<number, number>()
  private readonly processes: ProcessProbe
  private idleWaiters: Array<() => void> = []

  constructor(private readonly dependencies: JobManagerDependencies) {
    this.settings = { ...defaultEngineSettings, ...dependencies.settings }
    this.limiter = new TokenBucket({
      bytesPerSecond: this.settings.speedLimitBytesPerSecond,
      clock: dependencies.clock,
    })
    this.folders = new FolderCache(dependencies.clock)
    this.transferKinds = dependencies.transferKinds ?? []
    this.resolvers = new Map(dependencies.resolvers.map((resolver) => [resolver.kind, resolver]))
    this.processes = dependencies.processes ?? systemProcessProbe
    this.rowWrites = new RowWriteBatch((rows) => dependencies.repository.updateMany(rows))
    this.scheduler = new JobScheduler({
      queue: dependencies.repository,
      running: this.running,
      settings: this.settings,
      smallLimit: () => this.smallFiles.limit,
      scope: () => this.scopeIds,
      launch: (record, small) => this.launch(record.id, small),
      together: (work) => dependencies.repository.transaction(work),
    })
  }

  get currentSettings(): Readonly<EngineSettings> {
    return this.settings
  }

  /** Adds one job in the queued state. */
  add(job: NewJob): JobSnapshot {
    return this.addMany([job])[0] as JobSnapshot
  }

  /** Adds many jobs in one transaction, optionally as a named batch. */
  addMany(jobs: readonly NewJob[], batchLabel?: string): JobSnapshot[] {
    const { repository, clock } = this.dependencies
    for (const job of jobs) this.validate(job)
    const now = clock.now()
    const records = repository.transaction(() => {
      const batchId = batchLabel === undefined ? null : repository.createBatch(batchLabel, now)
      return repository.insertMany(
        jobs.map((job) => ({
          batchId,
          state: 'queued' as const,
          source: job.source,
          directory: job.directory,
          requestedName: job.fileName ?? null,
          connections: Math.min(
            maxConnectionsPerJob,
            Math.max(1, job.connections ?? this.settings.connectionsPerJob),
          ),
          priority: job.priority ?? 0,
          expectedSize: job.expected?.size ?? null,
          expectedMd5: job.expected?.md5 ?? null,
          expectedCrc64: job.expected?.crc64 ?? null,
          createdAt: now,
        })),
      )
    })
    const snapshots = records.map((record) => this.snapshot(record))
    for (const snapshot of snapshots) this.events.emit('state', snapshot)
    this.scheduler.queueChanged()
    this.schedule()
    return snapshots
  }

  private validate(job: NewJob): void {
    if (!this.resolvers.has(job.source.kind)) {
      throw new AppError('InvalidInput', `no resolver for sources of kind "${job.source.kind}"`)
    }
    if (job.source.kind === 'url') {
      let url: URL
      try {
        url = new URL(job.source.url)
      } catch {
        throw new AppError('InvalidInput', `not a URL: ${job.source.url}`)
      }
      if (url.protocol !== 'http:' && url.protocol !== 'https:') {
        throw new AppError(
          'InvalidInput',
          `only http and https URLs can be downloaded (${url.protocol})`,
        )
      }
    }
    if (!job.directory) throw new AppError('InvalidInput', 'no download folder given')
  }

  get(id: number): JobSnapshot | undefined {
    const record = this.dependencies.repository.get(id)
    return record ? this.snapshot(record) : undefined
  }

  /** The jobs of `ids` that exist, each with the other live process that holds it, if any. */
  lookup(
    ids: readonly number[],
  ): Array<{ job: JobSnapshot; heldBy: { pid: number | null; host: string | null } | undefined }> {
    return this.dependencies.repository.getMany(ids).map((record) => ({
      job: this.snapshot(record),
      heldBy: this.heldElsewhere(record)
        ? { pid: record.ownerPid, host: record.ownerHost }
        : undefined,
    }))
  }

  list(): JobSnapshot[] {
    return this.dependencies.repository.list().map((record) => this.snapshot(record))
  }

  /** The other live process that holds a job, if any (its pid and host). */
  foreignOwner(id: number): { pid: number | null; host: string | null } | undefined {
    return this.lookup([id])[0]?.heldBy
  }

  /** Live figures for a running job (undefined when it is not running here). */
  progress(id: number): JobProgress | undefined {
    const running = this.running.get(id)
    return running ? this.progressOf(id, running) : undefined
  }

  /**
   * Makes jobs that were running when the last process died resumable, then starts scheduling.
   * With `only`, this process runs just those jobs (the CLI); otherwise every queued job.
   */
  start(options: { only?: readonly number[] } = {}): void {
    if (this.started) return
    this.started = true
    this.scope = options.only ? new Set(options.only) : undefined
    this.scopeIds = options.only ? [...options.only] : undefined
    this.names.restore(this.dependencies.repository.heldNames())
    this.progressTimer = setInterval(() => this.reportProgress(), this.settings.progressIntervalMs)
    this.progressTimer.unref()
    this.maintenanceTimer = setInterval(() => this.maintain(), maintenanceIntervalMs)
    this.maintenanceTimer.unref()
    this.maintain()
  }

  /**
   * Every second: renews this process's claims, takes over jobs whose process died (a killed
   * `vod-dl`, an app that crashed, a retry nobody will fire), notices what other processes did to
   * the jobs this one waits for, and schedules. Runs on start too, where it is the crash recovery.
   * A database that stays busy past the timeout only skips a round: nothing escapes a timer.
   */
  private maintain(): void {
    if (this.stopping) return
    try {
      this.renewClaims()
      this.requeueOrphans()
      this.announceForeignChanges()
    } catch (error) {
      this.dependencies.log.warn(`job database: ${describeError(error)}; trying again in 1 s`)
    }
    // Other processes may have added, resumed or reordered jobs: the scheduler's copy of the
    // queue's head is read again.
    this.scheduler.queueChanged()
    this.schedule()
  }

  /** Keeps this process's claims fresh for holders on other machines, which judge by time. */
  private renewClaims(): void {
    const { repository, clock } = this.dependencies
    const now = clock.now()
    if (this.running.size === 0 || now - this.lastRenewal < this.settings.ownershipMs / 4) return
    this.lastRenewal = now
    repository.renewOwnership(this.ownerId, now + this.settings.ownershipMs)
  }

  private requeueOrphans(): void {
    const { repository, clock, log } = this.dependencies
    // One IMMEDIATE transaction: reading who holds a job and taking it back is one step, so two
    // processes never both take over the same job, and a job claimed meanwhile is left alone.
    const requeued = repository.transaction(() => {
      const now = clock.now()
      const taken: Array<JobRecord & { nextAttemptAtBefore: number | null }> = []
      for (const record of repository.recordsInStates([...heldStates, 'retrying'])) {
        const verdict = orphanVerdict(record, {
          now,
          probe: this.processes,
          self: this.ownerId,
          runningHere: this.running.has(record.id),
          retryTimerHere: this.retryTimers.has(record.id),
          retryGraceMs,
        })
        if (verdict !== 'requeue') continue
        const patch = {
          state: recoveredState(record.state),
          owner: null,
          ownerPid: null,
          ownerHost: null,
          ownerUntil: null,
          nextAttemptAt: null,
          updatedAt: now,
        } satisfies JobPatch
        repository.update(record.id, patch)
        taken.push({ ...record, ...patch, nextAttemptAtBefore: record.nextAttemptAt })
      }
      return taken
    })
    for (const record of requeued) {
      log.info(
        record.nextAttemptAtBefore === null
          ? `job ${record.id}: its process ended while it was running; back in the queue with its bytes`
          : `job ${record.id}: its next attempt is due; back in the queue`,
      )
      this.foreignVersions.delete(record.id)
      this.events.emit('state', this.snapshot(record))
    }
    if (requeued.length > 0) this.scheduler.queueChanged()
  }

  /**
   * A command waits for its own jobs even when another process (the app) runs some of them; it
   * hears nothing from that process, so it reads their rows and announces what changed.
   */
  private announceForeignChanges(): void {
    const scopeIds = this.scopeIds
    if (scopeIds === undefined || this.idleWaiters.length === 0) return
    const { repository } = this.dependencies
    // Change times first (no row decoded); whole rows only for the jobs that changed.
    for (const { id, updatedAt } of repository.versionsAmong(scopeIds)) {
      if (this.running.has(id)) continue
      const seen = this.foreignVersions.get(id)
      if (seen === updatedAt) continue
      this.foreignVersions.set(id, updatedAt)
      if (seen === undefined) continue
      const record = repository.get(id)
      if (record) this.events.emit('state', this.snapshot(record))
    }
  }

  /** Pauses every running job (their progress is flushed) and stops scheduling. */
  async stop(): Promise<void> {
    this.stopping = true
    for (const timer of this.retryTimers.values()) clearTimeout(timer)
    this.retryTimers.clear()
    if (this.maintenanceTimer) clearInterval(this.maintenanceTimer)
    const finished = [...this.running.values()].map((running) => {
      running.stopReason ??= 'shutdown'
      running.controller.abort(new AppError('Canceled', 'shutting down'))
      return running.finished
    })
    await Promise.all(finished)
    if (this.progressTimer) clearInterval(this.progressTimer)
    this.limiter.setRate(0)
  }

  /**
   * Drops every open connection and starts the running jobs again from their checkpoints, e.g.
   * after the computer wakes up (its sockets are dead, its leases may have expired). Bytes are
   * kept; the jobs go back to the queue and restart at once.
   */
  reconnect(): void {
    for (const running of this.running.values()) {
      running.stopReason ??= 'shutdown'
      running.controller.abort(new AppError('NetworkError', 'reconnecting'))
    }
  }

  /** Resolves once nothing in scope is queued, running or waiting to retry. */
  waitForIdle(): Promise<void> {
    if (this.isIdle()) return Promise.resolve()
    // While someone waits, the maintenance timer keeps the process alive: the wait may end only
    // when another process finishes a job or dies, which no event of ours will announce.
    this.maintenanceTimer?.ref()
    return new Promise((resolve) => this.idleWaiters.push(resolve))
  }

  /**
   * Nothing left that this manager runs or waits for. A command (with a scope) waits for every
   * job it was given until each has ended, whichever process runs it; the app does not wait for
   * jobs another live process holds.
   */
  private isIdle(): boolean {
    if (this.running.size > 0 || this.retryTimers.size > 0) return false
    const { repository } = this.dependencies
    if (this.scope !== undefined) {
      return !repository.idsInStates(unfinishedStates).some((id) => this.inScope(id))
    }
    for (const id of repository.idsInStates(unfinishedStates)) {
      const record = repository.get(id)
      if (record && !this.heldElsewhere(record)) return false
    }
    return true
  }

  private notifyIdle(): void {
    if (this.idleWaiters.length === 0) return
    let idle: boolean
    try {
      idle = this.isIdle()
    } catch (error) {
      this.dependencies.log.warn(`job database: ${describeError(error)}`)
      return
    }
    if (!idle) return
    const waiters = this.idleWaiters
    this.idleWaiters = []
    this.maintenanceTimer?.unref()
    for (const resolve of waiters) resolve()
  }

  /** Another live process (the app, another `vod-dl`) holds the job. */
  private heldElsewhere(record: JobRecord): boolean {
    return ownerIsAlive(record, this.dependencies.clock.now(), this.processes, this.ownerId)
  }

  private inScope(id: number): boolean {
    return this.scope === undefined || this.scope.has(id)
  }

  updateSettings(
    patch: Partial<
      Pick<EngineSettings, 'maxConcurrentJobs' | 'connectionsPerJob' | 'speedLimitBytesPerSecond'>
    >,
  ): void {
    if (patch.maxConcurrentJobs !== undefined) {
      this.settings.maxConcurrentJobs = Math.max(1, Math.floor(patch.maxConcurrentJobs))
    }
    if (patch.connectionsPerJob !== undefined) {
      this.settings.connectionsPerJob = Math.min(
        maxConnectionsPerJob,
        Math.max(1, Math.floor(patch.connectionsPerJob)),
      )
    }
    if (patch.speedLimitBytesPerSecond !== undefined) {
      this.settings.speedLimitBytesPerSecond = Math.max(0, patch.speedLimitBytesPerSecond)
      this.limiter.setRate(this.settings.speedLimitBytesPerSecond)
    }
    this.schedule()
  }

  /**
   * Pauses a job. A running one is stopped, its progress flushed; the promise resolves once its
   * attempt has unwound (its state stored, its files closed, no longer running here), so the
   * caller may remove it or touch its files. Never rejects; an unknown id throws at once.
   */
  pause(id: number): Promise<void> {
    const record = this.require(id)
    const running = this.running.get(id)
    if (running) {
      running.stopReason = 'pause'
      running.controller.abort(new AppError('Canceled', 'paused'))
      return running.finished
    }
    if (record.state === 'queued' || record.state === 'retrying') {
      this.clearRetry(id)
      this.setState(record, 'paused', { nextAttemptAt: null })
    }
    return Promise.resolve()
  }

  resume(id: number): void {
    const record = this.require(id)
    if (record.state === 'paused' || record.state === 'failed') {
      this.setState(record, 'queued', {
        errorCode: null,
        errorDetail: null,
        attempts: 0,
        nextAttemptAt: null,
      })
      this.schedule()
    } else if (record.state === 'retrying') {
      this.clearRetry(id)
      this.setState(record, 'queued', { nextAttemptAt: null })
      this.schedule()
    }
  }

  /**
   * A failed job starts again (keeping its bytes). A canceled one starts over from byte 0: its
   * partial file went when it was canceled, so nothing of its progress may be trusted.
   */
  retry(id: number): void {
    const record = this.require(id)
    if (record.state !== 'canceled') {
      this.resume(id)
      return
    }
    const startOver = startOverPatch(0)
    this.dependencies.repository.saveProgress(id, [], startOver)
    this.setState({ ...record, ...startOver }, 'queued', {
      errorCode: null,
      errorDetail: null,
      attempts: 0,
      nextAttemptAt: null,
    })
    this.schedule()
  }

  /** Stops a job and deletes its partial file; a completed file is left alone. */
  cancel(id: number): void {
    const record = this.require(id)
    const running = this.running.get(id)
    if (running) {
      running.stopReason = 'cancel'
      running.controller.abort(new AppError('Canceled'))
      return
    }
    if (record.state === 'completed' || record.state === 'canceled') return
    this.clearRetry(id)
    this.setState(record, 'canceled', { nextAttemptAt: null })
    void this.discardPartFile(record)
  }

  /** Forgets a job that is not running (canceling it first if needed). */
  remove(id: number): void {
    const record = this.dependencies.repository.get(id)
    if (!record) return
    if (this.running.has(id))
      throw new AppError('Busy', `job ${id} is running; cancel or pause it first`)
    if (record.state !== 'completed' && record.state !== 'canceled')
      void this.discardPartFile(record)
    this.clearRetry(id)
    this.names.release(record)
    this.dependencies.repository.delete(id)
    this.events.emit('removed', [id])
  }

  pauseAll(): void {
    for (const id of this.dependencies.repository.idsInStates(unfinishedStates)) void this.pause(id)
  }

  resumeAll(): void {
    for (const id of this.dependencies.repository.idsInStates(['paused'])) this.resume(id)
  }

  setPriority(id: number, priority: number): void {
    const record = this.require(id)
    this.dependencies.repository.update(id, { priority, updatedAt: this.dependencies.clock.now() })
    this.events.emit('state', this.snapshot({ ...record, priority }))
    this.scheduler.queueChanged()
    this.schedule()
  }

  /** Records that a finished job's file now lives elsewhere (it was moved, e.g. by an export). */
  relocate(id: number, directory: string, fileName: string): void {
    const record = this.require(id)
    if (record.state !== 'completed') throw new AppError('Busy', `job ${id} is not finished`)
    const patch = { directory, fileName, updatedAt: this.dependencies.clock.now() }
    this.dependencies.repository.update(id, patch)
    this.events.emit('state', this.snapshot({ ...record, ...patch }))
  }

  /** Moves a job within the queue order (among jobs of the same priority). */
  move(id: number, to: 'top' | 'up' | 'down' | 'bottom'): void {
    const { repository, clock } = this.dependencies
    // Ids and positions only: the rows of the moved job and its neighbour are all it decodes.
    const ordered = repository.queueOrder()
    const index = ordered.findIndex((item) => item.id === id)
    if (!ordered[index]) throw new AppError('NotFound', `job ${id}`)
    const record = this.require(id)
    // A loop, not Math.min(...): a spread of the 150,000 jobs a library backup leaves behind
    // overflows the stack.
    let first = Number.POSITIVE_INFINITY
    let last = Number.NEGATIVE_INFINITY
    for (const item of ordered) {
      first = Math.min(first, item.position)
      last = Math.max(last, item.position)
    }
    let position = record.position
    if (to === 'top') position = first - 1
    if (to === 'bottom') position = last + 1
    const next = to === 'up' ? ordered[index - 1] : to === 'down' ? ordered[index + 1] : undefined
    const neighbour = next ? this.require(next.id) : undefined
    if (neighbour) {
      repository.updateMany([
        { id: neighbour.id, patch: { position: record.position } },
        { id, patch: { position: neighbour.position } },
      ])
      this.events.emit('state', this.snapshot({ ...neighbour, position: record.position }))
      position = neighbour.position
    } else {
      repository.update(id, { position, updatedAt: clock.now() })
    }
    this.events.emit('state', this.snapshot({ ...record, position }))
    this.scheduler.queueChanged()
    this.schedule()
  }

  /**
   * Moves jobs, keeping their queue order among themselves, to the top, to the bottom or right
   * before another job (a drag in the list, "Move to top" on a selection). Like `move`, it
   * changes positions only, so it orders jobs of the same priority. One write for all of them.
   */
  reorder(ids: readonly number[], to: 'top' | 'bottom' | { before: number }): void {
    const { repository, clock } = this.dependencies
    const moving = new Set(ids)
    // Ids and positions only; whole rows just for the jobs that move.
    const ordered = repository.queueOrder()
    const rest = ordered.filter((item) => !moving.has(item.id))
    const rows = new Map(
      repository
        .getMany(ordered.filter((item) => moving.has(item.id)).map((item) => item.id))
        .map((record) => [record.id, record]),
    )
    const moved = ordered.flatMap((item) => rows.get(item.id) ?? [])
    if (moved.length === 0) return
    // A loop, not Math.min(...): a spread of 100,000 arguments overflows the stack.
    let first = Number.POSITIVE_INFINITY
    let last = Number.NEGATIVE_INFINITY
    for (const item of ordered) {
      first = Math.min(first, item.position)
      last = Math.max(last, item.position)
    }
    let low: number
    let high: number
    if (to === 'top') {
      high = first
      low = high - moved.length - 1
    } else if (to === 'bottom') {
      low = last
      high = low + moved.length + 1
    } else {
      const index = rest.findIndex((item) => item.id === to.before)
      const target = rest[index]
      if (!target) throw new AppError('NotFound', `job ${to.before}`)
      high = target.position
      low = rest[index - 1]?.position ?? high - moved.length - 1
    }
    // Evenly between the neighbours: positions are real numbers, so nothing else moves.
    const step = (high - low) / (moved.length + 1)
    const now = clock.now()
    const placed = moved.map((record, index) => ({
      ...record,
      position: low + step * (index + 1),
      updatedAt: now,
    }))
    repository.updateMany(
      placed.map((record) => ({
        id: record.id,
        patch: { position: record.position, updatedAt: record.updatedAt },
      })),
    )
    for (const record of placed) this.events.emit('state', this.snapshot(record))
    this.scheduler.queueChanged()
    this.schedule()
  }

  private require(id: number): JobRecord {
    const record = this.dependencies.repository.get(id)
    if (!record) throw new AppError('NotFound', `job ${id}`)
    return record
  }

  private clearRetry(id: number): void {
    const timer = this.retryTimers.get(id)
    if (timer) clearTimeout(timer)
    this.retryTimers.delete(id)
  }

  /**
   * Starts queued jobs in order while slots are free. Called from timers, settlements and
   * commands, so it never throws: a database another process keeps busy past the timeout is
   * logged, and the maintenance round a second later schedules again.
   */
  private schedule(): void {
    try {
      if (this.started && !this.stopping) this.scheduler.fillSlots()
    } catch (error) {
      this.dependencies.log.warn(`job database: ${describeError(error)}; trying again in 1 s`)
    }
    this.notifyIdle()
  }

  /**
   * Reports progress and schedules once after every attempt that ends in this turn: small files
   * end in bursts (their rows are written together), and one pass claims the jobs that take
   * their places with one commit.
   */
  private scheduleSoon(): void {
    if (this.schedulePending) return
    this.schedulePending = true
    setImmediate(() => {
      this.schedulePending = false
      this.reportProgress()
      this.schedule()
    })
  }

  /**
   * A job probed in the small-file lane turned out large: it takes a large slot if one is free,
   * otherwise it goes back to the queue (its size now known) to wait for one.
   */
  private leaveSmallLane(running: RunningJob): void {
    const full = this.scheduler.largeLaneFull()
    running.small = false
    if (full) {
      running.stopReason ??= 'shutdown'
      running.controller.abort(new AppError('Canceled', 'waiting for a free slot'))
    }
  }

  /** Claims and starts a job; false when it could not be started here. */
  private launch(id: number, small: boolean): boolean {
    const { repository, clock } = this.dependencies
    const now = clock.now()
    const claimed = repository.transaction(() => {
      const current = repository.get(id)
      if (!current || current.state !== 'queued') return undefined
      if (this.heldElsewhere(current)) return { busy: current }
      // Claiming and starting are one write: cheap when thousands of small files go through.
      const probing = this.setState(current, 'probing', {
        owner: this.ownerId,
        ownerPid: this.processes.pid,
        ownerHost: this.processes.host,
        ownerUntil: now + this.settings.ownershipMs,
        errorCode: null,
        errorDetail: null,
        nextAttemptAt: null,
      })
      return { busy: undefined, probing }
    })
    if (!claimed) return false
    if (claimed.busy) {
      // Another live process holds it; its state is that process's to change.
      if (!this.reportedHeldElsewhere.has(id)) {
        this.reportedHeldElsewhere.add(id)
        this.dependencies.log.warn(
          `job ${id}: ${new AppError('Busy', `process ${claimed.busy.ownerPid ?? '?'}`).message}`,
        )
      }
      return false
    }
    const running: RunningJob = {
      controller: new AbortController(),
      stopReason: undefined,
      meter: new SpeedMeter({ now: () => clock.now() }),
      doneBytes: claimed.probing.doneBytes,
      totalBytes: claimed.probing.totalBytes,
      connections: 0,
      lastReportedBytes: -1,
      transfer: undefined,
      finished: Promise.resolve(),
      small,
    }
    this.running.set(id, running)
    running.finished = this.runJob(claimed.probing, running)
      .catch((error: unknown) => this.settleUnexpected(id, error))
      .finally(() => {
        this.running.delete(id)
        this.scheduleSoon()
      })
    return true
  }

  /**
   * An attempt ended by throwing instead of with a result. A database that stayed busy is no
   * fault of the job: it goes back to the queue (the maintenance round does that if even this
   * write fails, because the row still names this process). Anything else fails the job with
   * its bytes kept. Never throws: this runs at the end of a promise chain.
   */
  private settleUnexpected(id: number, error: unknown): void {
    const { repository, log } = this.dependencies
    try {
      const current = repository.get(id)
      if (!current || !activeJobStates.has(current.state) || current.state === 'retrying') return
      const outcome = unexpectedErrorOutcome(error)
      if (outcome.state === 'queued') {
        log.warn(`job ${id}: job database busy (${describeError(error)}); back in the queue`)
      } else {
        log.error(
          `job ${id}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
        )
      }
      this.setState(current, outcome.state, outcome.patch)
    } catch (secondError) {
      log.warn(`job ${id}: could not record how it ended: ${describeError(secondError)}`)
    }
  }

  private async runJob(probing: JobRecord, running: RunningJob): Promise<void> {
    const { repository, clock, log, http } = this.dependencies
    const id = probing.id
    let record = probing
    const resolver = this.resolvers.get(record.source.kind)
    if (!resolver) throw new AppError('InvalidInput', `no resolver for "${record.source.kind}"`)
    let phase: JobState = 'probing'
    const keeper = new LeaseKeeper(resolver, record.source, clock, running.controller.signal, {
      onRefreshing: (refreshing) => {
        if (running.controller.signal.aborted) return
        if (refreshing && phase === 'downloading') setPhase('refreshing')
        if (!refreshing && phase === 'refreshing') setPhase('downloading')
      },
    })
    const setPhase = (next: 'probing' | 'downloading' | 'refreshing'): void => {
      if (next === phase) return
      phase = next
      // Only this attempt changes a running job's state, so the local record is current.
      // A small file's passing states are announced but not written: it is done in milliseconds
      // and, after a crash, any unfinished state is recovered as queued anyway.
      record = this.setState(
        { ...transfer.record, state: record.state },
        next,
        {},
        !transfer.inMemory,
      )
    }
    const transfer = this.kindOf(record).create(
      record,
      keeper,
      {
        repository,
        http,
        limiter: this.limiter,
        clock,
        log,
        settings: this.settings,
        folders: this.folders,
        writeRow: (rowId, patch) => this.rowWrites.write(rowId, patch),
        claimName: (directory, name, jobId) => this.names.claim(directory, name, jobId),
      },
      {
        onPhase: (next) => setPhase(next),
        onBytes: (count) => {
          running.doneBytes += count
          running.meter.add(count)
        },
        onChanged: () => {
          record = { ...transfer.record, state: record.state }
          running.totalBytes = record.totalBytes
          if (running.small && sizeClassOf(record, this.settings.smallFileBytes) === 'large') {
            this.leaveSmallLane(running)
          }
          running.doneBytes = transfer.doneBytes
          this.events.emit('state', this.snapshot(record))
        },
        onConnections: (count) => {
          running.connections = count
        },
      },
      running.controller.signal,
    )
    running.transfer = transfer
    const bytesBefore = record.doneBytes
    const result = await transfer.run()
    const progressed = running.doneBytes > bytesBefore
    await this.settle(id, running, transfer, result, progressed, record.state)
  }

  /** Applies an attempt's result to the job: the one place results become states. */
  private async settle(
    id: number,
    running: RunningJob,
    transfer: JobTransfer,
    result: AttemptResult,
    progressed: boolean,
    /** The state this attempt left the job in (a small file's are not stored). */
    attemptState: JobState,
  ): Promise<void> {
    const { repository } = this.dependencies
    if (result.kind === 'finished' && transfer.inMemory) {
      // Only this attempt changes a running job, so what it holds is current: a small file ends
      // without reading its row back, and its identity is written with its final state.
      await this.finish({ ...transfer.record, state: attemptState }, transfer, running)
      return
    }
    // Any other ending stores what probing learned first, so a failed file still shows its size.
    if (Object.keys(transfer.unsavedPatch).length > 0) repository.update(id, transfer.unsavedPatch)
    const record = this.require(id)
    if (result.kind === 'finished') {
      await this.finish(record, transfer, running)
      return
    }
    await this.apply(
      record,
      attemptOutcome(result, this.outcomeContext(record, running, progressed)),
    )
  }

  private outcomeContext(
    record: JobRecord,
    running: RunningJob,
    progressed: boolean,
  ): OutcomeContext {
    return {
      record,
      settings: this.settings,
      progressed,
      stopReason: running.stopReason,
      now: this.dependencies.clock.now(),
    }
  }

  /**
   * Carries out an attempt's outcome: the log line, the partial file and stored progress that
   * go, the state with its fields, and the retry timer.
   */
  private async apply(record: JobRecord, outcome: AttemptOutcome): Promise<void> {
    const { log, repository } = this.dependencies
    const id = record.id
    if (outcome.log) log[outcome.log.level](`job ${id}: ${outcome.log.message}`)
    if (outcome.discardPartFile) await this.discardPartFile(record)
    let current = record
    if (outcome.startOver) {
      repository.saveProgress(id, [], outcome.startOver)
      current = this.require(id)
    }
    this.setState(current, outcome.state, outcome.patch)
    if (outcome.retryAt !== undefined) this.armRetry(id, outcome.retryAt)
  }

  /** Puts a retrying job back in the queue at `at` (epoch ms). */
  private armRetry(id: number, at: number): void {
    const { log } = this.dependencies
    this.retryTimers.set(
      id,
      setTimeout(
        () => {
          this.retryTimers.delete(id)
          try {
            const current = this.dependencies.repository.get(id)
            if (current?.state === 'retrying')
              this.setState(current, 'queued', { nextAttemptAt: null })
          } catch (error) {
            // The maintenance round takes the retry over once it is overdue.
            log.warn(`job ${id}: job database: ${describeError(error)}`)
          }
          this.schedule()
        },
        Math.max(0, at - this.dependencies.clock.now()),
      ),
    )
  }

  private async finish(
    record: JobRecord,
    transfer: JobTransfer,
    running: RunningJob,
  ): Promise<void> {
    const { repository, log, clock } = this.dependencies
    const verifying = this.setState(record, 'verifying', {}, !transfer.inMemory)
    try {
      if (running.controller.signal.aborted) {
        const outcome = stoppedBeforeVerifyingOutcome(running.stopReason)
        this.setState(verifying, outcome.state, outcome.patch)
        return
      }
      const output = await transfer.finalize()
      this.names.release(transfer.record)
      log.info(`job ${record.id}: completed ${output.fileName} (${output.checks})`)
      if (running.small) this.smallFiles.recordCompletion(clock.now())
      const outcome = completedOutcome(output, transfer.unsavedPatch, clock.now())
      if (transfer.inMemory) {
        // A small file's only write: its identity and final state, committed with the other
        // files that end in this turn of the event loop.
        const completed = this.changedRecord(verifying, outcome.state, outcome.patch)
        await this.rowWrites.write(record.id, storedPatch(completed, outcome.patch))
        this.rememberOwnWrite(completed)
        this.events.emit('state', this.snapshot(completed))
      } else {
        repository.saveProgress(record.id, [], {})
        this.setState(verifying, outcome.state, outcome.patch)
      }
      transfer.afterRecorded?.()
    } catch (error) {
      const current = this.require(record.id)
      await this.apply(
        current,
        finalizeErrorOutcome(error, this.outcomeContext(current, running, false)),
      )
    }
  }

  private kindOf(record: JobRecord): TransferKind {
    return this.transferKinds.find((kind) => kind.handles(record)) ?? fileTransferKind
  }

  private async discardPartFile(record: JobRecord): Promise<void> {
    this.names.release(record)
    const kind = this.kindOf(record)
    kind.resetProgress?.(record)
    for (const path of kind.partialPaths(record)) {
      await fs.rm(path, { force: true, recursive: true }).catch(() => undefined)
    }
  }

  /** The single place a job's state changes: checked by the state machine, stored, announced. */
  private setState(record: JobRecord, to: JobState, patch: JobPatch, persist = true): JobRecord {
    const updated = this.changedRecord(record, to, patch)
    if (persist) {
      this.dependencies.repository.update(record.id, storedPatch(updated, patch))
      this.rememberOwnWrite(updated)
    }
    this.events.emit('state', this.snapshot(updated))
    return updated
  }

  /**
   * A command watching its jobs for other processes' changes need not read back the rows it
   * wrote itself (one read and one event per finished file otherwise).
   */
  private rememberOwnWrite(record: JobRecord): void {
    if (this.scope?.has(record.id)) this.foreignVersions.set(record.id, record.updatedAt)
  }

  /** The record after a state change, checked by the state machine (not stored, not announced). */
  private changedRecord(record: JobRecord, to: JobState, patch: JobPatch): JobRecord {
    const state = transition(record.state, to)
    if (state === 'queued') this.scheduler.queueChanged()
    return { ...record, ...patch, state, updatedAt: this.dependencies.clock.now() }
  }

  private progressOf(id: number, running: RunningJob): JobProgress {
    const speed = running.meter.bytesPerSecond()
    const total = running.totalBytes
    return {
      id,
      doneBytes: running.doneBytes,
      totalBytes: total,
      speed,
      etaSeconds:
        total === null ? null : running.meter.etaSeconds(Math.max(0, total - running.doneBytes)),
      activeConnections: running.connections,
    }
  }

  private reportProgress(): void {
    const batch: JobProgress[] = []
    for (const [id, running] of this.running) {
      if (running.doneBytes === running.lastReportedBytes && running.meter.bytesPerSecond() === 0)
        continue
      running.lastReportedBytes = running.doneBytes
      batch.push(this.progressOf(id, running))
    }
    if (batch.length > 0) this.events.emit('progress', batch)
  }

  /**
   * A source's label, worked out once per source object: a running job is announced several
   * times with the same source, and describing one parses and redacts its address.
   */
  private labelOf(resolver: SourceResolver, source: JobSource): string {
    let label = this.labels.get(source)
    if (label === undefined) {
      label = resolver.describe(source)
      this.labels.set(source, label)
    }
    return label
  }

  private snapshot(record: JobRecord): JobSnapshot {
    const resolver = this.resolvers.get(record.source.kind)
    // Live figures belong to an attempt at work. An attempt that was just stopped may not have
    // left the map yet when the job is already canceled, retried or queued again: its bytes are
    // no longer the job's.
    const running = heldStates.includes(record.state) ? this.running.get(record.id) : undefined
    return {
      id: record.id,
      batchId: record.batchId,
      state: record.state,
      source: record.source,
      label: resolver ? this.labelOf(resolver, record.source) : record.source.kind,
      directory: record.directory,
      fileName: record.fileName ?? record.requestedName ?? '',
      totalBytes: running?.totalBytes ?? record.totalBytes,
      doneBytes: running ? Math.max(running.doneBytes, record.doneBytes) : record.doneBytes,
      connections: record.connections,
      priority: record.priority,
      position: record.position,
      attempts: record.attempts,
      error: record.errorCode
        ? toErrorData(record.errorCode, record.errorDetail ?? undefined)
        : null,
      nextAttemptAt: record.nextAttemptAt,
      createdAt: record.createdAt,
      updatedAt: record.updatedAt,
      completedAt: record.completedAt,
    }
  }
}

/** The columns a state change writes: its patch, the state and the time of the change. */
function storedPatch(updated: JobRecord, patch: JobPatch): JobPatch {
  return { ...patch, state: updated.state, updatedAt: updated.updatedAt }
}

function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}
