import { join } from 'node:path'
import { openDatabase, type SqliteDatabase } from '../database/connection'
import { HlsSegmentRepository } from '../database/hls-segment-repository'
import { JobRepository } from '../database/job-repository'
import { SettingsRepository } from '../database/settings-repository'
import { systemClock, type Clock } from '../common/clock'
import { HttpClient, type AgentChooser } from '../engine/http-client'
import { JobManager, type EngineSettings } from '../engine/job-manager'
import { redactingLogger, silentLogger, type Logger } from '../common/logger'
import type { SourceResolver } from '../engine/source'
import type { TransferKind } from '../engine/job-transfer'
import { UrlSourceResolver } from '../engine/url-source'
import { findExecutable } from '../hls/ffmpeg-remux'
import { createHlsTransferKind, type HlsSettings } from '../hls/hls-kind'
import { ensureDataFolder } from './data-folder'

export interface EngineRuntimeOptions {
  dataFolder: string
  log?: Logger
  clock?: Clock
  settings?: Partial<EngineSettings>
  /** Resolvers for source kinds beyond plain URLs (the VOD resolver). */
  resolvers?: readonly SourceResolver[]
  /** Kinds of download beyond plain files; default: HLS with `hls`. */
  transferKinds?: readonly TransferKind[]
  /** HLS output, key token and ffmpeg lookup (default: auto output, ffmpeg from PATH). */
  hls?: Partial<HlsSettings>
  /** Chooses each request's agents, i.e. its proxy (`createProxyNetwork`); default direct. */
  agents?: AgentChooser
}

/** The engine and what it stands on, wired for one process (CLI, headless host or desktop). */
export interface EngineRuntime {
  database: SqliteDatabase
  jobs: JobRepository
  settings: SettingsRepository
  http: HttpClient
  manager: JobManager
  close(): Promise<void>
}

export function databasePath(dataFolder: string): string {
  return join(dataFolder, 'jobs.sqlite')
}

export function createEngineRuntime(options: EngineRuntimeOptions): EngineRuntime {
  const log = options.log ? redactingLogger(options.log) : silentLogger
  ensureDataFolder(options.dataFolder, { onWarning: (message) => log.warn(message) })
  // Another process (the app, another vod-dl) may be creating or migrating the same database.
  const database = openDatabase(databasePath(options.dataFolder), {
    onWait: (message) => log.warn(message),
  })
  const jobs = new JobRepository(database)
  const settings = new SettingsRepository(database)
  const http = new HttpClient(options.agents ? { agents: options.agents } : {})
  const manager = new JobManager({
    repository: jobs,
    resolvers: [new UrlSourceResolver(), ...(options.resolvers ?? [])],
    http,
    clock: options.clock ?? systemClock,
    log,
    settings: options.settings,
    transferKinds: options.transferKinds ?? [
      createHlsTransferKind({
        locateFfmpeg: () => findExecutable('ffmpeg', process.env),
        ...options.hls,
        repository: new HlsSegmentRepository(database),
      }),
    ],
  })
  return {
    database,
    jobs,
    settings,
    http,
    manager,
    async close() {
      await manager.stop()
      http.close()
      database.close()
    },
  }
}
