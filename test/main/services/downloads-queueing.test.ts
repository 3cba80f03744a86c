import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { DownloadableFile } from '../../../src/shared/contract'
import { startAppHarness, type AppHarness } from './harness'

let harness: AppHarness | undefined

afterEach(async () => {
  await harness?.cleanup()
  harness = undefined
})

function find(
  files: readonly DownloadableFile[],
  kind: DownloadableFile['kind'],
): DownloadableFile {
  const file = files.find(
    (candidate) =>
      candidate.kind === kind &&
      (kind !== 'rendition' ||
        (candidate.definition === 'HD' &&
          candidate.format === 'mp4' &&
          candidate.status === 'Normal')),
  )
  if (!file) throw new Error(`no ${kind} listed`)
  return file
}

async function filesOf(test: AppHarness, mediaId: string): Promise<DownloadableFile[]> {
  return (await test.call('media.details', { mediaId, mediaType: 'video' })).files
}

describe('queueing: what was added, and names already taken', () => {
  it('asks about a taken name once, then skips, keeps both, or replaces only an unfinished download of ours', async () => {
    harness = await startAppHarness({ emulator: { largeSourceBytes: 8 * 1024 * 1024 } })
    const test = harness
    const { roles } = test.emulator.library
    const hd = find(await filesOf(test, roles.normalWithHdMp4), 'rendition')
    const mine = join(test.downloadFolder, hd.suggestedName)
    await mkdir(dirname(mine), { recursive: true })
    await writeFile(mine, 'an editor’s own file')

    // Nobody chose yet (the setting says "ask"): nothing is queued, the conflict is described.
    const asked = await test.call('downloads.enqueue', { items: [{ reference: hd.reference }] })
    expect(asked).toMatchObject({ added: 0, jobs: [] })
    expect(asked.conflicts).toEqual({
      count: 1,
      replaceable: 0,
      examples: [{ fileName: hd.suggestedName, holder: 'file' }],
    })
    expect(test.runtime.engine.manager.list()).toHaveLength(0)

    const skipped = await test.call('downloads.enqueue', {
      items: [{ reference: hd.reference }],
      conflicts: 'skip',
    })
    expect(skipped).toMatchObject({ added: 0, skippedConflicts: 1, conflicts: null })

    // "Replace" never touches a file that is not an unfinished download of ours.
    const kept = await test.call('downloads.enqueue', {
      items: [{ reference: hd.reference }],
      conflicts: 'replace',
    })
    expect(kept).toMatchObject({ added: 1, renamed: 1, replaced: 0 })
    const done = await test.waitForJob(kept.jobs[0]!.id, ['completed', 'failed'])
    expect(done.fileName).toBe(hd.suggestedName.replace('HD.mp4', 'HD (1).mp4'))
    expect(await readFile(mine, 'utf8')).toBe('an editor’s own file')

    // A slow source holds a name while it downloads; another file asked under that name.
    await test.call('settings.update', { speedLimitBytesPerSecond: 512 * 1024 })
    const large = roles.largeSources[0]!
    const source = find(await filesOf(test, large), 'source')
    const first = (
      await test.call('downloads.enqueue', { items: [{ reference: source.reference }] })
    ).jobs[0]!
    await test.waitForJob(first.id, ['downloading'])
    const other = find(await filesOf(test, roles.largeSources[1]!), 'source')
    const clash = { reference: other.reference, fileName: first.fileName }
    const question = await test.call('downloads.enqueue', { items: [clash] })
    expect(question.conflicts).toMatchObject({
      count: 1,
      replaceable: 1,
      examples: [{ fileName: first.fileName, holder: 'download' }],
    })
    const replaced = await test.call('downloads.enqueue', { items: [clash], conflicts: 'replace' })
    expect(replaced).toMatchObject({ added: 1, replaced: 1, renamed: 0 })
    // The first download is gone (SQLite may give its id to the new job): one job holds the name.
    const holders = test.runtime.engine.manager
      .list()
      .filter((job) => job.fileName === first.fileName)
    expect(
      holders.map((job) => (job.source.kind === 'vod' ? job.source.reference.mediaId : null)),
    ).toEqual([other.reference.mediaId])
    await test.call('settings.update', { speedLimitBytesPerSecond: 0 })
    const taken = await test.waitForJob(replaced.jobs[0]!.id, ['completed', 'failed'])
    expect(taken).toMatchObject({ state: 'completed', fileName: first.fileName })
  })

  it('uses the remembered choice without asking', async () => {
    harness = await startAppHarness()
    const test = harness
    const hd = find(await filesOf(test, test.emulator.library.roles.normalWithHdMp4), 'rendition')
    const mine = join(test.downloadFolder, hd.suggestedName)
    await mkdir(dirname(mine), { recursive: true })
    await writeFile(mine, 'mine')
    await test.call('settings.update', { nameConflicts: 'skip' })
    const result = await test.call('downloads.enqueue', { items: [{ reference: hd.reference }] })
    expect(result).toMatchObject({ added: 0, skippedConflicts: 1, conflicts: null })
  })

  it('downloads a canceled file again in place of its canceled row', async () => {
    harness = await startAppHarness({ emulator: { largeSourceBytes: 8 * 1024 * 1024 } })
    const test = harness
    await test.call('settings.update', { speedLimitBytesPerSecond: 512 * 1024 })
    const source = find(await filesOf(test, test.emulator.library.roles.largeSources[0]!), 'source')
    const [job] = (
      await test.call('downloads.enqueue', { items: [{ reference: source.reference }] })
    ).jobs
    await test.waitForJob(job!.id, ['downloading'])
    await test.call('downloads.cancel', { ids: [job!.id] })
    await test.waitForJob(job!.id, ['canceled'])
    const again = await test.call('downloads.enqueue', { items: [{ reference: source.reference }] })
    expect(again).toMatchObject({ added: 1, alreadyQueued: 0, conflicts: null })
    expect(again.jobs[0]?.fileName).toBe(job!.fileName)
    expect(test.runtime.engine.manager.list().map((item) => item.id)).toEqual([again.jobs[0]?.id])
  })
})

describe('batches and queue order', () => {
  it('keeps what a batch was made from, and moves jobs to the top or before another', async () => {
    harness = await startAppHarness()
    const test = harness
    const { roles } = test.emulator.library
    await test.call('downloads.pauseAll', {})
    const mediaIds = [roles.normalWithHdMp4, roles.withInvisibleStreams, roles.transcoding]
    const result = await test.call('downloads.enqueueSelection', {
      mediaType: 'video',
      mediaIds: [...mediaIds, 'nosuchvideo'],
      selection: 'source',
    })
    const batchId = result.jobs[0]!.batchId
    const [note] = await test.call('downloads.batches', {})
    expect(note).toMatchObject({
      id: batchId,
      origin: { kind: 'selection', selection: 'source', mediaType: 'video', mediaCount: 4 },
      skippedMedia: 1,
      skippedMediaItems: [{ mediaId: 'nosuchvideo', title: null }],
    })

    const ids = () => test.runtime.engine.manager.list().map((job) => job.id)
    const [a, b, c] = ids() as [number, number, number]
    await test.call('downloads.reorder', { ids: [c], to: 'top' })
    expect(ids()).toEqual([c, a, b])
    await test.call('downloads.reorder', { ids: [c, a], to: { before: b } })
    expect(ids()).toEqual([c, a, b])
    await test.call('downloads.reorder', { ids: [b, c], to: 'top' })
    expect(ids()).toEqual([c, b, a])
    await test.call('downloads.reorder', { ids: [a], to: { before: b } })
    expect(ids()).toEqual([c, a, b])
  })
})
