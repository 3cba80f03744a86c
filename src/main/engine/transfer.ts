import { existsSync, lstatSync } from 'node:fs'
import { dirname } from 'node:path'
import { AppError, transientErrorCodes } from '../../shared/errors'
import { classifyAttemptError } from './attempt-error'
import { pumpBody } from './body-pump'
import { CheckpointSchedule } from './checkpoint-schedule'
import type { JobPatch, JobRecord, SegmentRecord } from '../database/job-repository'
import { ConnectionRetries } from './connection-retries'
import { Crc64, formatCrc64, parseCrc64 } from '../../shared/crc64'
import { resolveInside } from './file-name'
import type { OpenedResponse } from './http-client'
import type {
  AttemptResult,
  FinishedOutput,
  JobTransfer,
  TransferDependencies,
  TransferHooks,
  TransferKind,
} from './job-transfer'
import {
  asyncPublishOperations,
  publishPartFile,
  syncPublishOperations,
  verifyPartFile,
} from './finalize'
import { toNetworkError } from './http-client'
import type { LeaseKeeper } from './lease-keeper'
import { redactUrl } from '../../shared/redact'
import { desiredFileName, partSuffix, uniqueFileName } from './naming'
import { MemoryFile, type ByteSink } from './memory-file'
import {
  claimPartFile,
  claimPartFileOpen,
  closeQuietly,
  PartFile,
  releasePartFile,
} from './part-file'
import { checkResponse, header, identityChanged, type ResponseVerdict } from './response-check'
import {
  chooseSplit,
  connectionsFor,
  doneBytes,
  planByteRanges,
  rangesAreConsistent,
  remaining,
} from './byte-ranges'
import type { Lease } from './source'

/** A segment while it is being worked on. */
interface WorkSegment {
  start: number
  end: number
  done: number
  /** Bytes received but not yet written (work stealing must not cut below them). */
  inflight: number
  crc: Crc64 | undefined
  owner: number | undefined
}

/** Thrown by a connection that got a whole object (200) for a ranged request. */
class RangesIgnored extends Error {
  constructor(
    readonly response: OpenedResponse,
    readonly lease: Lease,
    readonly total: number | null,
  ) {
    super('the server ignored the Range header')
  }
}

interface FirstResponse {
  response: OpenedResponse
  lease: Lease
}

const unknownEnd = Number.MAX_SAFE_INTEGER

export function partPath(job: Pick<JobRecord, 'directory' | 'fileName'>): string {
  if (!job.fileName) throw new AppError('Internal', 'the job has no file name yet')
  return resolveInside(job.directory, job.fileName) + partSuffix
}

/**
 * One attempt at downloading one job: probe (or reopen the part file), run N connections with
 * work stealing, validate every response strictly, renew the URL lease when it expires, and
 * checkpoint progress (data flushed first, then the row) a few times a second.
 */
export class Transfer implements JobTransfer {
  private job: JobRecord
  private segments: WorkSegment[] = []
  private part: PartFile | undefined
  /** Where bytes go: the part file, or memory for a small file. */
  private sink: ByteSink | undefined
  private memory: MemoryFile | undefined
  /** A published small file's part file name, removed once its completion is recorded. */
  private leftoverPartPath: string | undefined
  /** The part file, open since its name was claimed, for a small file's one write. */
  private claimedDescriptor: number | undefined
  private pendingPatch: JobPatch = {}
  private readonly checkpoints: CheckpointSchedule
  /** Every byte was in and the file had its final name when the last attempt stopped. */
  private published = false
  private activeConnections = 0
  /** Bytes written by this attempt (for the ramp-up decision). */
  private receivedBytes = 0

  constructor(
    job: JobRecord,
    private readonly keeper: LeaseKeeper,
    private readonly dependencies: TransferDependencies,
    private readonly hooks: TransferHooks,
    private readonly signal: AbortSignal,
  ) {
    this.job = job
    this.checkpoints = new CheckpointSchedule(
      () => this.commitProgress(),
      dependencies.settings.checkpointIntervalMs,
    )
  }

  get record(): JobRecord {
    return this.job
  }

  /** Bytes on disk (or in memory) according to the segments. */
  get doneBytes(): number {
    let total = 0
    for (const segment of this.segments) total += segment.done
    return total
  }

  /** A small file's bytes, held in memory until it is written (undefined for large files). */
  get contents(): Buffer | undefined {
    return this.memory?.contents
  }

  /** Identity learned while probing a small file, not written yet (see `startFile`). */
  get unsavedPatch(): JobPatch {
    return this.pendingPatch
  }

  /** Whether this is a small file assembled in memory (no segments in the database). */
  get inMemory(): boolean {
    return this.memory !== undefined
  }

  get segmentRecords(): SegmentRecord[] {
    return this.segments.map((segment) => toRecord(segment))
  }

  async run(): Promise<AttemptResult> {
    try {
      let first = await this.prepare()
      if (this.published) return { kind: 'finished' }
      this.hooks.onPhase('downloading')
      if (this.part) this.checkpoints.start()
      for (;;) {
        try {
          await this.runConnections(first)
          break
        } catch (error) {
          if (!(error instanceof RangesIgnored) || this.signal.aborted) throw error
          first = this.fallBackToOneConnection(error)
        }
      }
      if (this.memory) {
        const path = partPath(this.job)
        this.dependencies.folders.ensure(dirname(path))
        const descriptor = this.claimedDescriptor
        this.claimedDescriptor = undefined
        await this.memory.writeTo(path, descriptor)
      } else {
        // The last window: everything is on disk and committed before "finished".
        await this.checkpoints.stop()
        await this.checkpoints.now()
      }
      return { kind: 'finished' }
    } catch (error) {
      return classifyAttemptError(error, this.signal.aborted)
    } finally {
      this.releaseClaimedDescriptor()
      await this.checkpoints.stop()
      if (this.part) {
        if (this.segments.length > 0) await this.checkpoints.now().catch(() => undefined)
        await this.part.close()
      }
    }
  }

  /** Opens the existing part file and its segments, or probes the server for a fresh start. */
  private async prepare(): Promise<FirstResponse | undefined> {
    // A job that never got past probing has no segments: no read for a fresh small file.
    const mayResume =
      this.job.fileName !== null &&
      this.job.totalBytes !== null &&
      this.job.rangesSupported === true
    const stored = mayResume ? this.dependencies.repository.segments(this.job.id) : []
    const resumable =
      mayResume && stored.length > 0 && rangesAreConsistent(stored, this.job.totalBytes ?? 0)
    if (!resumable) return this.probe()

    const path = partPath(this.job)
    const exists = existsSync(path)
    if (!exists && this.publishedBefore(stored)) {
      this.dependencies.log.info(
        `job ${this.job.id}: the file was published before the process stopped; checking it`,
      )
      this.segments = stored.map((segment) => ({
        ...segment,
        inflight: 0,
        crc: segment.crc64 !== null ? new Crc64(parseCrc64(segment.crc64)) : undefined,
        owner: undefined,
      }))
      this.published = true
      this.hooks.onChanged()
      return undefined
    }
    if (!exists) {
      this.dependencies.log.warn(
        `job ${this.job.id}: the partial file is missing; starting it over`,
      )
    }
    this.dependencies.folders.ensure(dirname(path))
    if (!exists && !claimPartFile(path)) {
      // Another download took the name while the part file was gone: this one takes a new name.
      this.job = { ...this.job, fileName: null }
      return this.probe()
    }
    this.part = await PartFile.open(path, 'existing')
    this.sink = this.part
    const expectCrc = this.expectedCrc64() !== null
    this.segments = stored.map((segment) => ({
      start: segment.start,
      end: segment.end,
      done: exists ? segment.done : 0,
      inflight: 0,
      crc:
        expectCrc && segment.crc64 !== null && exists
          ? new Crc64(parseCrc64(segment.crc64))
          : undefined,
      owner: undefined,
    }))
    if (!exists) await this.part.allocate(this.job.totalBytes ?? 0)
    if (expectCrc) {
      // A segment without a stored CRC (CRC checking switched on later) starts over so its
      // checksum covers every byte.
      for (const segment of this.segments) {
        if (!segment.crc) {
          segment.done = 0
          segment.crc = new Crc64()
        }
      }
    }
    this.hooks.onChanged()
    return undefined
  }

  /**
   * A process killed after publishing a finished file and before recording it leaves a job
   * whose segments are complete, whose part file is gone and whose final name holds the file.
   * Downloading it again would publish a copy as `name (1)` beside a file no job owns; the file
   * is verified instead (`finalize`), like any other finished download.
   */
  private publishedBefore(stored: readonly SegmentRecord[]): boolean {
    const { fileName, totalBytes } = this.job
    if (fileName === null || totalBytes === null) return false
    if (stored.some((segment) => segment.done < segment.end - segment.start)) return false
    try {
      const final = lstatSync(resolveInside(this.job.directory, fileName))
      return final.isFile() && final.size === totalBytes
    } catch {
      return false
    }
  }

  private expectedCrc64(): string | null {
    return this.job.expectedCrc64 ?? this.job.serverCrc64
  }

  private async probe(): Promise<FirstResponse | undefined> {
    this.hooks.onPhase('probing')
    for (;;) {
      const lease = await this.keeper.current()
      const response = await this.dependencies.http.open(
        lease.url,
        { ...lease.headers, ...this.sourceHeaders(), range: 'bytes=0-' },
        this.signal,
      )
      const verdict = checkResponse(
        { start: 0 },
        response.head,
        this.job.requestedName ?? undefined,
      )
      if (verdict.kind === 'denied' || (verdict.kind === 'error' && verdict.code === 'ErrorPage')) {
        await this.handleDenial(response, lease, verdict)
        continue
      }
      if (verdict.kind === 'error') {
        response.destroy()
        throw new AppError(verdict.code, verdict.detail)
      }
      if (verdict.kind === 'ranges-ignored') {
        response.destroy()
        throw new AppError(
          'Internal',
          'unexpected ranges-ignored verdict for a request from byte 0',
        )
      }
      const total = verdict.kind === 'not-satisfiable' ? (verdict.total ?? 0) : verdict.total
      if (verdict.kind === 'not-satisfiable') response.destroy()
      await this.startFile(lease, response, verdict, total)
      return verdict.kind === 'accept' ? { response, lease } : undefined
    }
  }

  /** Records the object's identity, picks the file name and creates the preallocated part file. */
  private async startFile(
    lease: Lease,
    response: OpenedResponse,
    verdict: ResponseVerdict,
    total: number | null,
  ): Promise<void> {
    const { repository, settings, log } = this.dependencies
    const pinnedSize = lease.identity?.size
    if (pinnedSize !== undefined && total !== null && pinnedSize !== total) {
      response.destroy()
      throw new AppError(
        'ContentChanged',
        `the source says ${pinnedSize} bytes, the server sends ${total}`,
      )
    }
    const rangesSupported = verdict.kind === 'accept' ? verdict.rangesSupported : true
    if (verdict.kind === 'accept' && !verdict.rangesSupported) {
      log.warn(`job ${this.job.id}: the server does not support ranges; one connection from byte 0`)
    }
    const headers = response.head.headers
    const crcHeader = header(headers, 'x-oss-hash-crc64ecma') ?? null
    const md5Header = response.head.status === 200 ? (header(headers, 'content-md5') ?? null) : null
    const small = total !== null && total <= settings.smallFileBytes
    const fileName = await this.claimFileName(
      () =>
        desiredFileName({
          requested: this.job.requestedName,
          contentDisposition: header(headers, 'content-disposition'),
          suggested: lease.suggestedName,
          url: response.url,
        }),
      // A small file is published within milliseconds, and publishing numbers a name whose
      // final file exists: one round trip to the thread pool less per file.
      !small,
    )
    if (total !== null) {
      const free = await this.dependencies.folders.freeBytes(this.job.directory)
      if (total + settings.diskReserveBytes > free) {
        response.destroy()
        throw new AppError(
          'DiskFull',
          `needs ${total} bytes, ${free} bytes free in ${this.job.directory}`,
        )
      }
      this.dependencies.folders.reserve(this.job.directory, total)
    }
    this.job = {
      ...this.job,
      fileName,
      totalBytes: total,
      rangesSupported,
      etag: verdict.kind === 'accept' ? verdict.etag : null,
      lastModified: verdict.kind === 'accept' ? verdict.lastModified : null,
      serverCrc64: crcHeader,
      serverMd5: md5Header,
      expectedSize: lease.identity?.size ?? this.job.expectedSize,
      expectedMd5: lease.identity?.md5 ?? this.job.expectedMd5,
      expectedCrc64: lease.identity?.crc64 ?? this.job.expectedCrc64,
      sourceVersion: lease.identity?.version ?? this.job.sourceVersion,
    }
    if (small) {
      this.memory = new MemoryFile(total)
      this.sink = this.memory
    } else {
      // The part file exists: claiming the name created it (or an earlier attempt of this job).
      this.releaseClaimedDescriptor()
      this.part = await PartFile.open(partPath(this.job), 'existing')
      // Sized up front; an unknown length starts empty, whatever an earlier attempt left.
      await this.part.allocate(total ?? 0)
      this.sink = this.part
    }
    const count =
      rangesSupported && total !== null
        ? connectionsFor(total, this.job.connections, settings.minPieceBytes)
        : 1
    const withCrc = this.expectedCrc64() !== null
    // With ramp-up, the first connection starts alone on the whole file; if more connections are
    // opened, work stealing splits it. Otherwise the file is split for all connections at once.
    const planned =
      total === null
        ? [{ start: 0, end: unknownEnd, done: 0 }]
        : planByteRanges(total, this.rampsUp() ? 1 : count)
    this.segments = planned.map((segment) => ({
      ...segment,
      inflight: 0,
      crc: withCrc ? new Crc64() : undefined,
      owner: undefined,
    }))
    // A small file keeps no segments in the database (after a crash it is simply fetched again),
    // so its identity and name wait for the write of the state it ends in.
    const patch: JobPatch = {
      fileName: this.job.fileName,
      totalBytes: this.job.totalBytes,
      doneBytes: 0,
      rangesSupported: this.job.rangesSupported,
      etag: this.job.etag,
      lastModified: this.job.lastModified,
      serverCrc64: this.job.serverCrc64,
      serverMd5: this.job.serverMd5,
      expectedSize: this.job.expectedSize,
      expectedMd5: this.job.expectedMd5,
      expectedCrc64: this.job.expectedCrc64,
      sourceVersion: this.job.sourceVersion,
      updatedAt: this.dependencies.clock.now(),
    }
    if (small) this.pendingPatch = patch
    else repository.saveProgress(this.job.id, this.segmentRecords, patch)
    // Thousands of covers and snapshots would double the log (and its cost) with this line: a
    // small file's "completed" line follows a moment later with its name and size, and the job
    // keeps its address.
    if (!small) {
      log.info(
        `job ${this.job.id}: ${redactUrl(response.url)} → ${fileName} (${total ?? 'unknown'} bytes, ${count} connection${count === 1 ? '' : 's'})`,
      )
    }
    this.hooks.onChanged()
  }

  /**
   * The name this attempt writes under, with its part file in place: the job's own name when its
   * part file is still there (this job created it, and while it exists nobody else can) or can be
   * created again; otherwise a fresh unique name. A name is claimed by creating its part file
   * exclusively, so the app and any `vod-dl` command downloading into one folder never share one.
   */
  private async claimFileName(desired: () => string, skipExisting: boolean): Promise<string> {
    const { directory, fileName } = this.job
    if (fileName !== null) {
      const path = partPath(this.job)
      this.dependencies.folders.ensure(dirname(path))
      if (existsSync(path)) return fileName
      this.claimedDescriptor = await claimPartFileOpen(path)
      if (this.claimedDescriptor !== undefined) return fileName
    }
    return uniqueFileName(
      directory,
      desired(),
      async (name) => {
        const path = resolveInside(directory, name) + partSuffix
        this.dependencies.folders.ensure(dirname(path))
        // The name is recorded before its part file is created: a process killed in between
        // leaves a job that finds its name again (and creates the file), never an empty part file
        // that no job owns, which would push the next attempt to `name (1)`. Committed with the
        // other names and rows of this turn: many small files probe at once.
        await this.dependencies.writeRow(this.job.id, { fileName: name })
        const descriptor = await claimPartFileOpen(path)
        if (descriptor === undefined) return false
        if (this.dependencies.claimName(directory, name, this.job.id)) {
          this.claimedDescriptor = descriptor
          return true
        }
        // A job of this process holds the name without a part file yet (it will create it).
        closeQuietly(descriptor)
        releasePartFile(path)
        return false
      },
      skipExisting,
    )
  }

  /** Closes the part file kept open since its name was claimed, when nothing wrote through it. */
  private releaseClaimedDescriptor(): void {
    if (this.claimedDescriptor === undefined) return
    closeQuietly(this.claimedDescriptor)
    this.claimedDescriptor = undefined
  }

  private sourceHeaders(): Record<string, string> {
    return this.job.source.headers ?? {}
  }

  /**
   * A 401/403/410 or an error page: renew the URL when it looks expired (or when nothing says why
   * and the source can renew); otherwise fail with the server's reason.
   */
  private async handleDenial(
    response: OpenedResponse,
    lease: Lease,
    verdict: ResponseVerdict,
  ): Promise<void> {
    const body = await this.dependencies.http.readText(response)
    const detail = this.keeper.judgeRefusal(lease, { verdict, head: response.head, body })
    if (detail !== undefined) {
      this.dependencies.log.info(`job ${this.job.id}: address refused (${detail}); renewing it`)
    }
    this.hooks.onPhase('refreshing')
    await this.keeper.refresh(lease)
    this.hooks.onPhase('downloading')
  }

  /** After a 200 to a ranged request: drop every other connection and restart on one from 0. */
  private fallBackToOneConnection(signal: RangesIgnored): FirstResponse {
    this.dependencies.log.warn(
      `job ${this.job.id}: the server ignores Range requests; restarting on one connection from byte 0`,
    )
    const total = signal.total ?? this.job.totalBytes
    this.job = { ...this.job, rangesSupported: false, totalBytes: total }
    const withCrc = this.expectedCrc64() !== null
    this.segments = [
      {
        start: 0,
        end: total ?? unknownEnd,
        done: 0,
        inflight: 0,
        crc: withCrc ? new Crc64() : undefined,
        owner: undefined,
      },
    ]
    this.dependencies.repository.saveProgress(this.job.id, this.segmentRecords, {
      rangesSupported: false,
      totalBytes: total,
      doneBytes: 0,
      updatedAt: this.dependencies.clock.now(),
    })
    this.hooks.onChanged()
    return { response: signal.response, lease: signal.lease }
  }

  /** Runs the connections until every segment is complete; the first fatal error stops them all. */
  private async runConnections(first: FirstResponse | undefined): Promise<void> {
    const round = new AbortController()
    const onAbort = (): void => round.abort(this.signal.reason)
    this.signal.addEventListener('abort', onAbort, { once: true })
    const total = this.job.totalBytes
    const connections =
      this.job.rangesSupported && total !== null
        ? connectionsFor(total, this.job.connections, this.dependencies.settings.minPieceBytes)
        : 1
    let failure: unknown
    const launch = (index: number): Promise<void> =>
      this.connection(index, round.signal, index === 0 ? first : undefined).catch(
        (error: unknown) => {
          if (failure === undefined) failure = error
          round.abort(error)
        },
      )
    const workers = [launch(0)]
    try {
      if (connections > 1 && (await this.firstConnectionIsEnough(workers[0] as Promise<void>))) {
        this.dependencies.log.info(
          `job ${this.job.id}: one connection already runs at full speed; not opening more`,
        )
      } else {
        this.spreadOver(connections)
        for (let index = 1; index < connections; index++) workers.push(launch(index))
      }
      await Promise.all(workers)
    } finally {
      this.signal.removeEventListener('abort', onAbort)
    }
    if (first && failure !== undefined) first.response.destroy()
    if (this.signal.aborted) throw this.signal.reason as Error
    if (failure !== undefined) throw failure as Error
  }

  /**
   * More connections are opening on a file that one connection started alone: cut what it has
   * not reached yet into equal pieces, one per connection, rather than halving again and again.
   */
  private spreadOver(connections: number): void {
    if (this.segments.length !== 1) return
    const first = this.segments[0] as WorkSegment
    const cursor = first.start + first.done + first.inflight
    const left = first.end - cursor
    const minimum = this.dependencies.settings.minPieceBytes
    const pieces = Math.min(connections, Math.floor(left / minimum))
    if (pieces < 2) return
    const planned = planByteRanges(left, pieces)
    first.end = cursor + (planned[0] as { end: number }).end
    for (const piece of planned.slice(1)) {
      this.segments.push({
        start: cursor + piece.start,
        end: cursor + piece.end,
        done: 0,
        inflight: 0,
        crc: first.crc ? new Crc64() : undefined,
        owner: undefined,
      })
    }
  }

  private rampsUp(): boolean {
    const { rampUpMs, fastConnectionBytesPerSecond } = this.dependencies.settings
    return rampUpMs > 0 && fastConnectionBytesPerSecond > 0
  }

  /**
   * Extra connections only help when one connection is held back (per-connection throttling,
   * long fat pipes); on a link one connection saturates, they only add overhead. So the first
   * connection runs alone for a moment, watched once per sixth of `rampUpMs`:
   * - a look at or above the fast speed settles it: the connection stays alone;
   * - a connection held far below it (under a quarter, over half the window) gets the others
   *   at once: a CDN that limits each connection shows it from the first bytes;
   * - otherwise, at `rampUpMs`, the others open unless the connection reached the fast speed.
   * The start of every download is slow on its own account (code warming up, the first writes):
   * on loopback the first 60 ms ran at 35–50 MiB/s, then above 300 MiB/s, so one slow look alone
   * decides nothing, and a fixed window short enough for the held-back case misjudged that start
   * (measured: at 40 ms, 3 runs of 6 opened eight connections on a link one saturates).
   */
  private async firstConnectionIsEnough(first: Promise<void>): Promise<boolean> {
    const { rampUpMs, fastConnectionBytesPerSecond: fast } = this.dependencies.settings
    // Only a fresh download starts on one connection; a resumed one has its segments planned.
    if (!this.rampsUp() || this.segments.length > 1) return false
    const clock = this.dependencies.clock
    const lookMs = Math.max(1, Math.round(rampUpMs / rampUpLooks))
    const ended = first.then(() => true)
    const start = { at: clock.now(), bytes: this.receivedBytes }
    let previous = start
    for (;;) {
      const finished = await Promise.race([
        ended,
        clock.sleep(lookMs, this.signal).then(
          () => false,
          () => false,
        ),
      ])
      if (finished || this.signal.aborted) return true
      const now = { at: clock.now(), bytes: this.receivedBytes }
      const overall = bytesPerSecond(start, now)
      if (bytesPerSecond(previous, now) >= fast || overall >= fast) return true
      const elapsed = now.at - start.at
      if (elapsed >= rampUpMs) return false
      if (elapsed * 2 >= rampUpMs && overall < fast / 4) return false
      previous = now
    }
  }

  private async connection(
    id: number,
    signal: AbortSignal,
    first: FirstResponse | undefined,
  ): Promise<void> {
    this.activeConnections += 1
    this.hooks.onConnections(this.activeConnections)
    try {
      let pending = first
      for (;;) {
        const segment = pending ? this.claimFirst(id) : this.takeWork(id)
        if (!segment) return
        try {
          await this.fetchSegment(segment, signal, pending)
        } finally {
          segment.owner = undefined
        }
        pending = undefined
      }
    } finally {
      this.activeConnections -= 1
      this.hooks.onConnections(this.activeConnections)
    }
  }

  private claimFirst(id: number): WorkSegment | undefined {
    const segment = this.segments.find((candidate) => candidate.start === 0)
    if (segment) segment.owner = id
    return segment
  }

  /** The next piece of work: an unowned unfinished segment, else half of the largest one. */
  private takeWork(id: number): WorkSegment | undefined {
    let best: WorkSegment | undefined
    for (const segment of this.segments) {
      if (segment.owner !== undefined || remaining(segment) <= 0) continue
      if (!best || remaining(segment) > remaining(best)) best = segment
    }
    if (best) {
      best.owner = id
      return best
    }
    if (!this.job.rangesSupported) return undefined
    const view = this.segments.map((segment) => ({
      start: segment.start,
      end: segment.end,
      done: segment.done + segment.inflight,
    }))
    const split = chooseSplit(view, this.dependencies.settings.minPieceBytes)
    if (!split) return undefined
    const victim = this.segments[split.victim]
    if (!victim) return undefined
    const piece: WorkSegment = {
      start: split.at,
      end: victim.end,
      done: 0,
      inflight: 0,
      crc: victim.crc ? new Crc64() : undefined,
      owner: id,
    }
    victim.end = split.at
    this.segments.push(piece)
    this.segments.sort((first, second) => first.start - second.start)
    return piece
  }

  /** Downloads one segment to its end, reconnecting after transient failures. */
  private async fetchSegment(
    segment: WorkSegment,
    signal: AbortSignal,
    first: FirstResponse | undefined,
  ): Promise<void> {
    const { settings, clock, http } = this.dependencies
    const retries = new ConnectionRetries(
      settings.connectionRetries,
      settings.retryBaseMs,
      clock,
      signal,
    )
    let pending = first
    while (remaining(segment) > 0) {
      if (signal.aborted) throw signal.reason
      const before = segment.done
      try {
        let response: OpenedResponse
        if (pending) {
          response = pending.response
          pending = undefined
        } else {
          const lease = await this.keeper.current()
          const from = segment.start + segment.done
          const range =
            segment.end === unknownEnd ? `bytes=${from}-` : `bytes=${from}-${segment.end - 1}`
          response = await http.open(
            lease.url,
            { ...lease.headers, ...this.sourceHeaders(), range },
            signal,
          )
          const accepted = await this.acceptResponse(segment, response, lease, from)
          if (!accepted) continue
        }
        await this.pump(segment, response, signal)
        if (segment.end === unknownEnd) this.finishUnknownLength(segment)
      } catch (error) {
        if (signal.aborted) throw signal.reason
        if (error instanceof RangesIgnored) throw error
        const appError = error instanceof AppError ? error : toNetworkError(error)
        if (!transientErrorCodes.has(appError.code)) throw appError
        if (segment.done > before) {
          retries.progressed()
          continue
        }
        const attempt = await retries.failed(appError)
        this.dependencies.log.info(
          `job ${this.job.id}: connection at byte ${segment.start + segment.done} failed (${appError.message}); retry ${attempt}`,
        )
        continue
      }
      if (segment.done > before) {
        retries.progressed()
      } else if (remaining(segment) > 0) {
        // The server ended the body early without sending anything: count it like a failure.
        await retries.failed(
          new AppError('NetworkError', 'the server keeps closing the connection without data'),
        )
      }
    }
  }

  /** Validates a ranged response; false means "handled (renewed or completed), ask again". */
  private async acceptResponse(
    segment: WorkSegment,
    response: OpenedResponse,
    lease: Lease,
    from: number,
  ): Promise<boolean> {
    const verdict = checkResponse(
      { start: from, end: segment.end === unknownEnd ? undefined : segment.end - 1 },
      response.head,
      this.job.fileName ?? undefined,
    )
    switch (verdict.kind) {
      case 'accept': {
        const changed = identityChanged(
          {
            totalBytes: this.job.totalBytes,
            etag: this.job.etag,
            lastModified: this.job.lastModified,
          },
          verdict,
          this.job.sourceVersion === null && this.job.expectedSize === null,
        )
        if (changed) {
          response.destroy()
          throw new AppError('ContentChanged', changed)
        }
        return true
      }
      case 'ranges-ignored':
        throw new RangesIgnored(response, lease, verdict.total)
      case 'not-satisfiable': {
        response.destroy()
        const total = verdict.total ?? this.job.totalBytes
        if (total !== null && total === this.job.totalBytes && from >= total) {
          segment.end = from
          return false
        }
        throw new AppError(
          'ContentChanged',
          `the server answered 416 (object size ${verdict.total ?? 'unknown'})`,
        )
      }
      case 'denied':
        await this.handleDenial(response, lease, verdict)
        return false
      case 'error':
        if (verdict.code === 'ErrorPage') {
          await this.handleDenial(response, lease, verdict)
          return false
        }
        response.destroy()
        throw new AppError(verdict.code, verdict.detail)
    }
  }

  /**
   * Streams a response body into the part file (or memory) at the segment's cursor, stopping at
   * the segment end, which work stealing may move closer while we read.
   */
  private async pump(
    segment: WorkSegment,
    response: OpenedResponse,
    signal: AbortSignal,
  ): Promise<void> {
    const sink = this.sink
    if (!sink) throw new AppError('Internal', 'no part file open')
    const totalBytes = this.job.totalBytes
    await pumpBody(
      response,
      {
        sink,
        start: segment.start + segment.done,
        end: () => (segment.end === unknownEnd ? Infinity : segment.end),
        endsWithBody: () => segment.end === totalBytes,
        sniffAs: this.job.fileName ?? undefined,
        onPending: (bytes) => {
          segment.inflight = bytes
        },
        onWritten: (buffers, count, position) => {
          const effective = Math.max(0, Math.min(count, segment.end - position))
          if (segment.crc) updateCrc(segment.crc, buffers, effective)
          segment.done += effective
          this.receivedBytes += effective
          if (effective > 0) {
            this.keeper.noteProgress()
            this.hooks.onBytes(effective)
          }
        },
      },
      { settings: this.dependencies.settings, limiter: this.dependencies.limiter, signal },
    )
  }

  /** A body without a length ended: that was the whole object. */
  private finishUnknownLength(segment: WorkSegment): void {
    segment.end = segment.start + segment.done
    this.job = { ...this.job, totalBytes: segment.end }
    this.dependencies.repository.update(this.job.id, { totalBytes: segment.end })
    this.hooks.onChanged()
  }

  /** Verifies size and checksums, then publishes the part file under its final name. */
  async finalize(): Promise<FinishedOutput> {
    if (this.published) {
      const fileName = this.job.fileName as string
      const final = resolveInside(this.job.directory, fileName)
      const checks = await verifyPartFile(this.job, this.segmentRecords, final)
      return { fileName, totalBytes: this.job.totalBytes ?? this.doneBytes, checks }
    }
    const path = partPath(this.job)
    const checks = await verifyPartFile(this.job, this.segmentRecords, path, this.contents)
    // A small file's completion is written in a batch with other files' a moment later: its
    // part file's name stays until then (see `afterRecorded`).
    const fileName = await publishPartFile(
      this.job.directory,
      this.job.fileName as string,
      path,
      this.memory ? syncPublishOperations : asyncPublishOperations,
      this.memory !== undefined,
    )
    if (this.memory) {
      this.leftoverPartPath = path
      // Written, verified and published: its buffer serves the next small file.
      this.memory.release()
    }
    return { fileName, totalBytes: this.job.totalBytes ?? this.doneBytes, checks }
  }

  afterRecorded(): void {
    if (this.leftoverPartPath === undefined) return
    releasePartFile(this.leftoverPartPath)
    this.leftoverPartPath = undefined
  }

  /** Flushes written data to disk, then commits the segments that describe it. */
  private async commitProgress(): Promise<void> {
    const part = this.part
    if (!part) return
    // The segments as they are before the flush: the flush covers every byte they count.
    const snapshot = this.segmentRecords
    await part.flush()
    const now = this.dependencies.clock.now()
    this.dependencies.repository.saveProgress(this.job.id, snapshot, {
      doneBytes: doneBytes(snapshot),
      updatedAt: now,
      ownerUntil: now + this.dependencies.settings.ownershipMs,
    })
  }
}

function toRecord(segment: WorkSegment): SegmentRecord {
  return {
    start: segment.start,
    end: segment.end,
    done: segment.done,
    crc64: segment.crc ? formatCrc64(segment.crc.digest()) : null,
  }
}

function updateCrc(crc: Crc64, buffers: readonly Buffer[], count: number): void {
  let left = count
  for (const buffer of buffers) {
    if (left <= 0) return
    crc.update(left >= buffer.length ? buffer : buffer.subarray(0, left))
    left -= buffer.length
  }
}

/** A plain file over HTTP ranges: the kind every job is unless another kind takes it. */
export const fileTransferKind: TransferKind = {
  name: 'file',
  handles: () => true,
  create: (record, keeper, dependencies, hooks, signal) =>
    new Transfer(record, keeper, dependencies, hooks, signal),
  partialPaths: (record) => (record.fileName ? [partPath(record)] : []),
}

/** How many times the first connection's speed is looked at during the ramp-up. */
const rampUpLooks = 6

/** The speed between two moments of a transfer. */
function bytesPerSecond(
  from: { at: number; bytes: number },
  to: { at: number; bytes: number },
): number {
  return ((to.bytes - from.bytes) * 1000) / Math.max(1, to.at - from.at)
}
