import { promises as fs } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { JobSnapshot, JobState } from '../../../src/shared/jobs'
import { createAppRuntime, type AppRuntime } from '../../../src/main/runtime/app-runtime'
import { createFileKeySecretBox } from '../../../src/main/runtime/secret-box'
import type { RunningEmulator } from '../../../src/emulator/index'
import { quickEngineSettings, startAppHarness, type AppHarness } from './harness'

/** Archived sources through the app's services (what the window and the headless host call). */

let harness: AppHarness | undefined
let reopened: AppRuntime | undefined

afterEach(async () => {
  await reopened?.close()
  reopened = undefined
  await harness?.cleanup()
  harness = undefined
})

async function sourceBytes(emulator: RunningEmulator, mediaId: string): Promise<Buffer> {
  const media = emulator.library.findMedia(mediaId)
  return fs.readFile(join(emulator.library.mediaDirectory, media?.source.file ?? ''))
}

/** Resolves when the runtime's engine reports the job in one of the states. */
function waitForState(
  runtime: AppRuntime,
  id: number,
  states: readonly JobState[],
): Promise<JobSnapshot> {
  const known = runtime.engine.manager.get(id)
  if (known && states.includes(known.state)) return Promise.resolve(known)
  return new Promise((resolve) => {
    const subscription = runtime.engine.manager.events.on('state', (job) => {
      if (job.id !== id || !states.includes(job.state)) return
      subscription.dispose()
      resolve(job)
    })
  })
}

describe('archived sources in the app', () => {
  it('shows the storage class and offers a restore, and refuses a plain download', async () => {
    harness = await startAppHarness({ emulator: { restoreSeconds: 1 } })
    const id = harness.emulator.library.roles.coldArchive
    const details = await harness.call('media.details', { mediaId: id, mediaType: 'video' })
    expect(details.media.storageClass).toBe('ColdArchive')
    const source = details.files.find((file) => file.kind === 'source')!
    expect(source).toMatchObject({
      downloadable: false,
      reason: { code: 'Archived' },
      archive: {
        storageClass: 'ColdArchive',
        restoreStatus: null,
        restoreExpiration: null,
        restorable: true,
      },
    })
    expect(source.reason?.messageZh).toContain('归档存储')
    // The whole item is in Cold Archive: its renditions are frozen too, and say so.
    const renditions = details.files.filter((file) => file.kind === 'rendition')
    expect(renditions.length).toBeGreaterThan(0)
    expect(renditions.every((file) => !file.downloadable && file.reason?.code === 'Archived')).toBe(
      true,
    )
    const refused = await harness.failure('downloads.enqueue', {
      items: [{ reference: source.reference }],
    })
    expect(refused.code).toBe('Archived')
    expect(harness.emulator.restoreOf(id)).toBeUndefined()

    const listed = await harness.call('library.search', {
      mediaType: 'video',
      title: 'Brand film 2018',
    })
    expect(listed.items.find((item) => item.mediaId === id)?.storageClass).toBe('ColdArchive')
  })

  it('restores with the tier and days asked for, waits in retrying, then downloads by itself', async () => {
    harness = await startAppHarness({ emulator: { restoreSeconds: 2 } })
    const { emulator } = harness
    const id = emulator.library.roles.coldArchive
    const details = await harness.call('media.details', { mediaId: id, mediaType: 'video' })
    const source = details.files.find((file) => file.kind === 'source')!
    const [job] = (
      await harness.call('downloads.enqueue', {
        items: [{ reference: source.reference }],
        restore: { tier: 'Bulk', days: 5 },
      })
    ).jobs
    const waiting = await harness.waitForJob(job!.id, ['retrying'])
    expect(waiting.error?.code).toBe('RestorePending')
    expect(waiting.error?.detail).toContain('tier Bulk')
    expect(waiting.nextAttemptAt).toBeGreaterThan(Date.now())
    expect(waiting.attempts).toBe(0)
    expect(emulator.restoreOf(id)).toEqual({ status: 'Processing', tier: 'Bulk', days: 5 })
    // While it runs, the details say so.
    const during = await harness.call('media.details', { mediaId: id, mediaType: 'video' })
    expect(during.files.find((file) => file.kind === 'source')?.archive).toMatchObject({
      restoreStatus: 'Processing',
      restorable: true,
    })

    const done = await harness.waitForJob(job!.id, ['completed', 'failed'])
    expect(done.error).toBeNull()
    expect(done.state).toBe('completed')
    const written = await fs.readFile(join(done.directory, done.fileName))
    expect(written.equals(await sourceBytes(emulator, id))).toBe(true)
    expect(emulator.log.filter((entry) => entry.action === 'RestoreMedia')).toHaveLength(1)

    // Restored: the source is an ordinary download now, readable until the expiration.
    const after = await harness.call('media.details', { mediaId: id, mediaType: 'video' })
    const restored = after.files.find((file) => file.kind === 'source')!
    expect(restored.downloadable).toBe(true)
    expect(restored.archive).toMatchObject({ restoreStatus: 'Success', restorable: false })
    expect(Date.parse(restored.archive?.restoreExpiration ?? '')).toBeGreaterThan(
      Date.now() + 4 * 86_400_000,
    )
  })

  it('counts archived sources in a batch and restores them only when asked', async () => {
    harness = await startAppHarness({ emulator: { restoreSeconds: 1 } })
    const { roles } = harness.emulator.library
    const request = {
      mediaType: 'video' as const,
      mediaIds: [roles.archivedSource, roles.normalWithHdMp4],
      selection: 'source' as const,
    }
    const plain = await harness.call('downloads.summarize', request)
    expect(plain).toMatchObject({ count: 1, archived: 1 })
    const restoring = await harness.call('downloads.summarize', {
      ...request,
      restore: { tier: 'Standard', days: 1 },
    })
    expect(restoring).toMatchObject({ count: 2, archived: 1 })
    const result = await harness.call('downloads.enqueueSelection', {
      ...request,
      restore: { tier: 'Standard', days: 1 },
    })
    expect(result.jobs).toHaveLength(2)
    const done = await Promise.all(
      result.jobs.map((job) => harness!.waitForJob(job.id, ['completed', 'failed'])),
    )
    expect(done.map((job) => job.state)).toEqual(['completed', 'completed'])
    // Archive (not Cold Archive): no priority is sent, one day asked for.
    expect(harness.emulator.restoreOf(roles.archivedSource)).toMatchObject({
      status: 'Success',
      days: 1,
    })
  })

  it('goes on with a restore after the app restarts in the middle of it', async () => {
    harness = await startAppHarness({ emulator: { restoreSeconds: 10 } })
    const { emulator } = harness
    const id = emulator.library.roles.archivedSource
    const details = await harness.call('media.details', { mediaId: id, mediaType: 'video' })
    const source = details.files.find((file) => file.kind === 'source')!
    const [job] = (
      await harness.call('downloads.enqueue', {
        items: [{ reference: source.reference }],
        restore: { tier: 'Standard', days: 2 },
      })
    ).jobs
    const waiting = await harness.waitForJob(job!.id, ['retrying'])
    expect(waiting.error?.code).toBe('RestorePending')
    await harness.runtime.close()

    reopened = createAppRuntime({
      dataFolder: harness.dataFolder,
      shell: 'headless',
      secretBox: createFileKeySecretBox(harness.dataFolder),
      log: { info: () => undefined, warn: () => undefined, error: () => undefined },
      environment: {},
      downloadFolder: harness.downloadFolder,
      version: '9.9.9-test',
      engineSettings: quickEngineSettings,
    })
    // The wait is in the job's row: after the restart it is still waiting, not failed or lost.
    const found = reopened.engine.manager.get(job!.id)
    expect(found?.state).toBe('retrying')
    expect(found?.nextAttemptAt).toBe(waiting.nextAttemptAt)
    const done = await waitForState(reopened, job!.id, ['completed', 'failed'])
    expect(done.error).toBeNull()
    expect(done.state).toBe('completed')
    const written = await fs.readFile(join(done.directory, done.fileName))
    expect(written.equals(await sourceBytes(emulator, id))).toBe(true)
    // The restarted app found the restore running and did not ask for another.
    expect(emulator.log.filter((entry) => entry.action === 'RestoreMedia')).toHaveLength(1)
  })

  it('fails the job with why when the restore fails, and a retry asks for a new one', async () => {
    harness = await startAppHarness({ emulator: { restoreSeconds: 1 } })
    const { emulator } = harness
    const id = emulator.library.roles.archivedSource
    emulator.failRestore(id)
    const details = await harness.call('media.details', { mediaId: id, mediaType: 'video' })
    const source = details.files.find((file) => file.kind === 'source')!
    const [job] = (
      await harness.call('downloads.enqueue', {
        items: [{ reference: source.reference }],
        restore: { tier: 'Standard', days: 1 },
      })
    ).jobs
    const failed = await harness.waitForJob(job!.id, ['failed', 'completed'])
    expect(failed.state).toBe('failed')
    expect(failed.error?.code).toBe('RestoreFailed')
    expect(failed.error?.detail).toContain('RestoreStatus Failed')
    expect(failed.error?.messageZh).toContain('解冻失败')

    await harness.call('downloads.retry', { ids: [job!.id] })
    const done = await harness.waitForJob(job!.id, ['completed'])
    expect(done.state).toBe('completed')
    expect(emulator.log.filter((entry) => entry.action === 'RestoreMedia')).toHaveLength(2)
  })
})
