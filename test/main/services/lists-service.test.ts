import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { importListLimitBytes, type AddressListExport } from '../../../src/shared/contract'
import { startFixtureServer, type FixtureServer } from '../../support/fixture-server'
import { startAppHarness, type AppHarness } from './harness'
import { exportCsvRows, type ExportCsvRow } from '../../support/export-csv'

let harness: AppHarness | undefined
let fixtures: FixtureServer | undefined

afterEach(async () => {
  await harness?.cleanup()
  harness = undefined
  await fixtures?.close()
  fixtures = undefined
})

function apiCalls(action: string): number {
  return (harness as AppHarness).emulator.log.filter(
    (entry) => entry.kind === 'api' && entry.action === action,
  ).length
}

function titleMatches(text: string): string[] {
  return (harness as AppHarness).emulator.library.videos
    .filter((video) => video.title.includes(text))
    .map((video) => video.id)
}

describe('lists.export', () => {
  it('exports the whole filter as CSV and JSON with working URLs and their expiry', async () => {
    harness = await startAppHarness()
    const startedAt = Date.now()
    const wanted = titleMatches('2026')
    expect(wanted.length).toBeGreaterThan(1)
    const result: AddressListExport = await harness.call('lists.export', {
      mediaType: 'video',
      target: { kind: 'filter', title: '2026' },
      files: ['source'],
      formats: ['csv', 'json'],
    })
    // The app's defaults: CDN, and the lifetime from Settings (24 h).
    expect(result).toMatchObject({
      addressType: 'cdn',
      authTimeoutSeconds: 86_400,
      itemCount: wanted.length,
    })
    const rows = exportCsvRows(result.csv)
    expect(rows.map((row) => row.mediaId).sort()).toEqual([...wanted].sort())
    const addressed = rows.filter((row) => row.url !== '')
    expect(addressed.length).toBe(result.rowCount - result.failedRowCount)
    expect(addressed.length).toBeGreaterThan(0)
    for (const row of addressed) {
      expect(row.kind).toBe('source')
      expect(row.url).toContain('auth_key=')
      const expiresAt = Date.parse(row.expiresAt)
      expect(expiresAt).toBeGreaterThan(startedAt + 86_400_000 - 60_000)
      expect(expiresAt).toBeLessThanOrEqual(Date.now() + 86_400_000 + 1000)
    }
    const expiries = addressed.map((row) => Date.parse(row.expiresAt))
    expect(result.earliestExpiresAt).toBe(Math.min(...expiries))
    expect(result.latestExpiresAt).toBe(Math.max(...expiries))

    const json = JSON.parse(result.json ?? '') as {
      warning: string
      selection: { match: string }
      rows: Array<{ mediaId: string; url: string | null; expiresAt: string | null }>
      rowCount: number
    }
    expect(json.warning).toMatch(/signed/)
    expect(json.selection.match).toBe("Title = '2026'")
    expect(json.rowCount).toBe(result.rowCount)
    expect(json.rows.map((row) => row.expiresAt)).toEqual(rows.map((row) => row.expiresAt || null))

    const first = addressed[0] as ExportCsvRow
    const response = await fetch(first.url, { headers: { Range: 'bytes=0-15' } })
    expect(response.status).toBe(206)
  })

  it('follows the search past 5,000 results: every video of the library, no cap', async () => {
    harness = await startAppHarness({ emulator: { extraVideos: 5200 } })
    const { videos } = harness.emulator.library
    const result = await harness.call('lists.export', {
      mediaType: 'video',
      target: { kind: 'filter' },
      files: ['source'],
      formats: ['csv'],
    })
    expect(result.json).toBeNull()
    expect(result.itemCount).toBe(videos.length)
    expect(apiCalls('SearchMedia')).toBe(Math.ceil(videos.length / 100))
    const ids = new Set(exportCsvRows(result.csv).map((row) => row.mediaId))
    expect(ids).toEqual(new Set(videos.map((video) => video.id)))
  })

  it('exports a selection as OSS addresses of one rendition, with a lifetime and a reason per miss', async () => {
    harness = await startAppHarness()
    const { roles } = harness.emulator.library
    const result = await harness.call('lists.export', {
      mediaType: 'video',
      target: {
        kind: 'selection',
        mediaIds: [roles.normalWithHdMp4, roles.transcoding, roles.normalWithHdMp4],
      },
      files: ['rendition', 'cover'],
      definition: 'hd',
      format: 'MP4',
      addressType: 'oss',
      authTimeoutSeconds: 7200,
      formats: ['csv'],
    })
    expect(result).toMatchObject({ addressType: 'oss', authTimeoutSeconds: 7200, itemCount: 2 })
    const rows = exportCsvRows(result.csv)
    const renditions = rows.filter(
      (row) => row.mediaId === roles.normalWithHdMp4 && row.kind === 'rendition',
    )
    expect(renditions.length).toBeGreaterThan(0)
    expect(renditions.every((row) => row.definition === 'HD' && row.format === 'mp4')).toBe(true)
    expect(renditions.every((row) => row.url.includes('Expires='))).toBe(true)
    for (const row of renditions) {
      expect(Date.parse(row.expiresAt)).toBeLessThanOrEqual(Date.now() + 7200_000 + 1000)
    }
    expect(rows.some((row) => row.kind === 'cover')).toBe(true)
    const transcoding = rows.find(
      (row) => row.mediaId === roles.transcoding && row.kind === 'rendition',
    )
    expect(transcoding?.errorCode).toBe('IllegalStatus')
    expect(result.failures.find((failure) => failure.code === 'IllegalStatus')?.count).toBe(1)
  })

  it('refuses files a media type cannot have and a reversed date range, before calling VOD', async () => {
    harness = await startAppHarness()
    const before = harness.emulator.log.length
    const wrongKind = await harness.failure('lists.export', {
      mediaType: 'image',
      target: { kind: 'filter' },
      files: ['source'],
      formats: ['csv'],
    })
    expect(wrongKind.code).toBe('InvalidInput')
    const reversed = await harness.failure('lists.export', {
      mediaType: 'video',
      target: {
        kind: 'filter',
        createdFrom: '2026-03-02T00:00:00Z',
        createdTo: '2026-03-01T00:00:00Z',
      },
      files: ['source'],
      formats: ['csv'],
    })
    expect(reversed.code).toBe('InvalidInput')
    const noFormat = await harness.failure('lists.export', {
      mediaType: 'video',
      target: { kind: 'filter' },
      files: ['source'],
      formats: [],
    })
    expect(noFormat.code).toBe('InvalidInput')
    expect(harness.emulator.log.length).toBe(before)
  })
})

describe('lists.import', () => {
  it('adds the good lines as one batch that downloads, and reports each bad line by number', async () => {
    harness = await startAppHarness()
    fixtures = await startFixtureServer([{ path: '/files/clip.bin', size: 200_000 }])
    const { library } = harness.emulator
    const master = library.findMedia(library.roles.normalWithHdMp4)
    const unknownId = '0123456789abcdef0123456789abcdef'
    const text = [
      'mediaId,fileName,kind,url',
      `${library.roles.normalWithHdMp4},master copy.mp4,source,`,
      'not-an-id,,,',
      `${unknownId},,,`,
      `,,,${fixtures.url('/files/clip.bin')}`,
      `${library.roles.normalWithHdMp4},other.mp4,teaser,`,
    ].join('\r\n')
    const result = await harness.call('lists.import', { fileName: 'pulls.csv', text })
    expect(result).toMatchObject({ added: 2, alreadyQueued: 0, badLineCount: 3 })
    expect(result.badLines.map((line) => line.line)).toEqual([3, 4, 6])
    expect(result.badLines[0]?.message).toContain('not a media id: "not-an-id"')
    expect(result.badLines[1]?.message).toContain(`${unknownId} does not exist`)
    expect(result.badLines[2]?.message).toContain('unknown kind "teaser"')

    const jobs = harness.runtime.engine.manager.list()
    expect(jobs).toHaveLength(2)
    expect(new Set(jobs.map((job) => job.batchId)).size).toBe(1)
    expect(jobs[0]?.batchId).not.toBeNull()
    for (const job of jobs) {
      expect((await harness.waitForJob(job.id, ['completed', 'failed'])).state).toBe('completed')
    }
    const source = master?.source.file ?? ''
    expect(await readFile(join(harness.downloadFolder, 'master copy.mp4'))).toEqual(
      await readFile(join(library.mediaDirectory, source)),
    )

    // The same list again adds nothing for the VOD file already in the list.
    const again = await harness.call('lists.import', { fileName: 'pulls.csv', text })
    expect(again.alreadyQueued).toBe(1)
    expect(again.added).toBe(1)
  })

  it('imports an exported list back, and a list of URLs without any account', async () => {
    harness = await startAppHarness()
    const exported = await harness.call('lists.export', {
      mediaType: 'video',
      target: { kind: 'filter', title: '2026' },
      files: ['source'],
      formats: ['csv'],
    })
    const imported = await harness.call('lists.import', {
      fileName: 'addresses.csv',
      text: exported.csv ?? '',
    })
    // Every row names its media id and kind: the jobs store those, never the signed URLs.
    expect(imported).toMatchObject({ added: exported.rowCount, badLineCount: 0 })
    const jobs = harness.runtime.engine.manager.list()
    expect(
      jobs.map((job) => (job.source.kind === 'vod' ? job.source.reference.mediaId : '')).sort(),
    ).toEqual(
      exportCsvRows(exported.csv)
        .map((row) => row.mediaId)
        .sort(),
    )
    expect(
      jobs.every((job) => job.source.kind === 'vod' && job.source.reference.kind === 'source'),
    ).toBe(true)

    await harness.call('account.clear', {})
    fixtures = await startFixtureServer([{ path: '/clips/a.mp4', size: 50_000 }])
    const urls = await harness.call('lists.import', {
      fileName: 'urls.txt',
      text: `# partner files\n${fixtures.url('/clips/a.mp4')}  episode 1.mp4\nftp://nope\n`,
    })
    expect(urls).toMatchObject({ added: 1, badLineCount: 1 })
    expect(urls.badLines[0]?.line).toBe(3)
    // A media id needs the account: the whole import says so instead of half-importing.
    const ids = await harness.failure('lists.import', {
      fileName: 'ids.txt',
      text: harness.emulator.library.roles.normalWithHdMp4,
    })
    expect(ids.code).toBe('NotConfigured')
  })

  it('names files as the Library does, in exported lists and in imports without names', async () => {
    harness = await startAppHarness()
    const app = harness
    const mediaId = app.emulator.library.roles.normalWithHdMp4
    // What the Library would call each file (Details, Batch and queueing use these names).
    const libraryNames = async (): Promise<Map<string, string>> => {
      const details = await app.call('media.details', { mediaId, mediaType: 'video' })
      return new Map(
        details.files.map((file) => [
          [file.kind, file.definition ?? '', file.format ?? '', file.reference.index ?? ''].join(
            '|',
          ),
          file.suggestedName,
        ]),
      )
    }
    const exportedNames = async (): Promise<Map<string, string>> => {
      const exported = await app.call('lists.export', {
        mediaType: 'video',
        target: { kind: 'selection', mediaIds: [mediaId] },
        files: ['source', 'rendition', 'cover', 'snapshots'],
        formats: ['csv'],
      })
      return new Map(
        exportCsvRows(exported.csv)
          .filter((row) => row.url !== '')
          .map((row) => [
            [row.kind, row.definition, row.format, row.index].join('|'),
            row.fileName,
          ]),
      )
    }
    for (const template of [
      '{title}/{definition}.{ext}',
      '{date}/{mediaId}-{kind}-{index}.{ext}',
    ]) {
      await app.call('settings.update', { fileNameTemplate: template })
      const library = await libraryNames()
      const exported = await exportedNames()
      expect(exported.size).toBeGreaterThan(3)
      for (const [key, name] of exported) expect([key, name]).toEqual([key, library.get(key)])
    }

    // A list of ids without names: each file is named by the template too.
    const imported = await app.call('lists.import', {
      fileName: 'ids.txt',
      text: `${mediaId}\n`,
    })
    expect(imported).toMatchObject({ added: 1, badLineCount: 0 })
    const [job] = app.runtime.engine.manager.list()
    expect(job?.fileName).toBe((await libraryNames()).get('source|||'))
  })

  it('refuses a list over 10 MiB in main, whatever the window checked', async () => {
    harness = await startAppHarness({ connect: false })
    const tooLarge = await harness.failure('lists.import', {
      fileName: 'huge.txt',
      text: 'a'.repeat(importListLimitBytes + 1),
    })
    expect(tooLarge.code).toBe('InvalidInput')
    // Bytes, not characters: 3.5 million Chinese characters are 10.5 MB of UTF-8.
    const wide = await harness.failure('lists.import', {
      fileName: 'wide.txt',
      text: '视'.repeat(3_500_000),
    })
    expect(wide.code).toBe('InvalidInput')
    expect(harness.runtime.engine.manager.list()).toHaveLength(0)
  })
})
