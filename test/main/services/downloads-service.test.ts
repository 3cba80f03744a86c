import { createHash } from 'node:crypto'
import { existsSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { referenceKey, type DownloadableFile } from '../../../src/shared/contract'
import { startAppHarness, type AppHarness } from './harness'

let harness: AppHarness | undefined

afterEach(async () => {
  await harness?.cleanup()
  harness = undefined
})

function md5(bytes: Buffer): string {
  return createHash('md5').update(bytes).digest('hex')
}

function hdMp4(files: readonly DownloadableFile[]): DownloadableFile {
  const file = files.find(
    (candidate) =>
      candidate.kind === 'rendition' &&
      candidate.definition === 'HD' &&
      candidate.format === 'mp4' &&
      candidate.status === 'Normal',
  )
  if (!file) throw new Error('no HD mp4 rendition listed')
  return file
}

describe('downloads service', () => {
  it('queues a rendition under the template name and completes it with the served bytes', async () => {
    harness = await startAppHarness()
    const { emulator } = harness
    const video = emulator.library.findMedia(emulator.library.roles.normalWithHdMp4)!
    const details = await harness.call('media.details', { mediaId: video.id, mediaType: 'video' })
    const file = hdMp4(details.files)
    expect(file.suggestedName).toBe(`${video.title}/HD.mp4`)

    const { jobs, added } = await harness.call('downloads.enqueue', {
      items: [{ reference: file.reference }],
    })
    const [job] = jobs
    expect(added).toBe(1)
    expect(job).toMatchObject({ state: 'queued', fileName: `${video.title}/HD.mp4` })
    const finished = await harness.waitForJob(job!.id, ['completed', 'failed'])
    expect(finished.error).toBeNull()
    expect(finished.state).toBe('completed')

    const path = join(harness.downloadFolder, video.title, 'HD.mp4')
    const bytes = await readFile(path)
    const stream = video.streams.find(
      (s) => s.definition === 'HD' && s.format === 'mp4' && s.status === 'Normal',
    )!
    const served = await readFile(join(emulator.library.mediaDirectory, stream.file!))
    expect(md5(bytes)).toBe(md5(served))
    expect(existsSync(path)).toBe(true)

    // Asking again answers the existing job instead of a second download.
    const again = await harness.call('downloads.enqueue', {
      items: [{ reference: file.reference }],
    })
    expect(again.jobs.map((item) => item.id)).toEqual([job!.id])
    expect(again).toMatchObject({ added: 0, alreadyDownloaded: 1, alreadyQueued: 0 })
    const reloaded = await harness.call('media.details', { mediaId: video.id, mediaType: 'video' })
    expect(
      reloaded.downloads.map((item) =>
        referenceKey(item.source.kind === 'vod' ? item.source.reference : file.reference),
      ),
    ).toContain(referenceKey(file.reference))
  })
})

describe('downloads service batches', () => {
  it('summarizes a batch, then queues it under the template names', async () => {
    harness = await startAppHarness()
    const { library } = harness.emulator
    const { roles } = library
    const mediaIds = [
      roles.normalWithHdMp4,
      roles.withInvisibleStreams,
      roles.transcoding,
      roles.proprietaryOnly,
      'nosuchvideo',
    ]
    const hdStreams = mediaIds
      .map((id) => library.findMedia(id))
      .flatMap((media) => media?.streams ?? [])
      .filter(
        (stream) =>
          stream.definition === 'HD' &&
          stream.format === 'mp4' &&
          stream.status === 'Normal' &&
          stream.encrypt === 0,
      )
    const summary = await harness.call('downloads.summarize', {
      mediaType: 'video',
      mediaIds,
      selection: 'rendition',
      definition: 'HD',
      format: 'mp4',
    })
    expect(summary).toMatchObject({
      mediaCount: 5,
      count: hdStreams.length,
      totalBytes: hdStreams.reduce((sum, stream) => sum + stream.size, 0),
      unknownSizes: 0,
      skippedMedia: 5 - hdStreams.length,
      alreadyQueued: 0,
      alreadyDownloaded: 0,
    })
    // The media that gave nothing are named: by title when they could be read, else with why.
    const skipped = new Map(summary.skippedMediaItems.map((item) => [item.mediaId, item]))
    expect(skipped.size).toBe(5 - hdStreams.length)
    expect(skipped.get('nosuchvideo')).toMatchObject({ title: null, reason: { code: 'NotFound' } })
    expect(skipped.get(roles.proprietaryOnly)).toMatchObject({
      title: library.findMedia(roles.proprietaryOnly)?.title,
      reason: null,
    })

    const sources = await harness.call('downloads.enqueueSelection', {
      mediaType: 'video',
      mediaIds: [roles.normalWithHdMp4, roles.withInvisibleStreams],
      selection: 'source',
    })
    expect(sources.skippedMedia).toBe(0)
    expect(sources.jobs).toHaveLength(2)
    expect(sources.jobs[0]?.batchId).not.toBeNull()
    for (const job of sources.jobs) {
      const done = await harness.waitForJob(job.id, ['completed', 'failed'])
      expect(done.error).toBeNull()
      const media = library.findMedia(
        job.source.kind === 'vod' ? job.source.reference.mediaId : '',
      )!
      expect(done.fileName).toBe(
        `${media.title}/source.${media.source.fileName.split('.').pop()!.toLowerCase()}`,
      )
      expect(existsSync(join(harness.downloadFolder, done.fileName))).toBe(true)
    }
    // Queued again: the same jobs answer, nothing new starts.
    const again = await harness.call('downloads.enqueueSelection', {
      mediaType: 'video',
      mediaIds: [roles.normalWithHdMp4],
      selection: 'source',
    })
    expect(again.jobs.map((job) => job.id)).toEqual([sources.jobs[0]?.id])
    expect(again).toMatchObject({ added: 0, alreadyDownloaded: 1, alreadyQueued: 0 })
    expect(harness.runtime.engine.manager.list()).toHaveLength(2)
  })

  it('keeps a forced-OSS source on OSS whatever address type is asked', async () => {
    harness = await startAppHarness()
    const { roles } = harness.emulator.library
    const details = await harness.call('media.details', {
      mediaId: roles.inputBucketSource,
      mediaType: 'video',
    })
    const source = details.files.find((file) => file.kind === 'source')!
    const [job] = (
      await harness.call('downloads.enqueue', {
        items: [{ reference: { ...source.reference, outputType: 'cdn' } }],
        addressType: 'cdn',
      })
    ).jobs
    expect(job?.source).toMatchObject({ kind: 'vod', reference: { outputType: 'oss' } })
    expect((await harness.waitForJob(job!.id, ['completed', 'failed'])).state).toBe('completed')
  })

  it('pauses, resumes, removes with and without files, and clears completed jobs', async () => {
    harness = await startAppHarness({ emulator: { largeSourceBytes: 6 * 1024 * 1024 } })
    const { roles } = harness.emulator.library
    await harness.call('settings.update', { speedLimitBytesPerSecond: 2 * 1024 * 1024 })
    const [large] = (
      await harness.call('downloads.enqueueSelection', {
        mediaType: 'video',
        mediaIds: [roles.largeSources[0]!],
        selection: 'source',
      })
    ).jobs
    await harness.nextEvent('jobs.progress', (batch) =>
      batch.some((item) => item.id === large!.id && item.doneBytes > 0),
    )
    await harness.call('downloads.pause', { ids: [large!.id] })
    const paused = await harness.waitForJob(large!.id, ['paused'])
    expect(paused.doneBytes).toBeLessThan(6 * 1024 * 1024)
    await harness.call('settings.update', { speedLimitBytesPerSecond: 0 })
    await harness.call('downloads.resume', { ids: [large!.id] })
    expect((await harness.waitForJob(large!.id, ['completed', 'failed'])).state).toBe('completed')

    const details = await harness.call('media.details', {
      mediaId: roles.normalWithHdMp4,
      mediaType: 'video',
    })
    const hd = hdMp4(details.files)
    const cover = details.files.find(
      (file) => file.kind === 'cover' && file.reference.index === undefined,
    )!
    const [hdJob, coverJob] = (
      await harness.call('downloads.enqueue', {
        items: [
          { reference: hd.reference },
          { reference: cover.reference, fileName: 'covers/main.jpg' },
        ],
      })
    ).jobs
    const hdDone = await harness.waitForJob(hdJob!.id, ['completed'])
    const coverDone = await harness.waitForJob(coverJob!.id, ['completed'])
    expect(coverDone.fileName).toBe('covers/main.jpg')

    const removed = harness.nextEvent('jobs.removed', (ids) => ids.includes(hdJob!.id))
    await harness.call('downloads.remove', { ids: [hdJob!.id], deleteFiles: true })
    expect(await removed).toContain(hdJob!.id)
    expect(existsSync(join(harness.downloadFolder, hdDone.fileName))).toBe(false)

    expect(await harness.call('downloads.clearCompleted', {})).toEqual({ removed: 2 })
    expect(existsSync(join(harness.downloadFolder, coverDone.fileName))).toBe(true)
    expect(await harness.call('downloads.list', {})).toEqual([])
    expect((await harness.failure('downloads.pause', { ids: [hdJob!.id] })).code).toBe('NotFound')
  })

  it('removes a running job by pausing it first, and cancels one', async () => {
    harness = await startAppHarness({ emulator: { largeSourceBytes: 8 * 1024 * 1024 } })
    const { roles } = harness.emulator.library
    await harness.call('settings.update', { speedLimitBytesPerSecond: 1024 * 1024 })
    const { jobs } = await harness.call('downloads.enqueueSelection', {
      mediaType: 'video',
      mediaIds: [roles.largeSources[0]!, roles.largeSources[1]!],
      selection: 'source',
    })
    const [first, second] = jobs
    await harness.waitForJob(first!.id, ['downloading'])
    await harness.call('downloads.remove', { ids: [first!.id] })
    expect(harness.runtime.engine.manager.get(first!.id)).toBeUndefined()

    await harness.waitForJob(second!.id, ['downloading'])
    await harness.call('downloads.cancel', { ids: [second!.id] })
    expect((await harness.waitForJob(second!.id, ['canceled'])).state).toBe('canceled')
  })

  it('completes a source whose signed URL expires while it downloads', async () => {
    harness = await startAppHarness({
      // Cut responses force new requests, which meet the expired URL and must renew it.
      emulator: {
        largeSourceBytes: 5 * 1024 * 1024,
        maxUrlLifetimeSeconds: 2,
        cutMediaResponsesAfterBytes: 512 * 1024,
      },
    })
    const { roles } = harness.emulator.library
    await harness.call('settings.update', { speedLimitBytesPerSecond: 2 * 1024 * 1024 })
    const [job] = (
      await harness.call('downloads.enqueueSelection', {
        mediaType: 'video',
        mediaIds: [roles.largeSources[0]!],
        selection: 'source',
      })
    ).jobs
    const done = await harness.waitForJob(job!.id, ['completed', 'failed'])
    expect(done.error).toBeNull()
    expect(done.state).toBe('completed')
    // More than one signed URL was needed: the source was asked for again.
    const lookups = harness.emulator.log.filter((entry) => entry.action === 'GetMezzanineInfo')
    expect(lookups.length).toBeGreaterThan(2)
  })

  it('lists many images with one GetImageInfos per 20 instead of one call each', async () => {
    harness = await startAppHarness({ emulator: { extraImages: 45, extraImageBytes: 2048 } })
    const ids = harness.emulator.library.images
      .filter((image) => image.tags.includes('generated'))
      .map((image) => image.id)
    const request = {
      mediaType: 'image' as const,
      mediaIds: [...ids, 'no-such-image'],
      selection: 'source' as const,
    }
    // The summary lists them the same way as queueing does, and starts no download that would
    // add its own GetImageInfo calls.
    const summary = await harness.call('downloads.summarize', request)
    expect(summary).toMatchObject({ mediaCount: 46, count: 45, skippedMedia: 1 })
    const calls = (action: string) =>
      harness!.emulator.log.filter((entry) => entry.action === action).length
    expect(calls('GetImageInfos')).toBe(3)
    // The unknown id is looked up on its own, so it is skipped with its own error.
    expect(calls('GetImageInfo')).toBe(1)
    const result = await harness.call('downloads.enqueueSelection', request)
    expect(result.jobs).toHaveLength(45)
    expect(result.skippedMedia).toBe(1)
    const done = await Promise.all(
      result.jobs.map((job) => harness!.waitForJob(job.id, ['completed', 'failed'])),
    )
    expect(done.every((job) => job.state === 'completed')).toBe(true)
  })
})
