import type { JobPatch, JobRecord } from '../database/job-repository'
import type { LeaseKeeper } from './lease-keeper'
import type { AttemptResult, TransferDependencies, TransferHooks } from './transfer'

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
