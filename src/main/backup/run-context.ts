import type { JobSnapshot } from '../../shared/jobs'
import type { BackupManifestRepository, RunRecord } from '../database/backup-manifest-repository'
import type { NewJob } from '../engine/job-manager'
import type { VodClient } from '../vod/client'
import type { BackupRequest } from './backup-request'
import type { FileSelection } from './item-files'
import type { RunPhase } from './plan-types'

/**
 * What the phases of a backup run share. The downloads are a port: the CLI runs them in its own
 * engine in the foreground, the app adds them to the engine that serves the Downloads screen.
 */

/** The engine, as a backup run uses it. */
export interface BackupDownloads {
  /** Adds jobs as one batch (one row in the Downloads list); answers them in order. */
  add(jobs: readonly NewJob[], label: string): JobSnapshot[]
  get(id: number): JobSnapshot | undefined
  /** The checksums the engine verified a finished job against (the server's, when it sent them). */
  checksums(id: number): { md5: string | null; crc64: string | null }
  /** Starts a failed or canceled job again, keeping what it has. */
  retry(id: number): void
  /**
   * Runs the jobs (or waits for the engine that runs them) until each has ended — completed,
   * failed, canceled or paused — calling `onEnded` as each one does.
   */
  run(ids: readonly number[], onEnded: (job: JobSnapshot) => Promise<void> | void): Promise<void>
  /** Records that a finished job's file now lives elsewhere (the run moved it into place). */
  relocate(id: number, directory: string, fileName: string): void
  /**
   * Finished jobs whose files the manifest now records: the CLI drops them from the job
   * database (the manifest is their record); the app keeps them for the Downloads list.
   */
  forget(ids: readonly number[]): void
}

/** How far a run is, for a progress line or the Backups screen. */
export interface BackupProgress {
  phase: RunPhase
  /** Items listed so far. */
  listed: number
  /** Items whose files were listed or checked. */
  resolved: number
  /** Files to download, and how many of them ended. */
  downloads: number
  downloaded: number
  failed: number
}

export interface RunContext {
  folder: string
  request: BackupRequest
  selection: FileSelection & { word: string }
  /** Stored per item (`selectionWordOf`). */
  selectionWord: string
  templateChanged: boolean
  /** A category scope: the category and every one below it (from the category tree). */
  categoryIds: number[] | null
  manifest: BackupManifestRepository
  client: VodClient
  downloads: BackupDownloads
  now: () => number
  run: RunRecord
  progress: BackupProgress
  onProgress: (progress: BackupProgress) => void
  /** Items whose files are listed (or checked) at once. */
  batchSize: number
  /** Parallel item listings. */
  concurrency: number
  /** Files queued and run at a time, so the engine holds at most this many of the run's jobs. */
  downloadSlice: number
  /** Connections per file, when asked. */
  connections: number | undefined
  signal: AbortSignal | undefined
}
