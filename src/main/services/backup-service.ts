import { randomUUID } from 'node:crypto'
import { mkdirSync } from 'node:fs'
import path from 'node:path'
import type {
  BackupDefinition,
  BackupRunProgress,
  BackupRunSummary,
  BackupView,
  DomainHandlers,
  ParsedRequestInput,
  ShellKind,
} from '../../shared/contract'
import { AppError, asAppError } from '../../shared/errors'
import type { Settings } from '../../shared/settings'
import { runBackup } from '../backup/backup-run'
import { validateBackupRequest } from '../backup/backup-request'
import { runningEngineDownloads } from '../backup/engine-downloads'
import type { BackupProgress } from '../backup/run-context'
import { openBackupManifest } from '../database/backup-manifest-repository'
import type { JobRepository } from '../database/job-repository'
import type { JobManager } from '../engine/job-manager'
import type { Logger } from '../common/logger'
import type { VodClient } from '../vod/client'
import {
  backupsKey,
  failedSummary,
  nextRunAt,
  readStoredBackups,
  requestOfBackup,
  summaryOfReport,
  type StoredBackups,
} from './backup-records'
import type { EventSink } from './event-hub'
import type { KeyValueStore } from './settings-service'
import { isNetworkPath, requireTargetFolder } from './target-folders'

export interface BackupServiceDependencies {
  /** The settings store of the job database: saved backups and their last runs. */
  store: Pick<KeyValueStore, 'get' | 'set'>
  client: VodClient
  engine: Pick<JobManager, 'addMany' | 'get' | 'retry' | 'relocate' | 'events'>
  jobs: Pick<JobRepository, 'get'>
  settings: () => Settings
  /**
   * Where the window may send a backup: on the desktop main checks folders the user chose
   * (target-folder-guard.ts); headless, only the download folder and folders inside it count.
   */
  shell: ShellKind
  events: EventSink
  now: () => number
  log: Logger
  /** How often schedules are looked at (default once a minute); 0: never (tests call `tick`). */
  scheduleCheckMs?: number
  /** Progress events at most this often per backup (default 500 ms). */
  progressIntervalMs?: number
}

type SaveInput = ParsedRequestInput<'backups.save'>

interface ActiveRun {
  controller: AbortController
  progress: BackupRunProgress
  lastEmit: number
  done: Promise<void>
}

/**
 * Saved library backups: add and change them, run one now or on its schedule (every N hours
 * while the app runs), and tell the window as they go. A run is `vod-dl vod sync` with the
 * app's engine: its downloads join the Downloads list as one batch, and its plan lives in the
 * backup folder's manifest, so a run the app did not finish continues next time.
 */
export class BackupService {
  private readonly active = new Map<string, ActiveRun>()
  private readonly timer: NodeJS.Timeout | undefined
  private closed = false

  constructor(private readonly dependencies: BackupServiceDependencies) {
    const every = dependencies.scheduleCheckMs ?? 60_000
    if (every > 0) {
      this.timer = setInterval(() => this.tick(), every)
      this.timer.unref()
    }
  }

  list(): BackupView[] {
    const stored = this.stored()
    return stored.definitions.map((definition) => this.view(definition, stored))
  }

  save(input: SaveInput): BackupView {
    const folder = this.checkedFolder(input.folder)
    const stored = this.stored()
    const existing = input.id
      ? stored.definitions.find((definition) => definition.id === input.id)
      : undefined
    if (input.id && !existing) throw new AppError('NotFound', `backup ${input.id}`)
    const definition: BackupDefinition = {
      id: existing?.id ?? randomUUID(),
      name: input.name,
      source: input.source,
      mediaTypes: [...new Set(input.mediaTypes)],
      files: [...new Set(input.files)],
      folder,
      scheduleHours: input.scheduleHours,
      createdAt: existing?.createdAt ?? this.dependencies.now(),
    }
    validateBackupRequest(requestOfBackup(definition, 'cdn'))
    const definitions = existing
      ? stored.definitions.map((entry) => (entry.id === definition.id ? definition : entry))
      : [...stored.definitions, definition]
    this.write({ ...stored, definitions })
    this.announce()
    return this.view(definition, this.stored())
  }

  remove(id: string): void {
    const stored = this.stored()
    this.active.get(id)?.controller.abort()
    const { [id]: _dropped, ...lastRuns } = stored.lastRuns
    this.write({
      definitions: stored.definitions.filter((definition) => definition.id !== id),
      lastRuns,
    })
    this.announce()
  }

  /** Starts a run unless one is going; answers the backup as it is now. */
  run(id: string): BackupView {
    const stored = this.stored()
    const definition = stored.definitions.find((entry) => entry.id === id)
    if (!definition) throw new AppError('NotFound', `backup ${id}`)
    if (!this.active.has(id)) this.start(definition)
    return this.view(definition, this.stored())
  }

  /** Runs every scheduled backup that is due (the timer calls it; tests call it directly). */
  tick(): void {
    if (this.closed) return
    const stored = this.stored()
    const now = this.dependencies.now()
    for (const definition of stored.definitions) {
      const due = nextRunAt(definition, stored.lastRuns[definition.id] ?? null)
      if (due !== null && due <= now && !this.active.has(definition.id)) this.start(definition)
    }
  }

  /** Resolves when no run is going (tests; the app closing). */
  async idle(): Promise<void> {
    while (this.active.size > 0) await Promise.all([...this.active.values()].map((run) => run.done))
  }

  /** Stops the schedule and any run (each continues from its manifest next time). */
  async close(): Promise<void> {
    this.closed = true
    if (this.timer) clearInterval(this.timer)
    for (const run of this.active.values()) run.controller.abort()
    await this.idle()
  }

  private start(definition: BackupDefinition): void {
    const controller = new AbortController()
    const startedAt = this.dependencies.now()
    const active: ActiveRun = {
      controller,
      progress: { phase: 'listing', listed: 0, resolved: 0, downloads: 0, downloaded: 0, failed: 0 },
      lastEmit: 0,
      done: Promise.resolve(),
    }
    this.active.set(definition.id, active)
    active.done = this.execute(definition, active, startedAt).finally(() => {
      this.active.delete(definition.id)
      this.announce()
    })
    this.announce()
  }

  private async execute(
    definition: BackupDefinition,
    active: ActiveRun,
    startedAt: number,
  ): Promise<void> {
    const { now, log } = this.dependencies
    let summary: BackupRunSummary
    let manifest: ReturnType<typeof openBackupManifest> | undefined
    try {
      const folder = this.checkedFolder(definition.folder)
      mkdirSync(folder, { recursive: true })
      manifest = openBackupManifest(folder)
      const report = await runBackup(
        {
          client: this.dependencies.client,
          manifest,
          downloads: runningEngineDownloads(this.dependencies.engine, this.dependencies.jobs),
          now,
          onProgress: (progress) => this.progressed(active, progress),
          signal: active.controller.signal,
        },
        {
          folder,
          request: requestOfBackup(definition, this.dependencies.settings().defaultAddressType),
          dryRun: false,
        },
      )
      summary = summaryOfReport(report, startedAt, now())
    } catch (error) {
      const appError = asAppError(error)
      if (appError.code !== 'Canceled') log.warn(`backup "${definition.name}": ${appError.message}`)
      summary = failedSummary(startedAt, now(), appError.toData())
    } finally {
      manifest?.close()
    }
    const stored = this.stored()
    if (stored.definitions.some((entry) => entry.id === definition.id)) {
      this.write({ ...stored, lastRuns: { ...stored.lastRuns, [definition.id]: summary } })
    }
  }

  private progressed(active: ActiveRun, progress: BackupProgress): void {
    active.progress = { ...progress }
    const now = this.dependencies.now()
    if (now - active.lastEmit < (this.dependencies.progressIntervalMs ?? 500)) return
    active.lastEmit = now
    this.announce()
  }

  /**
   * An absolute folder the window may name. Headless, where the window has no folder picker,
   * it must be the download folder or inside it (saving one in Settings is the user's choice).
   */
  private checkedFolder(folder: string): string {
    const platform = process.platform
    if (platform === 'win32' && isNetworkPath(folder)) {
      throw new AppError('FolderNotAllowed', `${folder} is a network path`)
    }
    if (!(platform === 'win32' ? path.win32 : path.posix).isAbsolute(folder)) {
      throw new AppError('InvalidInput', 'the backup folder must be an absolute path')
    }
    if (this.dependencies.shell === 'headless') {
      requireTargetFolder(folder, [this.dependencies.settings().downloadDirectory], platform)
    }
    return path.resolve(folder)
  }

  private view(definition: BackupDefinition, stored: StoredBackups): BackupView {
    const lastRun = stored.lastRuns[definition.id] ?? null
    return {
      ...definition,
      lastRun,
      running: this.active.get(definition.id)?.progress ?? null,
      nextRunAt: nextRunAt(definition, lastRun),
    }
  }

  private stored(): StoredBackups {
    return readStoredBackups(this.dependencies.store.get(backupsKey))
  }

  private write(stored: StoredBackups): void {
    this.dependencies.store.set(backupsKey, stored)
  }

  private announce(): void {
    this.dependencies.events({ event: 'backups.changed', payload: this.list() })
  }
}

/** The `backups.*` requests. */
export function backupsHandlers(service: BackupService): DomainHandlers<'backups'> {
  return {
    'backups.list': () => Promise.resolve(service.list()),
    'backups.save': (input) => Promise.resolve(service.save(input)),
    'backups.remove': (input) => {
      service.remove(input.id)
      return Promise.resolve(null)
    },
    'backups.run': (input) => Promise.resolve(service.run(input.id)),
  }
}
