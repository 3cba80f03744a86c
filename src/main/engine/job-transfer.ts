import type { AppError } from '../../shared/errors'
import type { JobPatch, JobRecord, JobRepository } from '../database/job-repository'
import type { Clock } from '../common/clock'
import type { FolderCache } from './folder-cache'
import type { HttpClient } from './http-client'
import type { LeaseKeeper } from './lease-keeper'
import type { Logger } from '../common/logger'
import type { TokenBucket } from './token-bucket'

/** How one attempt at a job ended; the job manager maps each kind to a state change. */
export type AttemptResult =
  | { kind: 'finished' }
  /** A temporary problem (network, 5xx, throttling): wait and try again. */
  | { kind: 'retry'; error: AppError }
  /** The object changed or failed verification: discard the partial file and start over. */
  | { kind: 'restart'; error: AppError }
  | { kind: 'failed'; error: AppError }
  /** A condition the user must fix (a full disk): keep the bytes and wait for them. */
  | { kind: 'paused'; error: AppError }
  /** Paused, canceled or shut down from outside. */
  | { kind: 'stopped' }

export interface TransferSettings {
  /** Smallest piece work stealing may cut (and below twice this a file gets one connection). */
  minPieceBytes: number
  /** How often progress is flushed and committed (a few times a second at most). */
  checkpointIntervalMs: number
  /** A connection that receives nothing for this long is dropped and reopened. */
  stallTimeoutMs: number
  /** Consecutive failures of one connection, without progress, before the attempt gives up. */
  connectionRetries: number
  retryBaseMs: number
  /** Bytes gathered before one positional write (fewer system calls than one per network chunk). */
  writeBatchBytes: number
  /** How long a fresh download runs on one connection before deciding whether to open more. */
  rampUpMs: number
  /** A first connection at least this fast makes more connections pointless. 0 = always open them. */
  fastConnectionBytesPerSecond: number
  /** Files up to this size are assembled in memory and written in one go (no checkpoints). */
  smallFileBytes: number
  /** Free space kept on the disk beyond the file itself. */
  diskReserveBytes: number
  /** How long a job's ownership lasts without renewal (another process may take it after). */
  ownershipMs: number
  /**
   * The most a response that states no length (chunked, or a closed connection ends it) may
   * send, for a file or an HLS segment: a server that never stops must not fill the disk.
   */
  maxUnknownLengthBytes: number
}

export interface TransferDependencies {
  repository: JobRepository
  http: HttpClient
  limiter: TokenBucket
  clock: Clock
  log: Logger
  settings: TransferSettings
  folders: FolderCache
  /**
   * Writes a job row together with the other rows written in this turn of the event loop
   * (one transaction for many small files); resolves once it is committed.
   */
  writeRow: (id: number, patch: JobPatch) => Promise<void>
  /** Claims a relative file name in a folder for a job; false when another live job holds it. */
  claimName: (directory: string, relativeName: string, jobId: number) => boolean
}

export interface TransferHooks {
  onPhase(phase: 'probing' | 'downloading' | 'refreshing'): void
  onBytes(count: number): void
  onChanged(): void
  onConnections(count: number): void
}

/** What a finished job ended up as. */
export interface FinishedOutput {
  /** Final name relative to the job's folder (a file, or a folder for HLS output). */
  fileName: string
  totalBytes: number
  /** What was verified, for the log (e.g. "size 1048576, CRC-64"). */
  checks: string
}

/**
 * One attempt at one job, whatever kind of download it is (one file over HTTP ranges, an HLS
 * stream of many segments). The job manager drives every kind through this interface, so states,
 * retries, pausing and events stay the same for all of them.
 */
export interface JobTransfer {
  /** The job as this attempt knows it (identity, file name, size learned while probing). */
  readonly record: JobRecord
  /** Bytes on disk (or in memory) for this job. */
  readonly doneBytes: number
  /** A small download held in memory: its passing states need not be stored. */
  readonly inMemory: boolean
  /**
   * What probing learned that is not in the database yet (an in-memory download writes its
   * identity with the state it ends in: one write per file instead of two); empty otherwise.
   */
  readonly unsavedPatch: JobPatch
  run(): Promise<AttemptResult>
  /** Verifies what was downloaded and publishes it under its final name, never overwriting. */
  finalize(): Promise<FinishedOutput>
  /**
   * Called once the job's row says "completed": removes what publishing left for a process
   * killed before that row was written (an in-memory download keeps its part file's name).
   */
  afterRecorded?(): void
}

/** A kind of download: which jobs it takes and how to run and clean them up. */
export interface TransferKind {
  readonly name: string
  handles(record: JobRecord): boolean
  create(
    record: JobRecord,
    keeper: LeaseKeeper,
    dependencies: TransferDependencies,
    hooks: TransferHooks,
    signal: AbortSignal,
  ): JobTransfer
  /** Partial files or folders a canceled or restarted job leaves behind (deleted recursively). */
  partialPaths(record: JobRecord): string[]
  /** Forgets stored progress when the job starts over (e.g. its own tables). */
  resetProgress?(record: JobRecord): void
}
