import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { downloadableFileSchema, mediaDetailsSchema } from '../../../src/shared/contract'
import { startAppHarness, type AppHarness } from './harness'

describe('media details against the demo library', () => {
  let harness: AppHarness

  beforeAll(async () => {
    harness = await startAppHarness()
  })

  afterAll(async () => {
    await harness.cleanup()
  })

  it('maps a video, its files, names from the template and picture thumbnails', async () => {
    const { library } = harness.emulator
    const video = library.findMedia(library.roles.normalWithHdMp4)!
    const details = await harness.call('media.details', { mediaId: video.id, mediaType: 'video' })
    expect(mediaDetailsSchema.parse(details.media)).toEqual(details.media)
    expect(details.media).toMatchObject({
      mediaId: video.id,
      mediaType: 'video',
      title: video.title,
      status: 'Normal',
      categoryId: video.cateId,
      tags: video.tags,
      size: video.source.size,
    })
    expect(details.warnings).toEqual([])
    expect(details.downloads).toEqual([])
    for (const file of details.files) expect(downloadableFileSchema.parse(file)).toEqual(file)

    const source = details.files.find((file) => file.kind === 'source')!
    expect(source).toMatchObject({
      suggestedName: `${video.title}/source.${video.source.fileName.split('.').pop()!.toLowerCase()}`,
      size: video.source.size,
      thumbnailUrl: null,
      reason: null,
      forcedOss: false,
    })
    const renditions = details.files.filter((file) => file.kind === 'rendition')
    expect(renditions.map((file) => `${file.definition}.${file.format}`).sort()).toEqual(
      video.streams.map((stream) => `${stream.definition}.${stream.format}`).sort(),
    )
    expect(renditions.find((file) => file.definition === 'HD')).toMatchObject({
      suggestedName: `${video.title}/HD.mp4`,
      encryption: 'none',
      downloadable: true,
      thumbnailUrl: null,
    })
    const pictures = details.files.filter((file) =>
      ['cover', 'snapshot', 'sprite'].includes(file.kind),
    )
    expect(pictures.length).toBeGreaterThan(0)
    for (const picture of pictures)
      expect(picture.thumbnailUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\//)
    const snapshot = details.files.find((file) => file.kind === 'snapshot')
    if (snapshot)
      expect(snapshot.suggestedName).toMatch(new RegExp(`^${video.title}/snapshot-00\\d\\.jpg$`))
  })

  it('gives refused files their reason and keeps input-bucket sources on OSS', async () => {
    const { roles } = harness.emulator.library
    const locked = await harness.call('media.details', {
      mediaId: roles.proprietaryOnly,
      mediaType: 'video',
    })
    const encrypted = locked.files.filter((file) => file.kind === 'rendition')
    expect(encrypted.length).toBeGreaterThan(0)
    for (const file of encrypted) {
      expect(file).toMatchObject({
        downloadable: false,
        encryption: 'proprietary',
        reason: { code: 'ProprietaryEncryption' },
      })
      expect(file.reason?.messageZh).toMatch(/加密/)
    }
    const raw = await harness.call('media.details', {
      mediaId: roles.inputBucketSource,
      mediaType: 'video',
    })
    expect(raw.files.find((file) => file.kind === 'source')).toMatchObject({
      forcedOss: true,
      reference: { outputType: 'oss' },
    })
  })

  it('maps an image and its original', async () => {
    const image = harness.emulator.library.findImage(harness.emulator.library.roles.image)!
    const details = await harness.call('media.details', { mediaId: image.id, mediaType: 'image' })
    expect(details.media).toMatchObject({ mediaType: 'image', title: image.title, duration: null })
    expect(details.files.map((file) => file.kind)).toEqual(['image', 'image-original'])
    for (const file of details.files) expect(file.thumbnailUrl).toMatch(/^http:/)
    expect(details.files[1]).toMatchObject({ forcedOss: true, reference: { outputType: 'oss' } })
  })

  it('shows the parts that loaded and warns about the part that failed', async () => {
    const { roles } = harness.emulator.library
    // A 500 is sent again (three attempts in all); one that persists is a warning.
    harness.emulator.failNext('ListSnapshots', { code: 'InternalError', status: 500, count: 3 })
    const details = await harness.call('media.details', {
      mediaId: roles.manySnapshots,
      mediaType: 'video',
    })
    expect(details.warnings).toEqual([expect.objectContaining({ code: 'ServerError' })])
    expect(details.files.some((file) => file.kind === 'rendition')).toBe(true)
    expect(details.files.some((file) => file.kind === 'source')).toBe(true)
  })

  it('lists a video that is not transcoded yet without streams or warnings', async () => {
    const details = await harness.call('media.details', {
      mediaId: harness.emulator.library.roles.uploadSucc,
      mediaType: 'video',
    })
    expect(details.media.status).toBe('UploadSucc')
    expect(details.files.filter((file) => file.kind === 'rendition')).toEqual([])
    expect(details.warnings).toEqual([])
  })

  it('offers the source of a transcoding video and says why its streams and snapshots are not there', async () => {
    const details = await harness.call('media.details', {
      mediaId: harness.emulator.library.roles.transcoding,
      mediaType: 'video',
    })
    expect(details.media.status).toBe('Transcoding')
    expect(details.files.map((file) => [file.kind, file.downloadable])).toEqual([
      ['source', true],
      ['cover', true],
    ])
    expect(details.warnings).toEqual([])
    expect(
      details.unavailable.map((part) => [part.part, part.error.code, part.error.detail]),
    ).toEqual([
      ['renditions', 'IllegalStatus', 'Transcoding'],
      ['cover-candidates', 'IllegalStatus', 'Transcoding'],
      ['snapshots', 'IllegalStatus', 'Transcoding'],
      ['sprites', 'IllegalStatus', 'Transcoding'],
      ['sprite-origins', 'IllegalStatus', 'Transcoding'],
      ['webvtt', 'IllegalStatus', 'Transcoding'],
    ])
    const produced = await harness.call('media.details', {
      mediaId: harness.emulator.library.roles.produceFail,
      mediaType: 'video',
    })
    expect(produced.files).toEqual([])
    expect(produced.unavailable[0]).toMatchObject({
      part: 'source',
      error: { code: 'NotFound', detail: 'InvalidFile.NotFound' },
    })
  })

  it('fails with NotFound for an unknown item and follows a template change', async () => {
    expect(
      (await harness.failure('media.details', { mediaId: 'nosuchvideo', mediaType: 'video' })).code,
    ).toBe('NotFound')
    const { roles } = harness.emulator.library
    await harness.call('settings.update', {
      fileNameTemplate: '{mediaId}/{date}-{definition}.{ext}',
    })
    try {
      const details = await harness.call('media.details', {
        mediaId: roles.normalWithHdMp4,
        mediaType: 'video',
      })
      const hd = details.files.find((file) => file.definition === 'HD')!
      expect(hd.suggestedName).toMatch(
        new RegExp(`^${roles.normalWithHdMp4}/\\d{4}-\\d{2}-\\d{2}-HD\\.mp4$`),
      )
    } finally {
      await harness.call('settings.update', { fileNameTemplate: '{title}/{definition}.{ext}' })
    }
  })
})
