import { mkdirSync, promises as fs } from 'node:fs'
import { join } from 'node:path'
import { AppError } from '../../shared/errors'
import type { JobPatch, JobRecord } from '../database/job-repository'
import type {
  HlsOutput,
  HlsSegmentRepository,
  HlsStreamRecord,
} from '../database/hls-segment-repository'
import { classifyAttemptError } from '../engine/attempt-error'
import { CheckpointSchedule } from '../engine/checkpoint-schedule'
import type { LeaseKeeper } from '../engine/lease-keeper'
import { desiredFileName } from '../engine/naming'
import { toFileError } from '../engine/part-file'
import type {
  AttemptResult,
  FinishedOutput,
  JobTransfer,
  TransferDependencies,
  TransferHooks,
} from '../engine/job-transfer'
import { publishHlsOutput } from './hls-output'
import { httpKeyFetcher, KeyCache } from './key-cache'
import { keyRequestFor } from './key-policy'
import type { SegmentKey } from './media-playlist'
import { outputFileName, outputStem, partsFolderPath, type OutputKind } from './output-paths'
import { claimOutputStem } from './output-publish'
import { PlaylistSession, type CurrentPlaylist } from './playlist-session'
import { SegmentAddressBook } from './segment-addresses'
import { commitSegment, reconcileWithDisk } from './segment-commit'
import { downloadSegment, type SegmentWork } from './segment-download'
import {
  completenessProblem,
  describeSegment,
  heldBytes,
  mapBySequence,
  planSegments,
  totalBytes,
} from './segment-plan'

/** What an HLS transfer needs beyond the engine's own dependencies. */
export interface HlsTransferOptions {
  repository: HlsSegmentRepository
  /** The output a job gets when it first starts (kept for the job from then on). */
  output: () => HlsOutput
  /** `MtsHlsUriToken` for key requests (HLS standard encryption), read when a key is fetched. */
  mtsHlsUriToken: () => string | undefined
  /** Key hosts besides the playlist's own that the token may go to, read with the token. */
  keyHosts: () => readonly string[]
  /** ffmpeg's path, or undefined when it is not installed. */
  locateFfmpeg: () => string | undefined
  /** Replaces the ffmpeg remux (tests). */
  remux?: (ffmpeg: string, playlistPath: string, outputPath: string) => Promise<void>
}

/**
 * One attempt at an HLS job: read the media playlist (through the job's URL lease), download its
 * segments in parallel (as many at once as the job has connections), each resumable in its own
 * part file and committed by a rename after decryption, and refuse to finish with a hole.
 * Progress lives in the job row (bytes) and in the HLS segment table (per segment), so a killed
 * process resumes with every committed segment.
 */
export class HlsTransfer implements JobTransfer {
  private job: JobRecord
  private segments: SegmentWork[] = []
  private stream: HlsStreamRecord | undefined
  private partsPath: string | undefined
  private readonly session: PlaylistSession
  private readonly addresses: SegmentAddressBook
  private readonly keys: KeyCache
  private readonly checkpoints: CheckpointSchedule
  private activeConnections = 0
  private committed = 0

  constructor(
    job: JobRecord,
    keeper: LeaseKeeper,
    private readonly dependencies: TransferDependencies,
    private readonly hooks: TransferHooks,
    private readonly signal: AbortSignal,
    private readonly options: HlsTransferOptions,
  ) {
    this.job = job
    const { http, log, clock, settings } = dependencies
    this.checkpoints = new CheckpointSchedule(
      () => this.commitProgress(),
      settings.checkpointIntervalMs,
    )
    this.session = new PlaylistSession({
      keeper,
      http,
      log,
      jobId: job.id,
      headers: this.sourceHeaders(),
      signal,
      onPhase: (phase) => hooks.onPhase(phase),
      onPlaylist: (playlist) => this.adopt(playlist),
    })
    this.addresses = new SegmentAddressBook({
      http,
      session: this.session,
      log,
      jobId: job.id,
      headers: this.sourceHeaders(),
    })
    this.keys = new KeyCache({
      fetch: httpKeyFetcher(http, this.sourceHeaders()),
      clock,
      attempts: settings.connectionRetries + 1,
      retryBaseMs: settings.retryBaseMs,
      signal,
    })
  }

  get record(): JobRecord {
    return this.job
  }

  get doneBytes(): number {
    return heldBytes(this.segments)
  }

  /** Segments are files on disk, never a small file in memory. */
  get inMemory(): boolean {
    return false
  }

  /** Segments and identity are stored as they come. */
  get unsavedPatch(): JobPatch {
    return {}
  }

  /** Committed and planned segments, for progress displays and logs. */
  get segmentProgress(): { done: number; total: number } {
    return {
      done: this.segments.filter((segment) => segment.done).length,
      total: this.segments.length,
    }
  }

  async run(): Promise<AttemptResult> {
    try {
      const playlist = await this.session.current()
      if (!playlist.plan.endList) {
        throw new AppError(
          'Unsupported',
          'a live HLS stream (the playlist has no #EXT-X-ENDLIST); only complete streams are saved',
        )
      }
      await this.prepare(playlist)
      this.hooks.onPhase('downloading')
      this.checkpoints.start()
      await this.fetchKeys()
      await this.runConnections()
      await this.addresses.flush()
      await this.checkpoints.stop()
      await this.checkpoints.now()
      const latest = this.session.latestPlaylist ?? playlist
      const problem = completenessProblem(
        this.segments,
        latest.plan,
        this.stream?.segmentCount ?? null,
      )
      if (problem) throw new AppError('NotFound', problem)
      return { kind: 'finished' }
    } catch (error) {
      return classifyAttemptError(error, this.signal.aborted)
    } finally {
      await this.checkpoints.stop()
      await this.addresses.flush()
      if (this.segments.length > 0) await this.checkpoints.now().catch(() => undefined)
    }
  }

  /** Publishes the complete download as one MP4 or as a folder with a local playlist. */
  async finalize(): Promise<FinishedOutput> {
    const { fileName } = this.job
    const latest = this.session.latestPlaylist
    if (!fileName || !this.partsPath || !this.stream || !latest) {
      throw new AppError('Internal', 'the HLS download was not prepared')
    }
    const problem = completenessProblem(this.segments, latest.plan, this.stream.segmentCount)
    if (problem) throw new AppError('NotFound', problem)
    const encrypted = this.segments.some((segment) => segment.key !== undefined)
    const output = await publishHlsOutput({
      jobId: this.job.id,
      directory: this.job.directory,
      fileName,
      partsPath: this.partsPath,
      segments: this.segments,
      output: this.stream.output,
      locateFfmpeg: this.options.locateFfmpeg,
      remux: this.options.remux,
      log: this.dependencies.log,
      checks: ['#EXT-X-ENDLIST', ...(encrypted ? ['AES-128 decrypted'] : [])],
    })
    this.options.repository.clearSegments(this.job.id)
    return output
  }

  private sourceHeaders(): Record<string, string> {
    return this.job.source.headers ?? {}
  }

  /**
   * A playlist fetched again (after a renewal): its segments are matched to ours by media
   * sequence number and only their addresses and keys are taken over. A playlist for other
   * content starts the job over instead of mixing two streams.
   */
  private adopt(playlist: CurrentPlaylist): void {
    if (this.segments.length === 0) return
    if (versionChanged(this.job.sourceVersion, playlist)) {
      throw new AppError('ContentChanged', 'the stream was transcoded again')
    }
    const mapping = mapBySequence(this.segments, playlist.plan)
    if (mapping.kind === 'changed') throw new AppError('ContentChanged', mapping.detail)
    mapping.segments.forEach((mapped, index) => {
      const segment = this.segments[index]
      if (!segment) return
      segment.uri = mapped.uri
      segment.key = mapped.key
      segment.duration = mapped.duration
      segment.discontinuity = mapped.discontinuity
    })
  }

  /** Names the output, creates or reopens the parts folder and lines up the segments. */
  private async prepare(playlist: CurrentPlaylist): Promise<void> {
    const { repository } = this.options
    const stream = repository.chooseOutput(this.job.id, this.options.output())
    const kind = this.plannedKind(stream.output)
    let fileName = this.job.fileName
    if (fileName === null) {
      fileName = this.claimName(playlist, kind)
      // Recorded at once: the parts folder now exists under this name and belongs to the job.
      this.job = { ...this.job, fileName }
      this.dependencies.repository.update(this.job.id, { fileName })
    }
    const partsPath = partsFolderPath(this.job.directory, fileName)
    this.partsPath = partsPath
    try {
      mkdirSync(partsPath, { recursive: true })
    } catch (error) {
      throw toFileError(error, partsPath)
    }
    let stored = repository.segments(this.job.id)
    const resumed = stored.length > 0
    if (resumed && versionChanged(this.job.sourceVersion, playlist)) {
      throw new AppError('ContentChanged', 'the stream was transcoded again')
    }
    if (!resumed) {
      await this.checkSpace(playlist, kind)
      await emptyFolder(partsPath)
      stored = planSegments(playlist.plan)
      repository.replaceSegments(this.job.id, stored)
    }
    this.stream = repository.stream(this.job.id)
    await this.addresses.attach(partsPath, resumed)
    const mapping = mapBySequence(stored, playlist.plan)
    if (mapping.kind === 'changed') throw new AppError('ContentChanged', mapping.detail)
    this.segments = mapping.segments.map((segment) => ({
      ...segment,
      busy: false,
      file: undefined,
    }))
    if (resumed) {
      await reconcileWithDisk(this.segments, partsPath, {
        markDone: (segment) =>
          repository.markDone(this.job.id, segment.sequence, segment.size ?? segment.received),
        markPending: (segment) => {
          this.dependencies.log.warn(
            `job ${this.job.id}: ${describeSegment(segment, this.segments.length)} is no longer on disk; fetching it again`,
          )
          repository.markPending(this.job.id, segment.sequence)
        },
      })
    }
    this.committed = this.segments.filter((segment) => segment.done).length
    const expectedSize = playlist.lease.identity?.size ?? this.job.expectedSize
    this.job = {
      ...this.job,
      fileName,
      expectedSize,
      totalBytes: totalBytes(this.segments, expectedSize),
      doneBytes: this.doneBytes,
      sourceVersion: resumed
        ? this.job.sourceVersion
        : (playlist.lease.identity?.version ?? this.job.sourceVersion),
    }
    this.dependencies.repository.update(this.job.id, {
      fileName: this.job.fileName,
      expectedSize: this.job.expectedSize,
      totalBytes: this.job.totalBytes,
      doneBytes: this.job.doneBytes,
      sourceVersion: this.job.sourceVersion,
      updatedAt: this.dependencies.clock.now(),
    })
    this.dependencies.log.info(
      `job ${this.job.id}: HLS → ${outputStem(fileName)} (${this.segments.length} segments, ${this.committed} already on disk, up to ${this.job.connections} at once)`,
    )
    this.hooks.onChanged()
  }

  /** The output the job is named after: an MP4 when asked for or when ffmpeg is there. */
  private plannedKind(output: HlsOutput): OutputKind {
    if (output === 'folder') return 'folder'
    if (output === 'mp4') return 'mp4'
    return this.options.locateFfmpeg() === undefined ? 'folder' : 'mp4'
  }

  private claimName(playlist: CurrentPlaylist, kind: OutputKind): string {
    const desired = desiredFileName({
      requested: this.job.requestedName,
      contentDisposition: undefined,
      suggested: playlist.lease.suggestedName,
      url: playlist.url,
    })
    const stem = claimOutputStem(this.job.directory, outputStem(desired), kind, (name) =>
      this.dependencies.claimName(this.job.directory, name, this.job.id),
    )
    return outputFileName(stem, kind)
  }

  /** A fresh download needs its size free (twice for an MP4: the segments, then the remux). */
  private async checkSpace(playlist: CurrentPlaylist, kind: OutputKind): Promise<void> {
    const size = playlist.lease.identity?.size ?? this.job.expectedSize
    if (size === null || size === undefined) return
    const { folders, settings } = this.dependencies
    const needed = size * (kind === 'mp4' ? 2 : 1)
    const free = await folders.freeBytes(this.job.directory)
    if (needed + settings.diskReserveBytes > free) {
      throw new AppError(
        'DiskFull',
        `needs ${needed} bytes, ${free} bytes free in ${this.job.directory}`,
      )
    }
    folders.reserve(this.job.directory, needed)
  }

  /** Fetches the keys the unfinished segments need before any of their bytes. */
  private async fetchKeys(): Promise<void> {
    const keys = new Map<string, SegmentKey>()
    for (const segment of this.segments) {
      if (!segment.done && segment.key) keys.set(segment.key.uri, segment.key)
    }
    await Promise.all([...keys.values()].map((key) => this.key(key, true)))
  }

  /**
   * The key a key line names, with `MtsHlsUriToken` only where the key policy lets it go. When
   * the token was withheld and the key cannot be had, the error says so and why.
   */
  private async key(key: SegmentKey, announce = false): Promise<Buffer> {
    const request = keyRequestFor(key, {
      token: this.options.mtsHlsUriToken(),
      allowedHosts: this.options.keyHosts(),
    })
    if (request.withheld && announce) {
      this.dependencies.log.warn(
        `job ${this.job.id}: MtsHlsUriToken not sent with the key request: ${request.withheld}`,
      )
    }
    try {
      return await this.keys.get(request.url)
    } catch (error) {
      if (!request.withheld || !(error instanceof AppError) || error.code !== 'KeyUnavailable') {
        throw error
      }
      throw new AppError(
        'KeyUnavailable',
        `${error.detail ?? error.message}; MtsHlsUriToken was withheld because ${request.withheld}`,
        { cause: error },
      )
    }
  }

  /** Downloads the unfinished segments, as many at once as the job has connections. */
  private async runConnections(): Promise<void> {
    const pending = this.segments.filter((segment) => !segment.done)
    if (pending.length === 0) return
    const round = new AbortController()
    const onAbort = (): void => round.abort(this.signal.reason)
    this.signal.addEventListener('abort', onAbort, { once: true })
    let failure: unknown
    const connection = async (): Promise<void> => {
      this.activeConnections += 1
      this.hooks.onConnections(this.activeConnections)
      try {
        for (;;) {
          const segment = pending.find((candidate) => !candidate.done && !candidate.busy)
          if (!segment || round.signal.aborted) return
          segment.busy = true
          try {
            await downloadSegment(segment, this.segmentDependencies(), round.signal)
            await this.commit(segment)
          } finally {
            segment.busy = false
          }
        }
      } finally {
        this.activeConnections -= 1
        this.hooks.onConnections(this.activeConnections)
      }
    }
    const count = Math.max(1, Math.min(this.job.connections, pending.length))
    const workers = Array.from({ length: count }, () =>
      connection().catch((error: unknown) => {
        failure ??= error
        round.abort(error)
      }),
    )
    try {
      await Promise.all(workers)
    } finally {
      this.signal.removeEventListener('abort', onAbort)
    }
    if (this.signal.aborted) throw this.signal.reason as Error
    if (failure !== undefined) throw failure as Error
  }

  private segmentDependencies(): Parameters<typeof downloadSegment>[1] {
    const { http, limiter, clock, log, settings } = this.dependencies
    return {
      http,
      limiter,
      clock,
      log,
      settings,
      session: this.session,
      addresses: this.addresses,
      jobId: this.job.id,
      headers: this.sourceHeaders(),
      partsPath: this.partsPath as string,
      segmentCount: this.segments.length,
      onBytes: (count) => this.hooks.onBytes(count),
      onSize: () => this.updateTotal(),
    }
  }

  /** Once every segment's size is known, the job's total is exact. */
  private updateTotal(): void {
    const total = totalBytes(this.segments, this.job.expectedSize)
    if (total === this.job.totalBytes) return
    this.job = { ...this.job, totalBytes: total }
    this.hooks.onChanged()
  }

  /** Commits a downloaded segment (decrypting it first) and records it. */
  private async commit(segment: SegmentWork): Promise<void> {
    await commitSegment(segment, {
      partsPath: this.partsPath as string,
      segmentCount: this.segments.length,
      key: (key) => this.key(key),
    })
    this.options.repository.markDone(
      this.job.id,
      segment.sequence,
      segment.size ?? segment.received,
    )
    this.committed += 1
    this.dependencies.log.info(
      `job ${this.job.id}: segment ${this.committed} of ${this.segments.length} committed (${describeSegment(segment, this.segments.length)})`,
    )
  }

  /**
   * Flushes the part files being written, then records how far each got together with the job's
   * bytes and ownership, in one transaction. A few times a second at most.
   */
  private async commitProgress(): Promise<void> {
    const entries: Array<{ sequence: number; received: number }> = []
    for (const segment of this.segments) {
      const file = segment.file
      if (!file || segment.done) continue
      // Only bytes already written when the flush starts are covered by it.
      const received = segment.received
      try {
        await file.flush()
        entries.push({ sequence: segment.sequence, received })
      } catch {
        // The segment finished and closed its file meanwhile; its commit records it.
      }
    }
    const now = this.dependencies.clock.now()
    this.options.repository.saveReceived(this.job.id, entries, () =>
      this.dependencies.repository.update(this.job.id, {
        doneBytes: this.doneBytes,
        totalBytes: this.job.totalBytes,
        updatedAt: now,
        ownerUntil: now + this.dependencies.settings.ownershipMs,
      }),
    )
  }
}

function versionChanged(stored: string | null, playlist: CurrentPlaylist): boolean {
  const version = playlist.lease.identity?.version
  return stored !== null && version !== undefined && version !== stored
}

/** Removes what an earlier plan left in a parts folder that starts afresh. */
async function emptyFolder(path: string): Promise<void> {
  try {
    for (const entry of await fs.readdir(path)) {
      await fs.rm(join(path, entry), { recursive: true, force: true })
    }
  } catch (error) {
    throw toFileError(error, path)
  }
}
