import { describe, expect, it } from 'vitest'
import { AppError } from '../../../src/shared/errors'
import type { VodFileReference } from '../../../src/shared/vod'
import type { DownloadableFile } from '../../../src/main/vod/downloadable-files'
import { parseFileChoice } from '../../../src/main/lists/file-choices'
import { parseImportList } from '../../../src/main/lists/import-list'
import {
  directReference,
  planImport,
  type FileRequest,
  type ImportDependencies,
  type ImportSettings,
} from '../../../src/main/lists/import-plan'
import type { KnownMedia } from '../../../src/main/lists/media-lookup'

const video: KnownMedia = {
  mediaId: '93ab850b4f654b6e91d24d81d44d3a1e',
  mediaType: 'video',
  title: '西湖 航拍',
}
const image: KnownMedia = {
  mediaId: 'bbc65bba53fed90de118a7849d79c002',
  mediaType: 'image',
  title: '海报',
}
const unknownId = '0123456789abcdef0123456789abcdef'

const settings: ImportSettings = { directory: '/downloads', outputType: 'cdn', connections: 4 }

function rendition(definition: string, format: string, downloadable = true): DownloadableFile {
  const reference: VodFileReference = {
    mediaId: video.mediaId,
    mediaType: 'video',
    kind: 'rendition',
    outputType: 'cdn',
    definition,
    format,
    jobId: `job-${definition}-${format}`,
  }
  return {
    reference,
    kind: 'rendition',
    label: `${definition} ${format}`,
    definition,
    format,
    size: 100,
    encryption: downloadable ? 'none' : 'proprietary',
    downloadable,
    ...(downloadable ? {} : { reason: 'ProprietaryEncryption' as const }),
    suggestedName: `西湖 航拍.${definition}.${format}`,
    addressType: 'cdn',
    forcedOss: false,
    addressTypeSelectable: true,
  }
}

/** Lookups answered from two known items; listings record what was asked. */
function dependencies(listings: FileRequest[] = []): ImportDependencies {
  const known = new Map([video, image].map((media) => [media.mediaId, media]))
  return {
    lookupMedia(mediaIds) {
      const found = new Map<string, KnownMedia>()
      for (const mediaId of mediaIds) {
        const media = known.get(mediaId)
        if (media) found.set(mediaId, media)
      }
      return Promise.resolve({ found, missing: mediaIds.filter((mediaId) => !known.has(mediaId)) })
    },
    listFiles(media, request) {
      listings.push(request)
      if (media.mediaType === 'image')
        return Promise.resolve({ title: '', selected: [], refused: [] })
      const files = [rendition('HD', 'mp4'), rendition('SD', 'mp4'), rendition('HD', 'm3u8', false)]
      const matching = files.filter(
        (file) => !request.definition || file.definition === request.definition,
      )
      return Promise.resolve({
        title: media.title ?? media.mediaId,
        selected: matching.filter((file) => file.downloadable),
        refused: matching
          .filter((file) => !file.downloadable)
          .map((file) => ({ file, reason: file.reason ?? 'Unsupported' })),
      })
    },
  }
}

describe('planImport', () => {
  it('turns ids, URLs and CSV rows into jobs and reports the lines it cannot use', async () => {
    const text = [
      'mediaId,url,fileName,kind,definition,format',
      `${video.mediaId},,master.mov,,,`,
      `,https://example.com/a.mp4,../../a.mp4,,,`,
      `${unknownId},,,,,`,
      `${image.mediaId},,,rendition,,`,
      `${image.mediaId},,,image-original,,`,
      `${video.mediaId},,hd.mp4,rendition,HD,mp4`,
      `${video.mediaId},,,rendition,HD,`,
      `${video.mediaId},,master.mov,source,,`,
    ].join('\n')
    const listings: FileRequest[] = []
    const plan = await planImport(
      parseImportList(text, 'csv').entries,
      settings,
      dependencies(listings),
    )
    expect(plan.jobs.map((job) => [job.source, job.fileName])).toEqual([
      [
        {
          kind: 'vod',
          reference: {
            mediaId: video.mediaId,
            mediaType: 'video',
            kind: 'source',
            outputType: 'cdn',
          },
        },
        'master.mov',
      ],
      [{ kind: 'url', url: 'https://example.com/a.mp4' }, 'a.mp4'],
      [
        {
          kind: 'vod',
          reference: {
            mediaId: image.mediaId,
            mediaType: 'image',
            kind: 'image-original',
            outputType: 'oss',
          },
        },
        undefined,
      ],
      [
        {
          kind: 'vod',
          reference: {
            mediaId: video.mediaId,
            mediaType: 'video',
            kind: 'rendition',
            outputType: 'cdn',
            definition: 'HD',
            format: 'mp4',
          },
        },
        'hd.mp4',
      ],
      [{ kind: 'vod', reference: rendition('HD', 'mp4').reference }, '西湖 航拍.HD.mp4'],
    ])
    expect(plan.jobs.every((job) => job.directory === '/downloads' && job.connections === 4)).toBe(
      true,
    )
    expect(plan.jobs[4]?.expected).toEqual({ size: 100 })
    expect(listings).toEqual([{ kinds: ['rendition'], definition: 'HD', everything: false }])
    expect(plan.problems).toEqual([
      { line: 4, message: `${unknownId} does not exist in the VOD library` },
      { line: 5, message: `${image.mediaId} is an image: it has no rendition file` },
      {
        line: 8,
        message: expect.stringMatching(
          /HD m3u8: This stream uses Alibaba Cloud proprietary encryption/,
        ) as string,
      },
    ])
    expect(plan.notes).toEqual([{ line: 9, message: 'same file as line 2; downloaded once' }])
  })

  it('applies --file and the lifetime to lines without a kind, and puts several files of one item in a folder', async () => {
    const listings: FileRequest[] = []
    const plan = await planImport(
      parseImportList(`${video.mediaId}\n${image.mediaId} poster.jpg\n`, 'text').entries,
      { ...settings, choice: parseFileChoice('all'), authTimeout: 7200 },
      dependencies(listings),
    )
    expect(listings).toEqual([
      {
        kinds: ['source', 'rendition', 'cover', 'snapshot', 'sprite', 'sprite-origin', 'webvtt'],
        everything: true,
      },
      { kinds: ['image', 'image-original'], everything: true },
    ])
    expect(plan.jobs.map((job) => job.fileName)).toEqual([
      '西湖 航拍/西湖 航拍.HD.mp4',
      '西湖 航拍/西湖 航拍.SD.mp4',
    ])
    expect(
      plan.jobs.every(
        (job) => job.source.kind === 'vod' && job.source.reference.authTimeout === 7200,
      ),
    ).toBe(true)
    expect(plan.problems.map((problem) => problem.line)).toEqual([1, 2])
  })

  it('never calls the VOD API for a list of URLs', async () => {
    const failing: ImportDependencies = {
      lookupMedia: () => Promise.reject(new AppError('NotConfigured')),
      listFiles: () => Promise.reject(new AppError('NotConfigured')),
    }
    const plan = await planImport(
      parseImportList('https://example.com/a.mp4\nhttps://example.com/b.mp4 b.mp4', 'text').entries,
      { ...settings, urlHeaders: { referer: 'https://editor.example.com/' } },
      failing,
    )
    expect(plan.jobs.map((job) => job.source)).toEqual([
      {
        kind: 'url',
        url: 'https://example.com/a.mp4',
        headers: { referer: 'https://editor.example.com/' },
      },
      {
        kind: 'url',
        url: 'https://example.com/b.mp4',
        headers: { referer: 'https://editor.example.com/' },
      },
    ])
  })

  it('ends the run on errors about the account rather than blaming a line', async () => {
    const broken: ImportDependencies = {
      ...dependencies(),
      listFiles: () => Promise.reject(new AppError('SignatureMismatch')),
    }
    await expect(
      planImport(parseImportList(`${video.mediaId},,rendition`, 'csv').entries, settings, broken),
    ).rejects.toMatchObject({ code: 'SignatureMismatch' })
    const flaky: ImportDependencies = {
      ...dependencies(),
      listFiles: () => Promise.reject(new AppError('ServerError', 'GetPlayInfo: HTTP 503')),
    }
    const plan = await planImport(
      parseImportList(`${video.mediaId},,rendition`, 'csv').entries,
      settings,
      flaky,
    )
    expect(plan.problems).toEqual([
      { line: 1, message: expect.stringMatching(/HTTP 503/) as string },
    ])
  })
})

describe('directReference', () => {
  it('names one file without listing only when the line says which one', () => {
    const cdn = { outputType: 'cdn' as const }
    expect(directReference(video, ['rendition'], { definition: 'HD' }, cdn)).toBeUndefined()
    expect(directReference(video, ['snapshot'], {}, cdn)).toBeUndefined()
    expect(directReference(video, ['snapshot'], { index: 3 }, cdn)).toMatchObject({
      kind: 'snapshot',
      index: 3,
    })
    expect(directReference(video, ['cover'], {}, cdn)).toMatchObject({ kind: 'cover' })
    expect(directReference(video, ['sprite', 'sprite-origin'], { index: 1 }, cdn)).toBeUndefined()
    // DASH is listed first, so the line is refused with its reason instead of making a job.
    expect(
      directReference(video, ['rendition'], { definition: 'SD', format: 'mpd' }, cdn),
    ).toBeUndefined()
    expect(
      directReference(video, ['rendition'], { definition: 'SD', format: 'mp4' }, cdn),
    ).toMatchObject({ definition: 'SD', format: 'mp4' })
  })
})
