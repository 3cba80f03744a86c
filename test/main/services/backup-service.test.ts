import { existsSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { BackupService } from '../../../src/main/services/backup-service'
import { backupsKey } from '../../../src/main/services/backup-records'
import type { VodClient } from '../../../src/main/vod/client'
import { openBackupManifest } from '../../../src/main/database/backup-manifest-repository'
import type { BackupView, EventMessage } from '../../../src/shared/contract'
import { AppError } from '../../../src/shared/errors'
import { createDefaultSettings } from '../../../src/shared/settings'
import { startAppHarness, type AppHarness } from './harness'

let harness: AppHarness | undefined

afterEach(async () => {
  await harness?.cleanup()
  harness = undefined
})

function finished(id: string) {
  return (backups: BackupView[]): boolean =>
    backups.some((backup) => backup.id === id && backup.running === null && backup.lastRun !== null)
}

describe('the Backups service through the contract', () => {
  it('saves a backup, runs it with the app engine, and a second run downloads nothing', async () => {
    harness = await startAppHarness({ emulator: { largeSourceBytes: 1024 * 1024 } })
    await harness.connectDemoAccount()
    const folder = join(harness.downloadFolder, 'Backup')
    const saved = await harness.call('backups.save', {
      name: 'Masters',
      source: { kind: 'library' },
      mediaTypes: ['video', 'image'],
      files: ['source', 'image'],
      folder,
      scheduleHours: 12,
    })
    expect(saved).toMatchObject({ name: 'Masters', lastRun: null, running: null })
    expect(saved.nextRunAt).toBe(saved.createdAt + 12 * 3_600_000)
    expect(await harness.call('backups.list', {})).toHaveLength(1)

    const done = harness.nextEvent('backups.changed', finished(saved.id))
    const started = await harness.call('backups.run', { id: saved.id })
    expect(started.running).not.toBeNull()
    const [first] = (await done).filter((backup) => backup.id === saved.id)
    expect(first?.lastRun).toMatchObject({ outcome: 'incomplete', error: null })
    expect(first?.lastRun?.files.failed).toBe(0)
    expect(first?.lastRun?.files.downloaded).toBeGreaterThan(40)
    // The demo library archives two sources: they wait for a restore, so the run is incomplete.
    expect(first?.lastRun?.files.needsRestore).toBe(2)
    expect(first?.nextRunAt).toBe((first?.lastRun?.startedAt ?? 0) + 12 * 3_600_000)
    // The downloads went through the app's engine, as one batch of the Downloads list.
    const jobs = await harness.call('downloads.list', {})
    expect(jobs.filter((job) => job.directory === folder)).toHaveLength(
      first?.lastRun?.files.downloaded ?? -1,
    )
    expect(new Set(jobs.map((job) => job.batchId)).size).toBe(1)
    const manifest = openBackupManifest(folder)
    const files = manifest.listFiles({ mediaId: '', selector: '' }, 1000)
    manifest.close()
    expect(files.every((file) => existsSync(join(folder, file.localPath)))).toBe(true)

    const again = harness.nextEvent('backups.changed', (backups) =>
      backups.some(
        (backup) =>
          backup.lastRun !== null &&
          backup.lastRun.startedAt > (first?.lastRun?.startedAt ?? 0) &&
          backup.running === null,
      ),
    )
    await harness.call('backups.run', { id: saved.id })
    const [second] = await again
    expect(second?.lastRun?.files.downloaded).toBe(0)
    expect(second?.lastRun?.items.new).toBe(0)

    await harness.call('backups.remove', { id: saved.id })
    expect(await harness.call('backups.list', {})).toEqual([])
    expect(existsSync(folder)).toBe(true)
  })

  it('refuses a folder the headless window may not name, and a relative one', async () => {
    harness = await startAppHarness()
    const backup = {
      name: 'Elsewhere',
      source: { kind: 'library' as const },
      mediaTypes: ['video' as const],
      files: ['source' as const],
      scheduleHours: null,
    }
    expect(await harness.failure('backups.save', { ...backup, folder: '/etc/vod' })).toMatchObject({
      code: 'FolderNotAllowed',
    })
    expect(
      await harness.failure('backups.save', { ...backup, folder: 'relative/x' }),
    ).toMatchObject({ code: 'InvalidInput' })
    expect(
      await harness.failure('backups.save', {
        ...backup,
        folder: harness.downloadFolder,
        source: { kind: 'search' },
      }),
    ).toMatchObject({ code: 'InvalidInput' })
  })
})

describe('the Backups schedule', () => {
  it('runs a backup every N hours while the app runs, counting from its last run', async () => {
    let now = 1_000_000
    const stored = new Map<string, unknown>()
    const events: EventMessage[] = []
    // No account: a run ends at once, failed, which is all the schedule needs to be seen.
    const client = {
      searchMedia: () => Promise.reject(new AppError('NotConfigured')),
      getCategories: () => Promise.reject(new AppError('NotConfigured')),
    } as unknown as VodClient
    const downloads = await mkdtemp(join(tmpdir(), 'vod-backup-schedule-'))
    const settings = createDefaultSettings(downloads)
    const service = new BackupService({
      store: { get: (key) => stored.get(key), set: (key, value) => stored.set(key, value) },
      client,
      engine: {} as never,
      jobs: { get: () => undefined },
      settings: () => settings,
      shell: 'headless',
      events: (message) => events.push(message),
      now: () => now,
      log: { info: () => undefined, warn: () => undefined, error: () => undefined },
      scheduleCheckMs: 0,
    })
    const saved = service.save({
      name: 'Nightly',
      source: { kind: 'library' },
      mediaTypes: ['video'],
      files: ['source'],
      folder: join(downloads, 'Nightly'),
      scheduleHours: 2,
    })
    now += 3_600_000
    service.tick()
    await service.idle()
    expect(service.list()[0]?.lastRun).toBeNull()

    now = saved.createdAt + 2 * 3_600_000
    service.tick()
    expect(service.list()[0]?.running).not.toBeNull()
    await service.idle()
    const [ran] = service.list()
    expect(ran?.lastRun).toMatchObject({ outcome: 'failed', error: { code: 'NotConfigured' } })
    expect(ran?.nextRunAt).toBe(now + 2 * 3_600_000)
    expect(events.filter((event) => event.event === 'backups.changed').length).toBeGreaterThan(2)
    expect(stored.get(backupsKey)).toMatchObject({
      lastRuns: { [saved.id]: { outcome: 'failed' } },
    })

    service.tick()
    await service.idle()
    expect(service.list()[0]?.lastRun?.startedAt).toBe(now)
    await service.close()
    await rm(downloads, { recursive: true, force: true })
  })
})
