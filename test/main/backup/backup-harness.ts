import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { defaultBackupTemplate } from '../../../src/main/backup/backup-layout'
import type { BackupReport } from '../../../src/main/backup/backup-report'
import type { BackupRequest } from '../../../src/main/backup/backup-request'
import { runBackup } from '../../../src/main/backup/backup-run'
import { runningEngineDownloads } from '../../../src/main/backup/engine-downloads'
import type { BackupDownloads, BackupProgress } from '../../../src/main/backup/run-context'
import { openBackupManifest } from '../../../src/main/database/backup-manifest-repository'
import { systemClock } from '../../../src/main/common/clock'
import { createEngineRuntime, type EngineRuntime } from '../../../src/main/runtime/engine-runtime'
import { createVodClient } from '../../../src/main/vod/create-vod-client'
import { VodSourceResolver } from '../../../src/main/vod/vod-source-resolver'
import {
  startEmulator,
  type EmulatorOptions,
  type RunningEmulator,
} from '../../../src/emulator/index'

/**
 * A backup against the VOD emulator, in this process: the real SDK client, a real engine with
 * its job database, a real manifest and a real backup folder in a temporary directory.
 */
export interface BackupHarness {
  emulator: RunningEmulator
  folder: string
  engine: EngineRuntime
  sync(
    request?: Partial<BackupRequest>,
    options?: {
      dryRun?: boolean
      signal?: AbortSignal
      onProgress?: (progress: BackupProgress) => void
      /** Files queued and run at a time. */
      downloadSlice?: number
      /** Wraps the engine port (to watch or change what the run asks of the engine). */
      downloads?: (engine: BackupDownloads) => BackupDownloads
    },
  ): Promise<BackupReport & { continued: boolean }>
  /** Marks the emulator's log; `since(mark)` answers what was served after it. */
  mark(): number
  apiCalls(mark: number, action?: string): number
  mediaRequests(mark: number): number
  close(): Promise<void>
}

export const baseRequest: BackupRequest = {
  mediaTypes: ['video', 'audio', 'image'],
  scope: { kind: 'all' },
  since: null,
  files: ['source', 'image'],
  definition: null,
  format: null,
  outputType: 'cdn',
  authTimeout: null,
  template: defaultBackupTemplate,
  verify: false,
  deleteGone: false,
}

export async function startBackupHarness(options: EmulatorOptions = {}): Promise<BackupHarness> {
  const emulator = await startEmulator({ largeSourceBytes: 2 * 1024 * 1024, ...options })
  const root = await mkdtemp(join(tmpdir(), 'vod-backup-'))
  const folder = join(root, 'backup')
  const client = createVodClient(() => ({
    credentials: {
      kind: 'access-key',
      accessKeyId: emulator.accessKeyId,
      accessKeySecret: emulator.accessKeySecret,
    },
    regionId: emulator.regionId,
    endpoint: emulator.endpoint,
  }))
  const engine = createEngineRuntime({
    dataFolder: join(root, 'home'),
    resolvers: [
      new VodSourceResolver({
        client,
        clock: systemClock,
        settings: () => ({ defaultAuthTimeoutSeconds: 3600 }),
      }),
    ],
    settings: { maxConcurrentJobs: 4, jobRetryBaseMs: 50 },
  })
  engine.manager.start()
  const apiEntries = (mark: number) =>
    emulator.log.slice(mark).filter((entry) => entry.kind === 'api' && entry.status === 200)
  return {
    emulator,
    folder,
    engine,
    async sync(request = {}, options = {}) {
      const manifest = openBackupManifest(folder)
      const mark = emulator.log.length
      try {
        return await runBackup(
          {
            client,
            manifest,
            downloads: (options.downloads ?? ((port) => port))(
              runningEngineDownloads(engine.manager, engine.jobs),
            ),
            now: Date.now,
            apiCalls: () => apiEntries(mark).length,
            ...(options.signal ? { signal: options.signal } : {}),
            ...(options.onProgress ? { onProgress: options.onProgress } : {}),
          },
          {
            folder,
            request: { ...baseRequest, ...request },
            dryRun: options.dryRun ?? false,
            ...(options.downloadSlice === undefined
              ? {}
              : { downloadSlice: options.downloadSlice }),
          },
        )
      } finally {
        manifest.close()
      }
    },
    mark: () => emulator.log.length,
    apiCalls: (mark, action) =>
      apiEntries(mark).filter((entry) => action === undefined || entry.action === action).length,
    mediaRequests: (mark) =>
      emulator.log.slice(mark).filter((entry) => entry.kind === 'media').length,
    async close() {
      await engine.close()
      await emulator.close()
      await rm(root, { recursive: true, force: true })
    },
  }
}
